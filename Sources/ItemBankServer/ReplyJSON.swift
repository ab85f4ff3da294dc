import Foundation

/// The JSON of the service's replies, as the HTTP layer sends them: ISO 8601 dates, slashes not
/// escaped, keys sorted (clients such as `Scripts/load/answers.lua` read replies by their key order).
///
/// An item screen is the same for every learner served the item except for its `number`, so the
/// replies that carry one (``SessionReply`` and ``AnswerReply``) encode the screen once per release,
/// locale and item (``BankRelease/screenJSON(_:locale:)``) and splice the bytes in: the result is
/// byte for byte what `encoder` gives for the whole reply.
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
        try encode(reply, session: reply, releases: releases) { $0.item = nil }
    }

    /// UTF-8 JSON of an answer's reply.
    /// - Throws: the encoder's error.
    public static func encode(_ reply: AnswerReply, releases: BankReleases) throws -> [UInt8] {
        try encode(reply, session: reply.session, releases: releases) { $0.session.item = nil }
    }

    /// `reply` encoded without its screen, then `"item":<screen>,` inserted before the session's `"kind":`
    /// key, where sorted keys put `item`. Keys are the only places the bytes `"kind":` can occur (a quote
    /// inside a string is escaped), and no object before the session's `kind` has such a key.
    static func encode<Reply: Encodable>(
        _ reply: Reply, session: SessionReply, releases: BankReleases, withoutScreen: (inout Reply) -> Void
    ) throws -> [UInt8] {
        guard let screen = session.item, let release = releases.release(digest: session.bankDigest),
            let cached = release.screenJSON(screen, locale: session.locale)
        else { return Array(try encoder.encode(reply)) }
        var bare = reply
        withoutScreen(&bare)
        var bytes = Array(try encoder.encode(bare))
        guard let at = bytes.firstRange(of: kindKey)?.lowerBound else { return Array(try encoder.encode(reply)) }
        var item = itemKey
        item.reserveCapacity(item.count + cached.before.count + cached.after.count + 12)
        item += cached.before
        item += String(screen.number).utf8
        item += cached.after
        item.append(UInt8(ascii: ","))
        bytes.insert(contentsOf: item, at: at)
        return bytes
    }

    static let kindKey = Array(#""kind":"#.utf8)
    static let itemKey = Array(#""item":"#.utf8)

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
