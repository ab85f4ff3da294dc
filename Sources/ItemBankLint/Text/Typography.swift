import ItemBankModel

/// What the French typography rules (`typo.*`) read: the runs of prose of a French item (the stem, the
/// choices, the solution, the feedback; not `<code>`, not accepted answers or drop-down options, which
/// learners type or pick), character by character, with the helpers their fix-its need.
enum Typography {
    /// U+202F NARROW NO-BREAK SPACE: the project's space before ; : ! ? and inside « » (docs/authoring.md §7).
    static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"
    /// U+00A0 NO-BREAK SPACE, also accepted.
    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// The prose runs of a French item that hold `mark` (the character a rule needs to report
    /// anything), each with its characters; none for another language.
    static func frenchRuns(
        of item: Item, _ text: ItemText, marked mark: TypographyMarks
    ) -> LazyMapSequence<LazyFilterSequence<[ItemText.ProseRun]>, (run: TextRun, characters: TextCharacters)> {
        text.frenchProse.lazy.filter { $0.marks.contains(mark) }.map { ($0.run, $0.characters) }
    }

    /// A space that XML collapses (space, tab, line feed, carriage return).
    static func isCollapsible(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
    }

    /// A no-break space (U+00A0 or U+202F).
    static func isNoBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == noBreakSpace || scalar == narrowNoBreakSpace
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        Tokenizer.isWordScalar(scalar)
    }

    /// The source text of characters `range` (as written: a reference stays a reference).
    static func original(_ characters: Slice<TextCharacters>, in run: TextRun) -> String {
        guard let first = characters.first, let last = characters.last else { return "" }
        // Index arithmetic on the UTF-8 view is O(1) for a native string: no copy of the run, whose
        // size would make a rule reporting many characters of one long run quadratic (issue 11).
        let utf8 = run.raw.utf8
        let start = first.offset - run.offset
        let end = last.offset + last.length - run.offset
        guard start >= 0, start <= end, end <= utf8.count else { return "" }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: end - start)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// An edit replacing characters `range` of a run.
    static func replace(_ characters: Slice<TextCharacters>, in run: TextRun, with text: String) -> FixIt.Edit {
        FixIt.Edit(
            offset: characters.first?.offset ?? run.offset, original: original(characters, in: run), replacement: text)
    }

    /// An edit inserting text before a character.
    static func insert(_ text: String, before character: TextCharacter) -> FixIt.Edit {
        FixIt.Edit(offset: character.offset, original: "", replacement: text)
    }

    /// The location of a character (its line and column, from the file's line table).
    static func location(_ character: TextCharacter, _ item: Item) -> SourceLocation {
        item.sourceLocation(ofOffset: character.offset)
    }
}
