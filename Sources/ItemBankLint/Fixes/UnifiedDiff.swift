import ItemBankModel

/// A unified diff (`diff -u`, three lines of context) of a file and its fixed version, computed from
/// the edits themselves: the lines they touch are the changed lines (`itembank lint --fix --dry-run`).
public enum UnifiedDiff {
    /// `diff` with the invisible characters of its removed and added lines (`-`, `+`; not the `---` /
    /// `+++` headers) written as `<U+XXXX>`: the no-break spaces the typography fix-its insert (U+202F,
    /// U+00A0) and the other space separators but the space, and the format characters (zero-width
    /// spaces and joiners, bidirectional marks, the byte-order mark). For a terminal, where
    /// `«\u{202F}énergie` and `« énergie` look the same.
    public static func showingInvisibles(_ diff: String) -> String {
        diff.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let isChange =
                (line.hasPrefix("+") && !line.hasPrefix("+++ ")) || (line.hasPrefix("-") && !line.hasPrefix("--- "))
            guard isChange else { return String(line) }
            var shown = ""
            for scalar in line.unicodeScalars {
                if isInvisible(scalar) {
                    shown += "<U+" + String(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)) + ">"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
            return shown
        }.joined(separator: "\n")
    }

    /// A character that shows as a space or as nothing: a space separator other than U+0020, or a
    /// format character.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator: scalar != " "
        case .format: true
        default: false
        }
    }
    /// The diff of one file; empty when the edits change nothing. `label` is the path shown in the
    /// `--- a/label` and `+++ b/label` headers.
    public static func render(label: String, original: [UInt8], edits: [FixIt.Edit], context: Int = 3) -> String {
        let lines = lineRanges(original)
        guard !edits.isEmpty, !lines.isEmpty else { return "" }
        // Changes: runs of old lines touched by edits, merged when they share a line.
        var changes: [(first: Int, last: Int, edits: [FixIt.Edit])] = []
        for edit in edits.sorted() {
            let first = line(containing: edit.offset, lines)
            var last = line(containing: max(edit.offset, edit.offset + edit.length - 1), lines)
            // An edit that takes a line break joins the next line to this one.
            if edit.offset + edit.length > lines[last].upperBound, last + 1 < lines.count { last += 1 }
            if var previous = changes.last, first <= previous.last {
                previous.last = max(previous.last, last)
                previous.edits.append(edit)
                changes[changes.count - 1] = previous
            } else {
                changes.append((first, last, [edit]))
            }
        }
        // The new text of each change's lines.
        var replaced: [[String]] = []
        for change in changes {
            let start = lines[change.first].lowerBound
            let end = lines[change.last].upperBound
            var bytes: [UInt8] = []
            var cursor = start
            for edit in change.edits {
                bytes += original[cursor..<edit.offset]
                bytes += Array(edit.replacement.utf8)
                cursor = edit.offset + edit.length
            }
            bytes += original[cursor..<end]
            replaced.append(split(bytes))
        }
        func text(_ index: Int) -> String {
            String(decoding: original[lines[index]], as: UTF8.self)
        }
        var out = "--- a/\(label)\n+++ b/\(label)\n"
        var index = 0
        var shift = 0  // new line number - old line number, before the current hunk
        while index < changes.count {
            // A hunk: changes whose context overlaps.
            var last = index
            while last + 1 < changes.count, changes[last + 1].first - changes[last].last <= 2 * context + 1 {
                last += 1
            }
            let start = max(0, changes[index].first - context)
            let end = min(lines.count - 1, changes[last].last + context)
            var body = ""
            var oldCount = 0
            var newCount = 0
            var line = start
            var change = index
            while line <= end {
                if change <= last, line == changes[change].first {
                    for old in changes[change].first...changes[change].last {
                        body += "-" + text(old) + "\n"
                        oldCount += 1
                    }
                    for new in replaced[change] {
                        body += "+" + new + "\n"
                        newCount += 1
                    }
                    line = changes[change].last + 1
                    change += 1
                } else {
                    body += " " + text(line) + "\n"
                    oldCount += 1
                    newCount += 1
                    line += 1
                }
            }
            out += "@@ -\(start + 1),\(oldCount) +\(start + 1 + shift),\(newCount) @@\n" + body
            for change in index...last {
                shift += replaced[change].count - (changes[change].last - changes[change].first + 1)
            }
            index = last + 1
        }
        return out
    }

    /// Byte ranges of the lines, line breaks excluded.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            ranges.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// The index of the line holding byte `offset` (a line break belongs to the line it ends).
    static func line(containing offset: Int, _ lines: [Range<Int>]) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].lowerBound <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private static func split(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
