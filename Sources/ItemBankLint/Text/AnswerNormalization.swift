import ItemBankModel

/// Accepted answers as the player compares them: the tolerances applied (Pix's t1, t2; t3 forgives a
/// typo at comparison time and changes no answer), or the number read for a `number` response.
enum AnswerNormalization {
    /// The comparison key of an answer: two answers with the same key are the same answer.
    ///
    /// Always: no-break spaces read as spaces, outer spaces trimmed. t1: lower case, no diacritics, no
    /// whitespace at all. t2, after t1: no punctuation (what is not a letter, a digit or a space). For a
    /// number response: the number, with `,` or `.` as decimal separator (`7` = `7,0` = `07`).
    static func key(_ text: String, tolerances: Tolerances, number: Bool) -> String {
        if number, let value = Double(text.trimmingSpaces().replacingCommas()) { return "#\(value)" }
        var scalars = text.unicodeScalars.map { $0 == "\u{00A0}" || $0 == "\u{202F}" ? " " : $0 }
        if tolerances.contains(.t1) {
            var folded: [Unicode.Scalar] = []
            folded.reserveCapacity(scalars.count)
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    // ASCII: the whitespace is tab to carriage return and space; folding lower-cases A-Z.
                    if value == 0x20 || (value >= 0x09 && value <= 0x0D) { continue }
                    folded.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
                } else if !Tokenizer.isSpaceLike(scalar) {
                    folded.append(contentsOf: Tokenizer.fold(scalar).unicodeScalars)
                }
            }
            scalars = folded
        }
        if tolerances.contains(.t2) {
            let latin = Tokenizer.latin
            scalars = scalars.filter { latin.isWord($0) || $0 == " " }
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out.trimmingSpaces()
    }

    /// Whether the text has a letter with a diacritic (é, ç, ô…).
    static func hasDiacritics(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            !scalar.isASCII && Tokenizer.isWordScalar(scalar)
                && Tokenizer.fold(scalar) != String(scalar).lowercased()
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(scalars)
    }

    fileprivate func replacingCommas() -> String {
        String(map { $0 == "," ? "." : $0 })
    }
}

extension Tokenizer {
    /// Whitespace of any kind (t1 deletes it all).
    static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }
}
