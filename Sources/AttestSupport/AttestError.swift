import Foundation

/// A failure that stops a command: bad usage, a file that cannot be read or
/// written, a corpus that cannot be opened, a change refused. Its `kind`,
/// never its message, decides the exit status (`exitCode`) and the HTTP
/// status the annotator's server answers with (`httpStatus`).
public struct AttestError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as callers branch on it.
    public enum Kind: String, Sendable, CaseIterable {
        /// Bad arguments or a malformed request.
        case usage
        /// A file or folder could not be read or written (permissions, disk
        /// full, not a regular file, outside the corpus).
        case io
        /// The document, entry or id named does not exist.
        case notFound = "not-found"
        /// The article changed since the document was annotated: realign first.
        case stale
        /// Someone else changed the file since it was read, or holds it now.
        case conflict
        /// The result would not validate, or an input file is not valid.
        case invalid
        /// An input over a size limit.
        case tooLarge = "too-large"
        /// The change would leave the document as it is.
        case unchanged
        /// Nothing in the journal to undo or redo.
        case emptyHistory = "empty-history"
    }

    public var kind: Kind
    public var message: String
    /// Findings behind the failure, if any (for example a manifest's schema errors).
    public var diagnostics: [Diagnostic]

    public init(_ message: String, kind: Kind = .usage, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
    }

    public init(kind: Kind, _ message: String, diagnostics: [Diagnostic] = []) {
        self.init(message, kind: kind, diagnostics: diagnostics)
    }

    public static func io(_ message: String) -> AttestError { AttestError(message, kind: .io) }
    public static func notFound(_ message: String) -> AttestError { AttestError(message, kind: .notFound) }
    public static func conflict(_ message: String) -> AttestError { AttestError(message, kind: .conflict) }
    public static func invalid(_ message: String, diagnostics: [Diagnostic] = []) -> AttestError {
        AttestError(message, kind: .invalid, diagnostics: diagnostics)
    }

    /// Wraps any error: an `AttestError` as it is, anything else (Foundation's
    /// errors) as an I/O failure that names `context` and the cause.
    public static func wrapping(_ error: any Error, _ context: String) -> AttestError {
        if let error = error as? AttestError { return error }
        let ns = error as NSError
        var cause = ns.localizedFailureReason ?? ns.localizedDescription
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            cause = String(cString: strerror(Int32(underlying.code)))
        } else if ns.domain == NSPOSIXErrorDomain {
            cause = String(cString: strerror(Int32(ns.code)))
        }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String).map { context.contains($0) ? "" : " (\($0))" } ?? ""
        return AttestError("\(context)\(path): \(cause)", kind: .io)
    }

    /// The command line's exit status: every failure that is not a finding is 2.
    public var exitCode: Int32 { 2 }

    /// The status the annotator's API answers with.
    public var httpStatus: Int {
        switch kind {
        case .usage: 400
        case .io: 500
        case .notFound: 404
        case .stale, .conflict: 409
        case .invalid: 422
        case .tooLarge: 413
        case .unchanged: 400
        case .emptyHistory: 409
        }
    }

    public var description: String { message }
}
