import AttestKit
import Foundation

/// Progress on standard error: a bar on a terminal, plain lines otherwise (CI).
final class ProgressReporter: @unchecked Sendable {
    let total: Int
    let label: String
    let tty = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastPrinted = 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        if !tty { Output.error("\(label): \(total) document(s)") }
    }

    func report(_ p: ExtractionProgress) {
        lock.withLock {
            if tty {
                let width = 30
                let filled = total > 0 ? width * p.done / total : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                FileHandle.standardError.write(
                    Data("\r\(label) [\(bar)] \(p.done)/\(total) \(p.id.prefix(30))\u{1B}[K".utf8))
            } else if let f = p.failure {
                Output.error("[\(p.done)/\(total)] \(f.id): failed (\(f.reason))")
            } else if p.done == total || p.done - lastPrinted >= max(1, total / 20) {
                lastPrinted = p.done
                Output.error("[\(p.done)/\(total)] \(p.id) done")
            }
        }
    }

    func finish() {
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
