import Dispatch
import Foundation

/// A one-line progress display on standard error for long work (`build`, `simulate`, `calibrate`):
/// the current step and the seconds elapsed, redrawn in place twice a second, erased at the end.
///
/// Shown only when standard error is a terminal (and `TERM` is not `dumb`, and `CI` is unset), or when
/// the user asks with `--progress`; never in pipes, files or CI logs otherwise, so outputs stay exact.
/// On a terminal the line is redrawn with a carriage return; with `--progress` off a terminal, each
/// step is written once on its own line.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let terminal: Bool
    private let command: String
    private let lock = NSLock()
    private var step = ""
    private var started = Date()
    private var timer: DispatchSourceTimer?

    /// - Parameters:
    ///   - command: the command's name, first on the line (`itembank build`).
    ///   - forced: `--progress` was given.
    init(_ command: String, forced: Bool) {
        let environment = ProcessInfo.processInfo.environment
        terminal = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        enabled = forced || (terminal && environment["CI"] == nil)
        self.command = command
    }

    /// Starts (or moves to) a step: "linting 100000 items", "compiling".
    func begin(_ step: String) {
        guard enabled else { return }
        lock.lock()
        self.step = step
        started = Date()
        lock.unlock()
        if terminal {
            draw()
            if timer == nil {
                let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
                timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
                timer.setEventHandler { [weak self] in self?.draw() }
                timer.resume()
                self.timer = timer
            }
        } else {
            FileHandle.standardError.write(Data("\(command): \(step)…\n".utf8))
        }
    }

    /// Erases the line (on a terminal) and stops redrawing.
    func end() {
        guard enabled else { return }
        timer?.cancel()
        timer = nil
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw() {
        lock.lock()
        let seconds = Int(Date().timeIntervalSince(started))
        let line = "\r\u{1B}[K\(command): \(step)… \(seconds) s"
        lock.unlock()
        FileHandle.standardError.write(Data(line.utf8))
    }
}
