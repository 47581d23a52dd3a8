/// What a rule is: its stable id, its default severity and the one line
/// that docs/rules.md and `attest rules` show.
public struct RuleDescriptor: Hashable, Sendable {
    public var id: String
    public var severity: Severity
    public var summary: String

    public init(_ id: String, _ severity: Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}

extension DiagnosticSink {
    package mutating func report(_ descriptor: RuleDescriptor, _ message: String, at location: SourceLocation?) {
        report(descriptor.id, message, at: location, severity: descriptor.severity)
    }
}
