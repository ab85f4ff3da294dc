/// Text from a user (a file's field, a command-line value, a path) made safe to print in a message:
/// control characters never reach the terminal raw.
///
/// Escaped: the C0 and C1 controls, format characters (zero-width spaces, bidirectional overrides, the
/// byte-order mark), and the line and paragraph separators, written as in Swift: `\r`, `\n`, `\t`,
/// else `\u{XX}` (the scalar in hexadecimal).
public enum PrintableText {
    /// `text` with its control characters escaped (`\r`, `\n`, `\t`, `\u{XX}`); other characters and
    /// backslashes unchanged. For paths and option values inside a message.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars { append(scalar, to: &result, quoting: false) }
        return result
    }

    /// `text` between double quotes, escaped as a Swift string literal (`\"`, `\\` and the control
    /// characters), and cut after `limit` characters with `…` (a whole file on one line must not fill
    /// the screen).
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        var result = "\""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == max(0, limit) {
                result += "…"
                break
            }
            append(scalar, to: &result, quoting: true)
        }
        return result + "\""
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String, quoting: Bool) {
        switch scalar {
        case "\r": result += "\\r"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\"" where quoting: result += "\\\""
        case "\\" where quoting: result += "\\\\"
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
    }
}
