import AdaptiveTesting
import Foundation
import ItemBankSystem

/// The JSON of the service's replies, as the HTTP layer sends them: ISO 8601 dates, slashes not
/// escaped, keys sorted (clients such as `Scripts/load/answers.lua` read replies by their key order).
///
/// A reply that serves an item (every answer's but the last of a session) or gives a positioning's or
/// a training's result is written directly: its members are strings, integers and knowledge elements,
/// and its item screen, the same for every learner served the item but for its `number`, is encoded
/// once per release, locale and item (``BankRelease/screenJSON(_:locale:)``) and its bytes copied in.
/// The result is byte for byte what `encoder` gives for the whole reply (`AnswerPathTests` compares
/// them); the other replies (certificates, IRT results) go through `encoder`.
public enum ReplyJSON {
    /// The encoder of every reply.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// UTF-8 JSON of a session reply.
    /// - Throws: the encoder's error.
    public static func encode(_ reply: SessionReply, releases: BankReleases) throws -> [UInt8] {
        if let bytes = directBytes(reply, releases: releases) { return bytes }
        return Array(try encoder.encode(reply))
    }

    /// UTF-8 JSON of an answer's reply.
    /// - Throws: the encoder's error.
    public static func encode(_ reply: AnswerReply, releases: BankReleases) throws -> [UInt8] {
        guard let session = directBytes(reply.session, releases: releases) else {
            return Array(try encoder.encode(reply))
        }
        var out: [UInt8] = []
        out.reserveCapacity(session.count + 64 + 48 * (reply.responses?.count ?? 0))
        out.append(UInt8(ascii: "{"))
        if let matched = reply.matchedAnswerCount {
            out.append(contentsOf: #""matchedAnswerCount":"#.utf8)
            JSONBytes.appendInteger(matched, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""outcome":"#.utf8)
        JSONBytes.appendString(reply.outcome, escapingSlashes: false, to: &out)
        if let required = reply.requiredAnswerCount {
            out.append(contentsOf: #","requiredAnswerCount":"#.utf8)
            JSONBytes.appendInteger(required, to: &out)
        }
        if let responses = reply.responses {
            out.append(contentsOf: #","responses":["#.utf8)
            for (index, response) in responses.enumerated() {
                out.append(contentsOf: (index == 0 ? #"{"empty":"# : #",{"empty":"#).utf8)
                JSONBytes.appendBool(response.empty, to: &out)
                out.append(contentsOf: #","id":"#.utf8)
                JSONBytes.appendString(response.id, escapingSlashes: false, to: &out)
                out.append(contentsOf: #","right":"#.utf8)
                JSONBytes.appendBool(response.right, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: #","session":"#.utf8)
        out.append(contentsOf: session)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The JSON of a session that serves an item or has finished a positioning or a training, written
    /// directly; nil for the other replies (a certificate, an IRT result), and when the item screen's
    /// JSON cannot be cut around its number or a date is outside 1970–9999.
    static func directBytes(_ reply: SessionReply, releases: BankReleases) -> [UInt8]? {
        guard reply.certificate == nil, reply.irt == nil else { return nil }
        var screen: (number: Int, before: [UInt8], after: [UInt8])?
        if let item = reply.item {
            guard let release = releases.release(digest: reply.bankDigest),
                let cached = release.screenJSON(item, locale: reply.locale)
            else { return nil }
            screen = (item.number, cached.before, cached.after)
        }
        var out: [UInt8] = []
        out.reserveCapacity(
            (screen.map { $0.before.count + $0.after.count } ?? 0) + 240 + 32 * (reply.competences?.count ?? 0)
                + 160 * (reply.knowledge?.count ?? 0))
        out.append(contentsOf: #"{"answered":"#.utf8)
        JSONBytes.appendInteger(reply.answered, to: &out)
        out.append(contentsOf: #","bankDigest":"#.utf8)
        JSONBytes.appendString(reply.bankDigest, escapingSlashes: false, to: &out)
        if let competences = reply.competences {
            out.append(contentsOf: #","competences":["#.utf8)
            for (index, score) in competences.enumerated() {
                out.append(contentsOf: (index == 0 ? #"{"competence":"# : #",{"competence":"#).utf8)
                JSONBytes.appendString(score.competence, escapingSlashes: false, to: &out)
                out.append(contentsOf: #","level":"#.utf8)
                JSONBytes.appendInteger(score.level, to: &out)
                out.append(contentsOf: #","pix":"#.utf8)
                JSONBytes.appendInteger(score.pix, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if let screen {
            out.append(contentsOf: #","item":"#.utf8)
            out.append(contentsOf: screen.before)
            JSONBytes.appendInteger(screen.number, to: &out)
            out.append(contentsOf: screen.after)
        }
        out.append(contentsOf: #","kind":"#.utf8)
        JSONBytes.appendString(reply.kind, escapingSlashes: false, to: &out)
        if let knowledge = reply.knowledge {
            out.append(contentsOf: #","knowledge":"#.utf8)
            guard KnowledgeElement.appendJSON(knowledge, escapingSlashes: false, to: &out) else { return nil }
        }
        // Four members, written without building an array of them (this runs on every reply).
        func member(_ key: String, _ value: String) {
            out.append(contentsOf: key.utf8)
            JSONBytes.appendString(value, escapingSlashes: false, to: &out)
        }
        member(#","learner":"#, reply.learner)
        member(#","locale":"#, reply.locale)
        member(#","session":"#, reply.session)
        member(#","status":"#, reply.status)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The screen's JSON cut around the value of its `number` member, or nil when it cannot be cut so.
    static func screenParts(_ screen: ItemScreen) -> (before: [UInt8], after: [UInt8])? {
        var numbered = screen
        numbered.number = 0
        guard let bytes = try? encoder.encode(numbered) else { return nil }
        let key = Array(#""number":0"#.utf8)
        guard let range = Array(bytes).firstRange(of: key) else { return nil }
        let cut = range.upperBound - 1
        return (Array(bytes[..<cut]), Array(bytes[(cut + 1)...]))
    }
}
