/// What a learner submitted for one item.
///
/// JSON (`Codable`): an object with exactly one key: `{"choices": [1, 3]}`, `{"text": "Firefox"}`,
/// `{"texts": {"n1": "Chrome", "n2": "Firefox"}}` or `{"skipped": true}`.
public enum LearnerAnswer: Hashable, Sendable {
    /// qcu / qcm: the chosen choices by 1-based position in document order (``ItemView/choices``),
    /// in any order. Empty: nothing chosen (skipped).
    case choices([Int])
    /// The text of the only response of a qroc (or of an item with one response); for a drop-down,
    /// the option chosen (empty: none).
    case text(String)
    /// qroc, qrocm-ind, qrocm-dep: the text of every response, by response id (``ResponseView/id``).
    case texts([String: String])
    /// The learner passed ("je passe").
    case skipped
}

extension LearnerAnswer: Codable {
    private enum CodingKeys: String, CodingKey {
        case choices, text, texts, skipped
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "a learner answer has exactly one of choices, text, texts, skipped"))
        }
        switch key {
        case .choices: self = .choices(try container.decode([Int].self, forKey: .choices))
        case .text: self = .text(try container.decode(String.self, forKey: .text))
        case .texts: self = .texts(try container.decode([String: String].self, forKey: .texts))
        case .skipped:
            guard try container.decode(Bool.self, forKey: .skipped) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .skipped, in: container, debugDescription: "skipped must be true")
            }
            self = .skipped
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choices(let positions): try container.encode(positions, forKey: .choices)
        case .text(let text): try container.encode(text, forKey: .text)
        case .texts(let texts): try container.encode(texts, forKey: .texts)
        case .skipped: try container.encode(true, forKey: .skipped)
        }
    }
}
