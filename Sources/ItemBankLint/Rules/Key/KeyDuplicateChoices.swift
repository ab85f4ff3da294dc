import ItemBankModel

/// `key.duplicate-choices`: two choices of an item read the same.
struct KeyDuplicateChoices: Rule {
    static let description = RuleDescription(
        id: "key.duplicate-choices", category: .key, defaultSeverity: .error,
        summary: "two choices have the same text (ignoring case and spaces)",
        rationale:
            "Identical choices confuse learners and, when one is a key and the other not, make the item impossible; Pix compares answers by choice position, so the duplicate is never noticed at runtime. Choices are compared in lower case with every space removed (no-break spaces included): « Mot de passe » and « motdepasse » read the same to a hurried learner; accents and punctuation still count.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">Un mot</choice><choice>b</choice>↓<choice>un  MOT</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quel mot de passe est le plus sûr ?</stem>
                <choices><choice key="true">Mot de passe</choice><choice>b</choice>↓<choice>motdepasse</choice>↓<choice>MOT DE&#xA0;PASSE</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Which word?</stem>
                <choices><choice key="true">résumé</choice><choice>resume</choice><choice>re-sume</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        // Comparison form -> where its first choice is written.
        var seen: [String: SourceLocation] = [:]
        seen.reserveCapacity(item.choices.count)
        var found: [Diagnostic] = []
        for choice in item.choices {
            // Spaces ignored: the comparison form without its single spaces.
            let key = Self.key(choice.text.plain).filter { $0 != " " }
            if let first = seen[key] {
                found.append(
                    diagnostic(
                        choice.location, "this choice repeats an earlier one: \"\(choice.text.plain)\"",
                        help: "reword or delete one of them",
                        notes: [DiagnosticNote(location: first, message: "first written here")]))
            } else {
                seen[key] = choice.location
            }
        }
        return found
    }

    /// The comparison form of a choice before spaces are dropped (the rule then removes its single spaces):
    /// lower case, whitespace runs as one space, no outer spaces;
    /// exactly `text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")`.
    ///
    /// Text made only of scalars below U+0300 whose lower case is too (nearly all French and English)
    /// is done scalar by scalar from a table: there every scalar is its own character (CR LF aside,
    /// both whitespace), so splitting at whitespace scalars splits where that expression splits at
    /// whitespace characters. Other text takes the expression itself.
    static func key(_ text: String) -> String {
        let table = LowerCaseTable.shared
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            guard let entry = table.entry(scalar) else {
                return text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            if entry.isWhitespace {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            var packed = entry.bytes
            for _ in 0..<entry.byteCount {
                bytes.append(UInt8(truncatingIfNeeded: packed))
                packed >>= 8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Lower case and whitespace of the scalars below U+0300, from the standard library's own
/// `Unicode.Scalar.Properties` (`lowercaseMapping`, `isWhitespace`), computed once.
private struct LowerCaseTable: Sendable {
    struct Entry: Sendable {
        /// The lower case's UTF-8 bytes, first byte lowest.
        var bytes: UInt32
        var byteCount: UInt8
        var isWhitespace: Bool
    }

    static let limit: UInt32 = 0x300
    static let shared = LowerCaseTable()

    /// Indexed by scalar value; nil when the lower case has a scalar from U+0300 up (U+0130 İ → i + U+0307)
    /// or more than 4 bytes (the caller then takes the general path).
    private let entries: [Entry?]

    private init() {
        var entries: [Entry?] = []
        for value in 0..<LowerCaseTable.limit {
            guard let scalar = Unicode.Scalar(value) else {
                entries.append(nil)
                continue
            }
            let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
            let utf8 = lower.flatMap { Array(String($0).utf8) }
            // Whitespace maps to itself; a lower case of several scalars with whitespace would not.
            guard lower.allSatisfy({ $0.value < LowerCaseTable.limit }), utf8.count <= 4,
                lower.count == 1 || !lower.contains(where: \.properties.isWhitespace)
            else {
                entries.append(nil)
                continue
            }
            var packed: UInt32 = 0
            for (position, byte) in utf8.enumerated() { packed |= UInt32(byte) << (8 * position) }
            let isWhitespace = lower.count == 1 && lower[0].properties.isWhitespace
            entries.append(Entry(bytes: packed, byteCount: UInt8(utf8.count), isWhitespace: isWhitespace))
        }
        self.entries = entries
    }

    func entry(_ scalar: Unicode.Scalar) -> Entry? {
        scalar.value < LowerCaseTable.limit ? entries[Int(scalar.value)] : nil
    }
}
