import AttestXML
import Foundation

/// How far validation goes; the benchmark measures each stage.
public enum ValidationDepth: Sendable {
    /// Read and parse only.
    case parse
    /// Parse and check against the schema.
    case schema
    /// Parse, schema, article checks and every semantic rule.
    case full
}

/// The outcome of validating files.
public struct ValidationReport: Sendable {
    public var filesChecked: Int
    public var diagnostics: [Diagnostic]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// Whether a file could not be read (commands exit 2).
    public var hasIOError: Bool { diagnostics.contains { $0.rule == FileCheck.unreadable.id } }

    /// Exit status under Attest's convention: 0 clean, 1 findings, 2 I/O.
    public func exitCode(strict: Bool) -> Int32 {
        if hasIOError { return 2 }
        if errorCount > 0 || (strict && warningCount > 0) { return 1 }
        return 0
    }

    /// The diagnostics with warnings raised to errors.
    public func strictened() -> ValidationReport {
        var r = self
        r.diagnostics = r.diagnostics.map {
            var d = $0
            d.severity = .error
            return d
        }
        return r
    }
}
