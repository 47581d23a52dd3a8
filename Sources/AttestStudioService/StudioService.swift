import AttestInterop
import Foundation

/// The web annotator's editing service over one corpus (docs/api.md): every
/// change is an `AnnotationEditor` transaction on the same files the CLI
/// edits, so the page and the command line write the same bytes. It knows
/// nothing of HTTP: the `studio-server/` package routes requests to these
/// methods and turns their values and `StudioError`s into responses.
public struct StudioService: Sendable {
    public let corpus: Corpus
    /// Review mode's predictions (`--pred`): a JSON Lines file or a folder of annotation files.
    public let predictions: String?
    /// The document list's lines, kept between requests (shared by every copy of the service).
    public let summaries: DocumentSummaries
    /// The documents kept open between requests (shared by every copy of the service): an edit on a
    /// document just shown neither parses its file again nor validates what it did not change.
    public let kept: KeptDocuments
    /// Who is asking (`acting(as:)`): nil for the single local user, who works on the gold
    /// annotations as a curator does; an annotator works in their own folder only.
    public private(set) var user: StudioUser?

    public init(
        corpus: Corpus, predictions: String? = nil, summaries: DocumentSummaries = DocumentSummaries(),
        kept: KeptDocuments = KeptDocuments()
    ) {
        self.corpus = corpus
        self.predictions = predictions
        self.summaries = summaries
        self.kept = kept
    }

    /// The service as `user` uses it.
    public func acting(as user: StudioUser?) -> StudioService {
        var copy = self
        copy.user = user
        return copy
    }

    /// The annotator whose folder this service edits; nil for the gold annotations.
    var annotator: String? { user?.role == .annotator ? user?.name : nil }

    /// What `AnnotationEditor` and `EditUndo` open for document `id`: the id itself (the gold file),
    /// or the path of the annotator's own file.
    func target(_ id: String) throws -> String {
        guard let annotator else { return id }
        return try corpus.annotatorFile(id, of: annotator).path
    }

    /// The file document `id` is edited in.
    func fileURL(_ id: String) throws -> URL {
        guard let annotator else { return corpus.annotationURL(for: id) }
        return try corpus.annotatorFile(id, of: annotator)
    }

    /// Refuses what only a curator (or the local user) may do.
    func requireCurator(_ what: String) throws {
        guard let user, user.role == .annotator else { return }
        throw StudioError(403, "curator-only", "\(user.name) is an annotator; only a curator may \(what)")
    }

    /// Runs `body`, turning library errors into service errors (their kind decides the status).
    func serving<T>(_ body: () throws -> T) throws(StudioError) -> T {
        do {
            return try body()
        } catch let error as StudioError {
            throw error
        } catch let error as AttestError {
            throw StudioError(error)
        } catch {
            throw StudioError(500, "internal", "\(error)")
        }
    }

    /// A document id from a request: its form checked, its file present.
    func checked(_ id: String) throws -> String {
        guard id.range(of: "^[A-Za-z][A-Za-z0-9_.-]{0,127}$", options: .regularExpression) != nil else {
            throw StudioError(400, "bad-id", "\(Brief.quoted(id)) is not a document id")
        }
        guard FileManager.default.fileExists(atPath: corpus.annotationURL(for: id).path) else {
            throw StudioError(404, "no-document", "no document \(id) in this corpus")
        }
        if let annotator {
            // Blind annotation: an annotator works only on what they were given, in their own folder.
            guard try corpus.assignments().annotators[id]?.contains(annotator) == true else {
                throw StudioError(403, "not-assigned", "\(id) is not assigned to \(annotator)")
            }
            _ = try Assigning.startingFile(id, of: annotator, in: corpus)
        }
        return id
    }

    // MARK: Reading

    /// `GET /api/documents`: a line per document, made on both cores and kept between requests
    /// (`DocumentSummaries`): 10,000 documents listed from scratch in about 2.5 s, then in tens of ms.
    public func documents() -> DocumentListBody {
        // An annotator sees the documents given to them, as their own files have them.
        // deliberate: an unreadable assignments file lists nothing; GET /api/progress names its error
        let ids =
            annotator.map { name in (try? corpus.assignments().documents(of: name)) ?? [] } ?? corpus.documentIDs()
        let docs = ConcurrentMap.map(ids, jobs: ProcessInfo.processInfo.activeProcessorCount) { id in
            documentLine(id)
        }
        return DocumentListBody(corpus: corpus.manifest.name, documents: docs)
    }

    /// One document's line of the list, or the error that kept it from being read.
    private func documentLine(_ id: String) -> JSONTree {
        do {
            let url = try fileURL(id)
            let own = FileManager.default.fileExists(atPath: url.path)
            let path = own ? url.path : corpus.annotationURL(for: id).path
            return try summaries.line(for: path) {
                // Opened as `attest show` opens it (contained, article read), to say whether it is stale.
                let editor = try AnnotationEditor.open(
                    own ? target(id) : id, in: corpus, allowStale: true, forWriting: false)
                return (StudioDocumentJSON.summary(editor.original, stale: editor.isStale), editor.articlePath)
            }
        } catch let error as AttestError {
            return .object(["id": .string(id), "error": .string(error.message)])
        } catch {
            return .object(["id": .string(id), "error": .string("\(error)")])
        }
    }

    /// `GET /api/documents/{id}`. A stale document (its article edited since) is 409 `stale` with
    /// the version to realign it from (`POST …/realign`).
    public func document(_ id: String) throws(StudioError) -> DocumentBody {
        try serving {
            let editor = try AnnotationEditor.open(
                try target(try checked(id)), in: corpus, allowStale: true, forWriting: false, kept: kept)
            guard !editor.isStale else {
                throw StudioError(
                    409, "stale",
                    "the article of \(id) changed since it was annotated, so its offsets may point at the wrong text; realign it to carry the annotations across",
                    extra: ["version": .string(editor.file.readDigest ?? "")])
            }
            return try documentBody(editor)
        }
    }

    /// Reads the edit journal of document `id` ahead of its first change (`EditJournal.warm`), so that
    /// the change reads only what is appended after. For after the document is served, off the
    /// request's path; it does nothing when anything is amiss (the change then reads the journal).
    public func warmJournal(_ id: String) {
        guard let checked = try? checked(id), let file = try? target(checked),
            let (_, key) = try? EditUndo.journalTarget(file, in: corpus)
        else { return }
        EditJournal(corpus: corpus).warm(key, kept: kept)
    }

    /// The document of `editor` as `GET` gives it.
    func body(_ editor: AnnotationEditor) throws -> DocumentBody { try documentBody(editor) }

    /// The document as `GET` gives it. Its version is the SHA-256 of the file
    /// on disk: as read, or (`written`) as a commit just wrote it.
    /// With `changes`, a change's answer carries what changed rather than the whole annotation.
    private func documentBody(
        _ editor: AnnotationEditor, written: AnnotationEditor.Commit? = nil, changes: Bool = false, text: Bool = true
    ) throws -> DocumentBody {
        let version = written?.entry?.after ?? editor.file.readDigest ?? ""
        let known = written.flatMap { $0.changed ? $0.diagnostics : nil }
        let delta = changes ? StudioDocumentJSON.changes(from: editor.original, to: editor.document) : nil
        var body = DocumentBody(
            // The article as a string only when the answer carries it (1.4 MB checked as UTF-8 again).
            id: editor.document.id, version: version, text: text ? editor.article.string : "",
            length: editor.article.count,
            annotation: delta == nil ? StudioDocumentJSON.annotation(editor.document) : .null,
            diagnostics: StudioDocumentJSON.diagnostics(try known ?? editor.resultDiagnostics()),
            types: corpus.manifest.types.sorted().map(\.name))
        body.changes = delta
        body.includesText = text
        return body
    }

    // MARK: Changing

    /// The version a change was made on (`If-Match`): required.
    func required(_ version: String?) throws -> String {
        guard let version else {
            throw StudioError(428, "version-required", "send If-Match with the version (ETag) the page shows")
        }
        return version
    }

    /// `POST /api/documents/{id}/edits`: the verbs and edits of `AnnotationEdit`, as one transaction;
    /// with `changes`, the answer says what changed (`DocumentBody.changes`).
    public func apply(
        _ edits: [AnnotationEdit], to id: String, expectedVersion: String?, changes: Bool = false, text: Bool = true
    ) throws(StudioError) -> DocumentBody {
        if edits.contains(.setStatus(.prediction)) {
            throw StudioError(
                400, "bad-status", "a document's status is draft or gold; prediction is for extractor output")
        }
        return try serving {
            try transaction(
                try checked(id), try required(expectedVersion),
                summary: "studio: " + edits.map(\.description).joined(separator: "; "), changes: changes, text: text
            ) {
                try $0.apply(edits)
                return nil
            }
        }
    }

    /// `PUT /api/documents/{id}/status`.
    public func setStatus(_ status: AnnotationStatus, of id: String, expectedVersion: String?) throws(StudioError)
        -> DocumentBody
    {
        guard status != .prediction else {
            throw StudioError(400, "bad-status", "send {\"status\": \"draft\"} or {\"status\": \"gold\"}")
        }
        return try serving {
            try transaction(
                try checked(id), try required(expectedVersion), summary: "studio: set status \(status.rawValue)"
            ) {
                try $0.setStatus(status)
                return nil
            }
        }
    }

    /// Takes the document's lock, checks the version, applies, validates,
    /// writes: a request made on an older version than the file's gets 409
    /// with the current version, whoever wrote in between.
    func transaction(
        _ id: String, _ expected: String, summary: String, allowStale: Bool = false, changes: Bool = false,
        text: Bool = true, _ change: (inout AnnotationEditor) throws -> [String]?
    ) throws -> DocumentBody {
        var editor = try AnnotationEditor.open(try target(id), in: corpus, allowStale: allowStale, kept: kept)
        editor.author = user?.name
        let current = editor.file.readDigest ?? ""
        guard expected == current else { throw conflict(id, expected, current: current) }
        let findings: [String]?
        do {
            findings = try change(&editor)
        } catch let error as AttestError {
            throw StudioError(error.httpStatus, "edit-refused", error.message, extra: ["diagnostics": .array([])])
        }
        let commit: AnnotationEditor.Commit
        do {
            commit = try editor.commit(summary: summary)
        } catch let error as AttestError where error.kind == .invalid {
            // Refused: say why, rule by rule (validating again only on this path).
            let found = try editor.resultDiagnostics()
            let errors = found.filter { $0.severity == .error }
            // No errors: a document made gold with warnings (gold means `--strict` passes).
            throw StudioError(
                422, "invalid",
                errors.isEmpty
                    ? "a gold document must pass attest validate --strict; these warnings stop it; nothing was written"
                    : "the result would not validate; nothing was written",
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(errors.isEmpty ? found : errors)])
        } catch let error as AttestError where error.kind == .conflict {
            throw conflict(id, expected, current: currentVersion(id), message: error.message)
        }
        var body = try documentBody(editor, written: commit, changes: changes, text: text)
        body.inverse = editor.inverse
        body.notes = commit.notes
        body.findings = findings
        return body
    }

    private func conflict(_ id: String, _ expected: String, current: String, message: String? = nil) -> StudioError {
        StudioError(
            409, "conflict", message ?? "\(id) changed since version \(expected.prefix(12))…; reload it",
            extra: ["version": .string(current)])
    }

    /// The SHA-256 of the document's file now.
    private func currentVersion(_ id: String) -> String {
        guard let url = try? fileURL(id), case .bytes(let b) = FileBytes.read(url.path) else { return "" }
        return SHA256Hex.of(b)
    }

    /// Undo or redo, from the version the page shows (`If-Match`).
    /// `POST /api/documents/{id}/undo` and `…/redo`.
    public func reverse(_ direction: EditUndo.Direction, _ id: String, expectedVersion: String?) throws(StudioError)
        -> Reversal
    {
        try serving {
            let id = try checked(id)
            let expected = try required(expectedVersion)
            let entry: JournalEntry
            do {
                entry = try EditUndo.reverse(
                    direction, try target(id), in: corpus, write: true, expectedVersion: expected, kept: kept
                ).entry
            } catch let error as AttestError where error.kind == .conflict {
                throw conflict(id, expected, current: currentVersion(id), message: error.message)
            }
            guard FileManager.default.fileExists(atPath: try fileURL(id).path) else {
                return Reversal(direction: direction, summary: entry.summary, document: nil)
            }
            let editor = try AnnotationEditor.open(
                try target(id), in: corpus, allowStale: true, forWriting: false, kept: kept)
            return Reversal(direction: direction, summary: entry.summary, document: try documentBody(editor))
        }
    }

    /// `POST /api/documents/{id}/realign`: the annotations moved onto the article as it is now.
    public func realign(_ id: String, expectedVersion: String?) throws(StudioError) -> DocumentBody {
        try serving {
            let id = try checked(id)
            let expected = try required(expectedVersion)
            let now = try AnnotationEditor.open(try target(id), in: corpus, allowStale: true, forWriting: false)
            guard now.isStale else {
                var body = try documentBody(now)
                body.findings = []
                return body
            }
            return try transaction(id, expected, summary: "studio: realign", allowStale: true) { editor in
                guard let (result, _) = try editor.realign() else { return [] }
                return result.findings.map(\.description)
            }
        }
    }

    /// Suggestions from an extractor: `?extractor=baseline`, or `manifest`
    /// for the manifest's `<extractor>` (the default when it declares one).
    /// A POST: running a program is a side effect, so it sits behind the
    /// origin and token checks that a cross-site GET would slip past.
    public func suggestions(_ id: String, extractor: String?) throws(StudioError) -> JSONTree {
        try serving { try suggesting(try checked(id), extractor: extractor) }
    }

    private func suggesting(_ id: String, extractor: String?) throws -> JSONTree {
        let editor = try AnnotationEditor.open(try target(id), in: corpus, forWriting: false)
        let command = corpus.manifest.extractorCommand
        let wanted = extractor ?? (command == nil ? "baseline" : "manifest")
        let prediction: PredictionDocument
        switch wanted {
        case "baseline":
            prediction = BaselineExtractor().extract(id: id, article: editor.article)
        case "manifest":
            guard let command else {
                throw StudioError(400, "no-extractor", "the manifest declares no <extractor>; use ?extractor=baseline")
            }
            let extractor = ExternalExtractor(
                command: command, timeout: Double(corpus.manifest.extractorTimeout ?? 60))
            let gold = GoldDocument(
                document: editor.document, path: editor.file.url.path, articlePath: editor.articlePath,
                article: editor.article)
            switch extractor.run(gold) {
            case .success(let p): prediction = p
            case .failure(let f):
                throw StudioError(
                    502, "extractor-failed",
                    "the extractor \(Brief.quoted(command, limit: 60)) failed on \(id): \(f.reason)"
                        + (f.stderrTail.isEmpty ? "" : " — " + f.stderrTail.joined(separator: " ⏎ ")))
            }
        default:
            throw StudioError(400, "bad-extractor", "extractor is baseline or manifest, not \(Brief.quoted(wanted))")
        }
        // What the annotator rejected from this extractor before is not offered again.
        let key = wanted == "baseline" ? "baseline" : command ?? ""
        let rejected = try SuggestionRejections(corpus: corpus).all(document: try rejectionKey(id))
        var offered = prediction
        offered.mentions.removeAll {
            rejected.contains(.init(extractor: key, start: $0.span.start, end: $0.span.end, type: $0.type.name))
        }
        offered.quotes.removeAll {
            rejected.contains(
                .init(extractor: key, start: $0.content.span.start, end: $0.content.span.end, type: "quote"))
        }
        var json = StudioDocumentJSON.prediction(offered, article: editor.article)
        if case .object(var o) = json {
            o["extractor"] = .string(key)
            o["rejected"] = .int(rejected.filter { $0.extractor == key }.count)
            json = .object(o)
        }
        return json
    }

    /// `POST /api/documents/{id}/rejections`: a suggestion of `extractor` (baseline or manifest)
    /// that is not to be offered again for this document.
    public func reject(
        _ id: String, extractor: String, start: Int, end: Int, type: String
    ) throws(StudioError) {
        try serving {
            let id = try checked(id)
            guard extractor == "baseline" || extractor == "manifest" else {
                throw StudioError(
                    400, "bad-extractor", "extractor is baseline or manifest, not \(Brief.quoted(extractor))")
            }
            guard start >= 0, end > start, !type.isEmpty, type.count <= 64 else {
                throw StudioError(400, "bad-rejection", "a rejection names start < end and the suggestion's type")
            }
            let key = extractor == "baseline" ? "baseline" : corpus.manifest.extractorCommand ?? ""
            try SuggestionRejections(corpus: corpus).add(
                .init(extractor: key, start: start, end: end, type: type), document: try rejectionKey(id))
        }
    }

    /// Review mode: the document's prediction (uploaded, or from `--pred`)
    /// against its annotation, with the counts of `attest score --errors`.
    /// `upload` is a prediction file sent by the page (`POST`, `?name=`); without one, `--pred`'s (`GET`).
    public func review(_ id: String, upload: (bytes: [UInt8], name: String)?) throws(StudioError) -> JSONTree {
        try serving {
            // Review compares with the gold annotation (and --pred may be another annotator's folder).
            if let annotator {
                throw StudioError(
                    403, "blind", "review mode shows the gold annotation; \(annotator) annotates blind until curation")
            }
            return try reviewing(try checked(id), upload: upload)
        }
    }

    /// Where the rejected suggestions of document `id` are kept: beside its own journal.
    private func rejectionKey(_ id: String) throws -> String {
        try EditUndo.journalTarget(try target(id), in: corpus).key
    }

    private func reviewing(_ id: String, upload: (bytes: [UInt8], name: String)?) throws -> JSONTree {
        let prediction: PredictionDocument?
        let source: String
        do {
            if let upload {
                source = upload.name
                prediction = try PredictionLookup.find(id, bytes: upload.bytes, name: source)
            } else {
                guard let predictions else {
                    throw StudioError(
                        404, "no-predictions",
                        "this server was started without --pred; choose a prediction file on the page")
                }
                source = DisplayPath.of(path: predictions, relativeTo: FileManager.default.currentDirectoryPath)
                prediction = try PredictionLookup.find(id, path: predictions)
            }
        } catch let error as AttestError {
            throw StudioError(
                422, "bad-prediction", error.message,
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(error.diagnostics)])
        }
        guard let prediction else {
            throw StudioError(404, "no-prediction", "\(source) has no prediction for \(id)")
        }
        do {
            let review = try DocumentReview.make(id: id, prediction: prediction, source: source, corpus: corpus)
            return StudioDocumentJSON.review(review, source: source)
        } catch let error as AttestError {
            throw StudioError(
                422, "bad-prediction", error.message,
                extra: ["diagnostics": StudioDocumentJSON.diagnostics(error.diagnostics)])
        }
    }
}
