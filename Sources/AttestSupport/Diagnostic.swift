/// How serious a finding is. `--strict` treats warnings as errors.
public enum Severity: String, Hashable, Comparable, Sendable, Codable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// One finding about one place in one file: what every check in Attest
/// reports and every output format renders.
public struct Diagnostic: Hashable, Comparable, Sendable, Codable {
    /// The file as the user named it (or as found under the corpus).
    public var file: String
    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A stable rule id such as `span.text`; see docs/rules.md.
    public var rule: String

    public init(
        file: String, location: SourceLocation = .start, severity: Severity = .error, message: String, rule: String
    ) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
        self.rule = rule
    }

    public var line: Int { location.line }
    public var column: Int { location.column }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.location.line, lhs.location.column, lhs.rule, lhs.message)
            < (rhs.file, rhs.location.line, rhs.location.column, rhs.rule, rhs.message)
    }
}

/// Collects diagnostics for one file, on behalf of a check.
public struct DiagnosticSink: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) { self.file = file }

    public mutating func report(
        _ rule: String, _ message: String, at location: SourceLocation?, severity: Severity = .error
    ) {
        diagnostics.append(
            Diagnostic(file: file, location: location ?? .start, severity: severity, message: message, rule: rule))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}

/// A diagnostic can be thrown or carried as a failure.
extension Diagnostic: Error {}
