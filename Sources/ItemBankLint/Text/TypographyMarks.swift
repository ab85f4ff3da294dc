import ItemBankModel

/// Which of the characters the French typography rules (`typo.*`) look for a run of prose holds. Each
/// mark is a condition a rule needs to report anything in the run, so a rule skips the runs without
/// its mark; computed in one pass when ``ItemText`` reads the item.
public struct TypographyMarks: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A no-break space, U+00A0 or U+202F (`typo.double-space`).
    public static let noBreakSpace = TypographyMarks(rawValue: 1 << 0)
    /// ; : ! or ? (`typo.nbsp-before-punctuation`).
    public static let highPunctuation = TypographyMarks(rawValue: 1 << 1)
    /// « or » (`typo.nbsp-in-guillemets`).
    public static let guillemet = TypographyMarks(rawValue: 1 << 2)
    /// ' (`typo.straight-apostrophe`).
    public static let straightApostrophe = TypographyMarks(rawValue: 1 << 3)
    /// " (`typo.straight-quotes`).
    public static let straightQuote = TypographyMarks(rawValue: 1 << 4)
    /// Three dots or more in a row (`typo.ellipsis`).
    public static let dots = TypographyMarks(rawValue: 1 << 5)
    /// A , or . right after a space or a no-break space (`typo.space-before-comma`).
    public static let spaceBeforeCommaOrDot = TypographyMarks(rawValue: 1 << 6)

    /// The marks of a run's characters.
    public init(_ characters: TextCharacters) {
        var marks: UInt8 = 0
        var dots = 0
        var previous: Unicode.Scalar = "a"
        for scalar in characters.scalars {
            switch scalar {
            case "\u{00A0}", "\u{202F}": marks |= TypographyMarks.noBreakSpace.rawValue
            case ";", ":", "!", "?": marks |= TypographyMarks.highPunctuation.rawValue
            case "«", "»": marks |= TypographyMarks.guillemet.rawValue
            case "'": marks |= TypographyMarks.straightApostrophe.rawValue
            case "\"": marks |= TypographyMarks.straightQuote.rawValue
            default: break
            }
            if scalar == "." {
                dots += 1
                if dots >= 3 { marks |= TypographyMarks.dots.rawValue }
            } else {
                dots = 0
            }
            if scalar == "," || scalar == ".",
                Typography.isCollapsible(previous) || Typography.isNoBreak(previous)
            {
                marks |= TypographyMarks.spaceBeforeCommaOrDot.rawValue
            }
            previous = scalar
        }
        rawValue = marks
    }
}
