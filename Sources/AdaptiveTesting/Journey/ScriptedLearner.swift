import ItemBankRuntime

/// A scripted learner: the answers to give, by item id, and what to do for any other item. Used by
/// `itembank session --answers` and `itembank certify --answers` to replay a learner, and by tests.
///
/// JSON shape:
/// ```json
/// { "answers": { "item-id": {"choices": [1, 4]}, "other-id": {"text": "Paris"},
///                "qrocm-id": {"texts": {"r1": "…", "r2": "…"}}, "skipped-id": {"skipped": true} },
///   "otherwise": "right",
///   "neutralised": ["faulty-item-id"] }
/// ```
/// `otherwise` is `right` (answer with the key), `wrong`, `skip`, or absent: an item without a scripted
/// answer is then an error. `neutralised` (certification only) lists items the jury neutralised.
public struct ScriptedLearner: Codable, Hashable, Sendable {
    /// What to answer to an item that has no scripted answer.
    public enum Otherwise: String, Codable, Hashable, Sendable {
        case right, wrong, skip
    }

    public var answers: [String: LearnerAnswer]
    public var otherwise: Otherwise?
    public var neutralised: [String]?

    public init(answers: [String: LearnerAnswer] = [:], otherwise: Otherwise? = nil, neutralised: [String]? = nil) {
        self.answers = answers
        self.otherwise = otherwise
        self.neutralised = neutralised
    }

    private enum CodingKeys: String, CodingKey {
        case answers, otherwise, neutralised
    }

    /// Any key, to find the unknown ones.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a script; every key is optional (`answers` defaults to none), an unknown key is an error
    /// (a misspelt `"answer"` must not silently leave everything to `otherwise`).
    public init(from decoder: any Decoder) throws {
        let all = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = all.allKeys.first(where: { CodingKeys(stringValue: $0.stringValue) == nil }) {
            throw DecodingError.dataCorruptedError(
                forKey: unknown, in: all,
                debugDescription: "unknown key \"\(unknown.stringValue)\" (expected answers, otherwise, neutralised)")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        answers = try container.decodeIfPresent([String: LearnerAnswer].self, forKey: .answers) ?? [:]
        otherwise = try container.decodeIfPresent(Otherwise.self, forKey: .otherwise)
        neutralised = try container.decodeIfPresent([String].self, forKey: .neutralised)
    }

    /// The answer to `item`, nil when the script has none and no `otherwise`.
    public func answer(to item: ItemView) -> LearnerAnswer? {
        if let answer = answers[item.id] { return answer }
        switch otherwise {
        case .right: return Self.rightAnswer(to: item)
        case .wrong: return Self.wrongAnswer(to: item)
        case .skip: return .skipped
        case nil: return nil
        }
    }

    /// An answer the item accepts: its keys; the first accepted answer of each response; for a qrocm-dep,
    /// the first synonym of a different group in each response.
    public static func rightAnswer(to item: ItemView) -> LearnerAnswer {
        switch item.type {
        case .qcu, .qcm:
            return .choices(item.keyPositions)
        case .qroc:
            return .text(item.responses.first?.acceptedAnswers.first ?? "")
        case .qrocmInd:
            var texts: [String: String] = [:]
            for response in item.responses { texts[response.id] = response.acceptedAnswers.first ?? "" }
            return .texts(texts)
        case .qrocmDep:
            let groups = item.answerGroups
            var texts: [String: String] = [:]
            for (position, response) in item.responses.enumerated() {
                texts[response.id] = position < groups.count ? groups[position].first ?? "" : ""
            }
            return .texts(texts)
        }
    }

    /// An answer the item refuses: a distractor; for a drop-down, an option that is not accepted; for
    /// another response, a text no accepted answer is close to.
    public static func wrongAnswer(to item: ItemView) -> LearnerAnswer {
        switch item.type {
        case .qcu, .qcm:
            let distractor = item.choices.indices.first { !item.choices[$0].isKey }.map { $0 + 1 }
            return .choices(distractor.map { [$0] } ?? [])
        case .qroc:
            return .text(item.responses.first.map(wrongText(for:)) ?? wrongText)
        case .qrocmInd, .qrocmDep:
            var texts: [String: String] = [:]
            for response in item.responses { texts[response.id] = wrongText(for: response) }
            return .texts(texts)
        }
    }

    static let wrongText = "\u{2014} réponse fausse \u{2014}"

    /// A wrong text for `response`: a drop-down's first option that is not accepted (a drop-down takes
    /// nothing but its options), else ``wrongText``.
    static func wrongText(for response: ResponseView) -> String {
        guard response.isDropdown else { return wrongText }
        return response.options.first { !response.acceptedAnswers.contains($0) } ?? wrongText
    }
}
