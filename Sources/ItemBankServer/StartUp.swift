import Foundation
import PostgresNIO

/// What the server checks before it serves: readable reasons for failures to listen, and a bound on
/// how long the learner store may take to become ready.
public enum StartUp {
    /// Why listening on `host:port` failed, in words: `address already in use`, `permission denied`…
    /// (the system's reason for a socket error, else the error's description).
    public static func listenFailure(_ error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE:
                return "address already in use (another process listens there: stop it or choose another --port)"
            case EACCES: return "permission denied (ports below 1024 need privileges: choose another --port)"
            case EADDRNOTAVAIL: return "address not available on this machine (check --host)"
            default: return String(cString: strerror(error.errnoCode)).lowercased()
            }
        }
        return String(describing: error)
    }

    /// Raised by ``withTimeout(seconds:_:)`` when the operation did not finish in time.
    public struct TimedOut: Error, Sendable {
        /// The bound that was exceeded, in seconds.
        public var seconds: Double
    }

    /// Runs `operation`, and throws ``TimedOut`` if it has not finished within `seconds` (the
    /// operation is then cancelled, and not waited for).
    public static func withTimeout<T: Sendable>(
        seconds: Double, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        let work = Task {
            do { await race.finish(with: .success(try await operation())) } catch {
                await race.finish(with: .failure(error))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            await race.finish(with: .failure(TimedOut(seconds: seconds)))
        }
        defer {
            work.cancel()
            timer.cancel()
        }
        return try await race.value()
    }

    /// The first of two results; later ones are dropped.
    actor Race<T: Sendable> {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<T, any Error>?

        func finish(with outcome: Result<T, any Error>) {
            guard result == nil else { return }
            result = outcome
            waiter?.resume(with: outcome)
            waiter = nil
        }

        func value() async throws -> T {
            if let result { return try result.get() }
            return try await withCheckedThrowingContinuation { waiter = $0 }
        }
    }
}
