import AdaptiveTesting
import Foundation
import ItemBankRuntime

/// One verified bank file as the service serves it: the bank, where it came from and its journey
/// engines (one per locale, built on first use).
public final class BankRelease: @unchecked Sendable {
    /// The opened and fully verified bank.
    public let bank: Bank
    /// The bank's content digest (SHA-256 hex of its content sections): what a session records.
    public let digest: String
    /// The file it was read from.
    public let path: String
    /// When the service loaded it.
    public let loadedAt: Date
    private let lock = NSLock()
    private var engines: [String: JourneyEngine] = [:]
    /// Item screens' JSON before and after the value of `number`, by locale and item id (``ReplyJSON``).
    private var screens: [String: (before: [UInt8], after: [UInt8])] = [:]

    init(bank: Bank, path: String, loadedAt: Date) {
        self.bank = bank
        self.digest = bank.contentDigest
        self.path = path
        self.loadedAt = loadedAt
    }

    /// The journey engine of `locale` (BCP 47), built once.
    public func engine(locale: String) -> JourneyEngine {
        lock.lock()
        defer { lock.unlock() }
        if let engine = engines[locale] { return engine }
        let engine = JourneyEngine(bank: bank, locale: locale)
        engines[locale] = engine
        return engine
    }

    /// The JSON of an item screen of this release before and after the value of its `number`, encoded
    /// once per locale and item (the screen is the same for every learner but for its number); nil when
    /// it cannot be cut so.
    func screenJSON(_ screen: ItemScreen, locale: String) -> (before: [UInt8], after: [UInt8])? {
        let key = locale + "\u{0}" + screen.id
        lock.lock()
        let cached = screens[key]
        lock.unlock()
        if let cached { return cached }
        guard let members = ReplyJSON.screenParts(screen) else { return nil }
        lock.lock()
        screens[key] = members
        lock.unlock()
        return members
    }
}

/// The releases the service holds: the current one (new sessions) and the earlier ones that running
/// sessions started on (found by content digest).
///
/// A reload opens the file again, verifies it in full and, when it verifies, makes it current; a file
/// that fails verification is refused and the current release keeps serving. Replacing the file by
/// rename (write a temporary file, then `mv`) is atomic for readers.
public final class BankReleases: @unchecked Sendable {
    /// The bank file the service watches.
    public let path: String
    private let lock = NSLock()
    private var currentRelease: BankRelease
    private var byDigest: [String: BankRelease]
    private var fileSignature: FileSignature?

    struct FileSignature: Equatable {
        var inode: UInt64
        var size: UInt64
        var modified: Double
    }

    /// Opens and verifies `path`.
    /// - Throws: ``ServiceError``: `bank-unreadable` when the file cannot be opened or read, `bank-refused`
    ///   when it is not a valid bank (corrupt, truncated, not a bank, a newer format), naming the file and
    ///   the verification failure.
    public init(path: String) throws(ServiceError) {
        self.path = path
        let signature = Self.signature(of: path)
        let release = try Self.open(path, serving: false)
        currentRelease = release
        byDigest = [release.digest: release]
        fileSignature = signature
    }

    /// The release new sessions start on.
    public var current: BankRelease {
        lock.lock()
        defer { lock.unlock() }
        return currentRelease
    }

    /// The release with this content digest, if the service still holds it.
    public func release(digest: String) -> BankRelease? {
        lock.lock()
        defer { lock.unlock() }
        return byDigest[digest]
    }

    /// Digests of every release held, the current one first.
    public var digests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return [currentRelease.digest] + byDigest.keys.filter { $0 != currentRelease.digest }.sorted()
    }

    /// Outcome of a reload.
    public enum ReloadOutcome: Sendable, Equatable {
        /// The file holds a new release, now current.
        case loaded(digest: String)
        /// The file holds the current release already.
        case unchanged(digest: String)
    }

    /// Reads the file again and makes it current when it verifies.
    /// - Throws: ``ServiceError`` (422 `bank-refused`); the current release is kept.
    @discardableResult
    public func reload() throws(ServiceError) -> ReloadOutcome {
        let signature = Self.signature(of: path)
        let release = try Self.open(path, serving: true)
        lock.lock()
        defer { lock.unlock() }
        fileSignature = signature
        if release.digest == currentRelease.digest { return .unchanged(digest: release.digest) }
        let kept = byDigest[release.digest] ?? release
        byDigest[release.digest] = kept
        currentRelease = kept
        return .loaded(digest: kept.digest)
    }

    /// Reloads when the file changed (another inode, size or modification time) since the last load;
    /// nil when it did not change.
    /// - Throws: ``ServiceError`` when the changed file is refused (it is not retried until it changes again).
    public func reloadIfChanged() throws(ServiceError) -> ReloadOutcome? {
        let signature = Self.signature(of: path)
        lock.lock()
        let changed = signature != nil && signature != fileSignature
        if changed { fileSignature = signature }
        lock.unlock()
        guard changed else { return nil }
        return try reload()
    }

    /// Opens and verifies a release; `serving` says whether a current release goes on serving when
    /// this one is refused (a reload) or not (the start-up).
    static func open(_ path: String, serving: Bool) throws(ServiceError) -> BankRelease {
        let consequence = serving ? "; the current release keeps serving" : ""
        do {
            let bank = try Bank(contentsOf: path)
            try bank.verify(.full)
            return BankRelease(bank: bank, path: path, loadedAt: Date())
        } catch  where error.code == .io {
            throw ServiceError.unprocessable("bank-unreadable", "\(path): \(error.message)\(consequence)")
        } catch {
            throw ServiceError.unprocessable("bank-refused", "\(path) is not a valid bank: \(error)\(consequence)")
        }
    }

    static func signature(of path: String) -> FileSignature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if os(Linux)
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #else
            let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #endif
        return FileSignature(inode: UInt64(info.st_ino), size: UInt64(info.st_size), modified: modified)
    }
}
