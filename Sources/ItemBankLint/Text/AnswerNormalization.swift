import ItemBankModel

/// Helpers about accepted answers that only lint needs. How answers are compared (tolerances, numbers,
/// collisions) is ItemBankVocabulary's ``AnswerComparison``, shared with answer checking.
enum AnswerNormalization {
    /// Whether the text has a letter with a diacritic (é, ç, ô…).
    static func hasDiacritics(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            !scalar.isASCII && Tokenizer.isWordScalar(scalar)
                && Tokenizer.fold(scalar) != String(scalar).lowercased()
        }
    }
}
