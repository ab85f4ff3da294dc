/// Why the IRT engine refused an input: a pool, a setting, a session or an answer. Thrown by
/// ``ItemPool/init(items:index:exposureParameters:)``, ``CATEngine/init(pool:settings:)`` and the
/// session operations of ``CATEngine``; the engine never traps on such input.
public struct CATError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; an extensible set of stable codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A discrimination that is not finite and > 0, or a difficulty that is not finite.
        public static let invalidCalibration = Code("invalid-calibration")
        /// A setting out of its range (grid of fewer than 2 points, negative length, probability
        /// outside [0, 1]…).
        public static let invalidSetting = Code("invalid-setting")
        /// A session that does not belong to this engine (other pool or grid), or an answer to an item
        /// that does not exist or was already answered.
        public static let invalidSession = Code("invalid-session")
    }

    public var code: Code
    /// The item concerned (index in the pool), if any.
    public var item: Int?
    public var message: String

    public init(_ code: Code, item: Int? = nil, _ message: String) {
        self.code = code
        self.item = item
        self.message = message
    }

    public var description: String {
        "[\(code)]" + (item.map { " item \($0)" } ?? "") + ": " + message
    }
}
