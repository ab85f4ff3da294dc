import Synchronization

/// A group commit: callers hand in a row and wait for its outcome; the rows that arrive while a group
/// is being written wait together and are written by the next group, so under load one statement and
/// one transaction serve many requests. One group is written at a time, by the caller that found the
/// queue idle (in a task of its own); every caller returns once its row is written or refused.
/// Both stores use it for their answers and new sessions.
final class GroupCommit<Row: Sendable, Outcome: Sendable>: Sendable {
    /// A row and the caller waiting for it (a reference: groups are formed and split without copying
    /// the rows).
    final class Waiting: Sendable {
        let row: Row
        let continuation: CheckedContinuation<Outcome, any Error>

        init(row: Row, continuation: CheckedContinuation<Outcome, any Error>) {
            self.row = row
            self.continuation = continuation
        }

        func resume(_ outcome: Outcome) { continuation.resume(returning: outcome) }
        func fail(_ error: any Error) { continuation.resume(throwing: error) }
    }

    private struct State {
        var queue: [Waiting] = []
        var isWriting = false
        var groups = 0
    }

    private let state = Mutex(State())
    /// Rows of one group at most.
    let limit: Int
    /// Rows with the same key never share a group (the later waits for the next one); nil: any rows.
    let key: (@Sendable (Row) -> String)?

    init(limit: Int, distinctBy key: (@Sendable (Row) -> String)? = nil) {
        self.limit = limit
        self.key = key
    }

    /// Groups written so far (fewer than the rows when rows arrive together).
    var groups: Int { state.withLock { $0.groups } }

    /// Hands in `row` and waits until a group has written it (`write` must resume every row it is
    /// given, with its outcome or an error).
    func submit(_ row: Row, write: @escaping @Sendable ([Waiting]) async -> Void) async throws -> Outcome {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, any Error>) in
            let lead = state.withLock { state in
                state.queue.append(Waiting(row: row, continuation: continuation))
                if state.isWriting { return false }
                state.isWriting = true
                return true
            }
            if lead { Task { await self.writeGroups(write) } }
        }
    }

    private func writeGroups(_ write: @Sendable ([Waiting]) async -> Void) async {
        while true {
            let group = state.withLock { state -> [Waiting] in
                guard !state.queue.isEmpty else {
                    state.isWriting = false
                    return []
                }
                if state.queue.count <= limit, key == nil {
                    // Every waiting row (the usual case): the queue itself becomes the group.
                    state.groups += 1
                    defer { state.queue = [] }
                    return state.queue
                }
                var group: [Waiting] = []
                var later: [Waiting] = []
                var keys: Set<String> = []
                for waiting in state.queue {
                    if group.count < limit, key.map({ keys.insert($0(waiting.row)).inserted }) ?? true {
                        group.append(waiting)
                    } else {
                        later.append(waiting)
                    }
                }
                state.queue = later
                state.groups += 1
                return group
            }
            guard !group.isEmpty else { return }
            await write(group)
        }
    }
}
