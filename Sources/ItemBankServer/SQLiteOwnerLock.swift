import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The claim of one process on an SQLite database file: an advisory `flock(2)` lock on the sidecar file
/// `FILE.lock` (beside the database), taken without waiting and held until ``release()`` or the end of
/// the process.
///
/// Why a sidecar lock rather than SQLite's own locking: in WAL mode SQLite locks per transaction and
/// releases between them, so its locks cannot say that a server owns the file, and
/// `locking_mode=EXCLUSIVE` would also lock out readers such as the `sqlite3` shell's `.backup`. The
/// kernel releases a `flock` lock when its process ends, however it ends (`kill -9` included), so no
/// stale lock is ever left to clean up, unlike a PID file; the `.lock` file itself stays (removing it
/// would race with a server starting). It names the holder's process id, for the error message.
/// Advisory: it stops a second `itembank-server`, not other programs writing to the database.
final class SQLiteOwnerLock: Sendable {
    /// The lock file: the database's path with `.lock` appended.
    let path: String
    private let descriptor: Mutex<Int32>

    /// Takes the lock for the database file `database`.
    /// - Throws: ``ServiceError`` (503 `store-locked`) when another process holds it, naming the file,
    ///   the holder's process id and what to do; (503 `unavailable`) when the lock file cannot be opened.
    init(database: String) throws(ServiceError) {
        path = database + ".lock"
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw .unavailable("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(opened)
            guard failure == EWOULDBLOCK else {
                throw .unavailable("cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            let process = holder.flatMap { Int32($0) }.map { " (process \($0))" } ?? ""
            throw ServiceError(
                status: 503, code: "store-locked", title: "SQLite file in use",
                detail: "another itembank-server\(process) uses this SQLite file (it holds the lock \(path)): "
                    + "run one server per SQLite file; for several instances use one PostgreSQL database "
                    + "(--database postgres://…)")
        }
        let line = Array("\(getpid())\n".utf8)
        if ftruncate(opened, 0) == 0 { _ = line.withUnsafeBytes { write(opened, $0.baseAddress, line.count) } }
        descriptor = Mutex(opened)
    }

    /// Releases the lock (closing the lock file); later calls do nothing.
    func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { release() }
}
