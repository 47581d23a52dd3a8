/// A failure that stops a command: bad usage, a file that cannot be read or
/// written, a corpus that cannot be opened. Commands exit 2 on it.
public struct AttestError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// Findings behind the failure, if any (for example a manifest's schema errors).
    public var diagnostics: [Diagnostic]

    public init(_ message: String, diagnostics: [Diagnostic] = []) {
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String { message }
}
