import ItemBankModel

/// An item's readable text, field by field (the stem, each choice, the solution, the feedback),
/// tokenized once for all the wording rules, with the byte offset of every character (a line and a
/// column are made from it, with the file's line table, only when a diagnostic needs them).
///
/// This is the linter's shared per-item analysis: ``Linter`` builds one `ItemText` per item and lends
/// it to every rule through ``Rule/check(item:text:context:)``, so the prose is decoded, tokenized and
/// marked once per item whatever the number of rules. A rule that reads prose reads it from here
/// (``fields`` and their ``Field/tokens`` for wording, ``frenchProse`` for typography) rather than
/// decoding `Item.textRuns` itself. Nothing in it depends on the rule or on the bank's settings.
///
/// Text inside `<code>` is left out (it is typed as is, not read as prose), and so are accepted
/// answers and drop-down options (learners type or pick them; the response rules check them).
public struct ItemText: Sendable {
    /// The parts of an item whose text is prose.
    public enum Part: String, Sendable {
        case stem
        case choice
        case solution
        case feedback
    }

    /// One field: the characters of its runs, in document order, and their tokens.
    public struct Field: Sendable {
        public var part: Part
        /// For a choice: its 0-based index.
        public var choice: Int?
        /// The characters; between two runs, a space with offset -1 stands for the markup.
        public var characters: TextCharacters
        /// The ranges of ``characters`` inside `<strong>` or `<em>`, in order (a range per emphasised run).
        public var emphasised: [Range<Int>]
        public var tokens: [Token]

        /// The text of tokens `first...last` as written (character references decoded).
        public func text(_ first: Int, _ last: Int) -> String {
            var out = ""
            out.unicodeScalars.append(contentsOf: characters.scalars[tokens[first].start..<tokens[last].end])
            return out
        }

        /// Whether any character of the token is emphasised.
        public func isEmphasised(_ token: Token) -> Bool {
            // The last range starting before the token's end, if it reaches past the token's start.
            var low = 0
            var high = emphasised.count
            while low < high {
                let middle = (low + high) / 2
                if emphasised[middle].lowerBound < token.end { low = middle + 1 } else { high = middle }
            }
            return low > 0 && emphasised[low - 1].upperBound > token.start
        }

        /// The plain text of the whole field.
        public var plain: String {
            var out = ""
            out.unicodeScalars.append(contentsOf: characters.scalars)
            return out
        }
    }

    /// One run of prose of a French item, for the typography rules: its characters, and which of the
    /// characters those rules look for it holds (a rule skips a run without its trigger).
    public struct ProseRun: Sendable {
        public var run: TextRun
        public var characters: TextCharacters
        public var marks: TypographyMarks
    }

    /// The lexicons of the item's language; nil when it is neither French nor English.
    public var lexicons: Lexicons?
    public var fields: [Field]
    /// Every text run of the item with its characters, decoded at each access (the rules read the
    /// prose through ``fields`` and ``frenchProse``, decoded once per item).
    public var runs: [(run: TextRun, characters: TextCharacters)] { textRuns.map { ($0, $0.characters) } }
    /// The runs of prose (stem, choices, solution, feedback; not `<code>`) of a French item, for the
    /// typography rules; empty for another language.
    public var frenchProse: [ProseRun]
    /// The item file, for locations.
    public var path: String
    private var textRuns: [TextRun]
    /// The item file's line table.
    private var lines: LineTable

    /// Reads the item's prose once for all the rules of a lint run: each prose run decoded into
    /// characters (other runs, such as accepted answers, options and `<code>`, are not decoded),
    /// grouped into fields, tokenized with the lexicons' tokenizer; French runs marked for typography.
    public init(item: Item) {
        path = item.location.path
        textRuns = item.textRuns
        lines = item.lines
        let lexicons = Lexicons.forTag(item.language)
        self.lexicons = lexicons
        let isFrench = lexicons?.language == .fr
        var fields: [Field] = []
        frenchProse = []
        for run in item.textRuns where !run.isInside("code") {
            let part: Part
            switch run.part {
            case "stem": part = .stem
            case "choices": part = .choice
            case "solution": part = .solution
            case "feedback": part = .feedback
            default: continue
            }
            let characters = run.characters
            if isFrench {
                frenchProse.append(ProseRun(run: run, characters: characters, marks: TypographyMarks(characters)))
            }
            if let last = fields.last, last.part == part, last.choice == run.choice {
                fields[fields.count - 1].characters.append(ItemText.boundary)
                fields[fields.count - 1].characters.append(contentsOf: characters)
            } else {
                // A field of one run shares the run's characters with `frenchProse` (no copy: an 8 MiB
                // stem is 8 million characters).
                fields.append(
                    Field(part: part, choice: run.choice, characters: characters, emphasised: [], tokens: []))
            }
            if run.isEmphasised {
                let end = fields[fields.count - 1].characters.count
                fields[fields.count - 1].emphasised.append((end - characters.count)..<end)
            }
        }
        if let lexicons {
            for index in fields.indices {
                fields[index].tokens = lexicons.tokenizer.tokens(fields[index].characters.scalars)
            }
        }
        self.fields = fields
    }

    /// A space standing for markup between two runs.
    static let boundary = TextCharacter(scalar: " ", offset: -1, length: 0)

    /// The stem's field, nil when the stem has no text.
    public var stem: Field? { fields.first { $0.part == .stem } }

    /// The field of choice `index`, nil when it has no text outside `<code>`.
    public func choice(_ index: Int) -> Field? {
        fields.first { $0.part == .choice && $0.choice == index }
    }

    /// Where a token starts.
    public func location(of token: Token, in field: Field) -> SourceLocation {
        location(ofOffset: field.characters[token.start].offset)
    }

    /// Where byte `offset` of the item file is (line 0, column 0 for a character standing for markup).
    public func location(ofOffset offset: Int) -> SourceLocation {
        textRuns.sourceLocation(ofOffset: offset, lines: lines, path: path)
    }
}
