import Foundation

/// A progress line on standard error for long computations (randomization
/// trials, bootstrap samples): shown only on a terminal, and only once the
/// work has taken more than a second.
final class CountProgress: @unchecked Sendable {
    let total: Int
    let label: String
    private let start = Date()
    private let lock = NSLock()
    private var done = 0
    private var lastShown = Date.distantPast
    private var shown = false
    private let tty = isatty(STDERR_FILENO) == 1

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    /// One more unit done (from any thread).
    func step() { advance { $0 += 1 } }

    /// `count` units done so far (from any thread).
    func set(_ count: Int) { advance { $0 = max($0, count) } }

    private func advance(_ change: (inout Int) -> Void) {
        lock.withLock {
            change(&done)
            guard tty else { return }
            let now = Date()
            guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastShown) > 0.1 || done == total else {
                return
            }
            lastShown = now
            shown = true
            let percent = total > 0 ? 100 * done / total : 100
            FileHandle.standardError.write(Data("\r\(label): \(done)/\(total) (\(percent)%)\u{1B}[K".utf8))
        }
    }

    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
