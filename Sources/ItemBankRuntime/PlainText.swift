extension ChoiceView {
    /// The choice's text without its markup, for a plain-text display (a terminal, a log): the tags of
    /// the XHTML fragment removed and the five XML entities (`&lt;` `&gt;` `&quot;` `&apos;` `&amp;`)
    /// decoded. Line breaks and spaces are kept as the fragment has them.
    public var plainText: String { MarkupText.plain(text) }
}

/// Plain text of the XHTML fragments a bank stores (choices).
enum MarkupText {
    /// `fragment` with its tags removed and the five XML entities decoded, `&amp;` last so that
    /// `&amp;lt;` stays the text `&lt;`.
    static func plain(_ fragment: String) -> String {
        var text = ""
        var inTag = false
        for character in fragment {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                text.append(character)
            }
        }
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text
    }
}
