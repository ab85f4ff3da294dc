import AdaptiveTesting
import Foundation
import Synchronization

/// Sessions this instance served recently, with their journey state decoded: the answer path's read of
/// the store and decoding of the state, skipped when the session is here.
///
/// The store stays the authority. An entry is what this instance last committed (or read) for the
/// session; another instance on the same PostgreSQL database may have recorded an answer since. The
/// commit checks the session's answer count (optimistic concurrency), so a stale entry can never record
/// an answer twice or against the wrong item: an answer checked against an entry that is refused (409)
/// or whose commit finds the count moved on is checked again on a fresh read (``JourneyService``).
///
/// Holds positionings and trainings (nearly every session, and the ones answered at a rate), not the
/// certification and IRT kinds, whose larger state is read from the store at each answer.
///
/// Bounded: at most `capacity` sessions (first in, first out; a finished session leaves at once).
/// Memory: about 0.5–1 KB per session (the entry, its strings and the journey state's arrays); the
/// stored JSON of the state is not kept.
public final class SessionCache: Sendable {
    struct Entry: Sendable {
        /// The session as stored, its ``SessionRecord/state`` emptied (``journey`` holds it decoded).
        var record: SessionRecord
        var journey: SessionState
        /// SHA-256 (hex) of the learner's token: the entry answers only a request bearing it.
        var tokenHash: String

        /// The session's progress, as decoded from the store.
        var progress: SessionProgress {
            var progress = SessionProgress()
            progress.journey = journey
            return progress
        }
    }

    private struct Storage {
        var entries: [String: Entry] = [:]
        /// Session ids in insertion order (ids already gone are skipped when evicting).
        var order: [String] = []
        var head = 0
    }

    /// Most sessions held (0: the cache holds nothing).
    public let capacity: Int
    private let storage = Mutex(Storage())

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Sessions held.
    public var count: Int { storage.withLock { $0.entries.count } }

    func entry(session id: String, tokenHash: String) -> Entry? {
        storage.withLock { storage in
            guard let entry = storage.entries[id], entry.tokenHash == tokenHash else { return nil }
            return entry
        }
    }

    func store(_ record: SessionRecord, progress: SessionProgress, tokenHash: String) {
        guard capacity > 0 else { return }
        guard let journey = progress.journeyAlone else {
            remove(session: record.id)
            return
        }
        var record = record
        record.state = ""
        let entry = Entry(record: record, journey: journey, tokenHash: tokenHash)
        storage.withLock { storage in
            if record.finished {
                storage.entries[record.id] = nil
                return
            }
            if storage.entries.updateValue(entry, forKey: record.id) == nil {
                storage.order.append(record.id)
            }
            while storage.entries.count > capacity, storage.head < storage.order.count {
                storage.entries[storage.order[storage.head]] = nil
                storage.head += 1
            }
            // Compacts the order once its consumed part dominates (ids of sessions that left early stay
            // until then: at most a few times `capacity` strings).
            if storage.head > 1024, storage.head * 2 > storage.order.count {
                storage.order.removeFirst(storage.head)
                storage.head = 0
            }
            if storage.order.count - storage.head > 4 * max(capacity, 256) {
                storage.order = storage.order[storage.head...].filter { storage.entries[$0] != nil }
                storage.head = 0
            }
        }
    }

    func remove(session id: String) {
        storage.withLock { _ = $0.entries.removeValue(forKey: id) }
    }
}
