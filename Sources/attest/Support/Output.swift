import AttestKit
import Foundation

/// Standard error output shared by the commands.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    static func fail(_ error: AttestError) -> Never {
        if !error.diagnostics.isEmpty { self.error(DiagnosticFormat.gcc.render(error.diagnostics)) }
        self.error("error: \(error.message)")
        Foundation.exit(2)
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
