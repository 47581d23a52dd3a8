import AttestCorpus
import Foundation

/// Why an extractor gave nothing usable for one document; every report
/// format carries it.
public struct ExtractorFailure: Error, Hashable, Sendable, Codable {
    /// What went wrong, in a word a dashboard can group by.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The program could not be started, or the article could not be read.
        case launch
        /// Killed by a signal (a crash).
        case crash
        /// Exited with a status other than 0.
        case exitStatus = "exit-status"
        case timeout
        /// Printed more than the output limit.
        case outputTooLarge = "output-too-large"
        /// Printed something that is not JSON.
        case invalidJSON = "invalid-json"
        /// Printed JSON that is not a document in the extractor form.
        case invalidDocument = "invalid-document"
    }

    public var id: String
    public var kind: Kind
    public var reason: String
    /// The last lines the extractor wrote to standard error.
    public var stderrTail: [String]
    public var seconds: Double

    public init(id: String, kind: Kind, reason: String, stderrTail: [String] = [], seconds: Double = 0) {
        self.id = id
        self.kind = kind
        self.reason = reason
        self.stderrTail = stderrTail
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, reason, seconds
        case stderrTail = "stderr_tail"
    }
}

/// Runs any program as an extractor, per the protocol of docs/format.md:
/// the article text on standard input, `ATTEST_DOC_ID` and
/// `ATTEST_ARTICLE_PATH` in the environment, one JSON document on standard
/// output (its `id` may be left out).
public struct ExternalExtractor: Sendable {
    public var command: String
    /// Seconds per document.
    public var timeout: Double

    public init(command: String, timeout: Double = 60) {
        self.command = command
        self.timeout = timeout
    }

    public func run(_ gold: GoldDocument) -> Result<PredictionDocument, ExtractorFailure> {
        let start = DispatchTime.now().uptimeNanoseconds
        func fail(_ kind: ExtractorFailure.Kind, _ reason: String, _ stderr: [UInt8] = []) -> Result<
            PredictionDocument, ExtractorFailure
        > {
            let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
                .suffix(5).map(String.init)
            return .failure(
                ExtractorFailure(
                    id: gold.id, kind: kind, reason: reason, stderrTail: lines,
                    seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        guard case .bytes(let input) = FileBytes.read(gold.articlePath) else {
            return fail(.launch, "cannot read the article \(gold.articlePath)")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["ATTEST_DOC_ID"] = gold.id
        environment["ATTEST_ARTICLE_PATH"] = FileBytes.join("/", gold.articlePath)
        let outcome = ChildProcess.run(command, environment: environment, input: input, timeout: timeout)
        if let why = outcome.launchError { return fail(.launch, why) }
        if outcome.timedOut {
            return fail(.timeout, String(format: "timed out after %.0f s (killed)", timeout), outcome.stderr)
        }
        if outcome.outputTooLarge {
            return fail(
                .outputTooLarge, "printed more than \(ChildProcess.outputLimit >> 20) MiB (killed)", outcome.stderr)
        }
        if let signal = outcome.signal { return fail(.crash, "was killed by signal \(signal)", outcome.stderr) }
        if let status = outcome.status, status != 0 {
            // A shell reports a child killed by signal N as status 128 + N.
            let note = status > 128 && status < 160 ? " (killed by signal \(status - 128))" : ""
            return fail(note.isEmpty ? .exitStatus : .crash, "exited with status \(status)\(note)", outcome.stderr)
        }
        let json: JSONValue
        switch outcome.stdout.withUnsafeBufferPointer({ b in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(b) }
        }) {
        case .success(let v): json = v
        case .failure(let e):
            let head = String(decoding: outcome.stdout.prefix(80), as: UTF8.self).replacingOccurrences(
                of: "\n", with: "⏎")
            return fail(
                .invalidJSON,
                "printed invalid JSON (byte \(e.offset): \(e.message)); output begins \(Brief.quoted(head, limit: 80))",
                outcome.stderr)
        }
        switch PredictionDecoder().decode(json, defaultID: gold.id) {
        case .issues(let issues):
            return fail(
                .invalidDocument,
                "printed a document that does not follow the format: "
                    + issues.prefix(3).map { "\($0.field) \($0.message)" }.joined(separator: "; "), outcome.stderr)
        case .document(let doc):
            guard doc.id == gold.id else {
                return fail(
                    .invalidDocument, "printed the id \(Brief.quoted(doc.id)) for document \(gold.id)", outcome.stderr)
            }
            return .success(doc)
        }
    }
}
