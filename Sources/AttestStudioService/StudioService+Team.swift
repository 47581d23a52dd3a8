import Foundation

/// The team's endpoints: who is asking, how far everyone is, who has which
/// document, and an annotator's version of a document (for curation).
extension StudioService {
    /// `GET /api/me`: the user, their role, and (for an annotator) their queue.
    public func me() throws(StudioError) -> JSONTree {
        try serving {
            guard let user else {
                return .object([
                    "name": .null, "role": .string("local"), "annotations": .string(corpus.manifest.annotationsPath),
                ])
            }
            var fields: [String: JSONTree] = ["name": .string(user.name), "role": .string(user.role.rawValue)]
            if let annotator {
                let folder = try corpus.annotatorFolder(annotator)
                fields["annotations"] = .string(String(folder.path.dropFirst(corpus.root.path.count + 1)))
                if let mine = try progressFor(annotator) { fields["progress"] = mine }
            } else {
                fields["annotations"] = .string(corpus.manifest.annotationsPath)
            }
            return .object(fields)
        }
    }

    /// `GET /api/progress`: the team's progress (an annotator sees only their own line).
    public func progress() throws(StudioError) -> JSONTree {
        try serving {
            let progress = TeamProgress.of(corpus, assignments: try corpus.assignments())
            guard let annotator else { return progress.json }
            guard case .object(var all) = progress.json else { return progress.json }
            if case .array(let people) = all["annotators"] {
                all["annotators"] = .array(
                    people.filter { if case .object(let o) = $0 { o["name"] == .string(annotator) } else { false } })
            }
            all["ready-to-curate"] = nil
            return .object(all)
        }
    }

    private func progressFor(_ annotator: String) throws -> JSONTree? {
        guard case .object(let all) = TeamProgress.of(corpus, assignments: try corpus.assignments()).json,
            case .array(let people) = all["annotators"]
        else { return nil }
        return people.first { if case .object(let o) = $0 { o["name"] == .string(annotator) } else { false } }
    }

    /// `POST /api/assignments`: what `attest assign` does (a curator's, or the local user's).
    public func assign(documents: [String], to names: [String], overlap: Double?) throws(StudioError) -> JSONTree {
        try serving {
            try requireCurator("give out documents")
            guard (0...1).contains(overlap ?? 0) else {
                throw StudioError(400, "bad-assignment", "overlap is a share between 0 and 1")
            }
            let result = try Assigning.assign(in: corpus) { current in
                var current = current
                if !names.isEmpty {
                    for id in documents { current.give(id, to: names) }
                    return current
                }
                let pending =
                    documents.isEmpty ? corpus.documentIDs().filter { current.annotators[$0] == nil } : documents
                return AssignmentPlan(annotators: corpus.annotatorNames, overlap: overlap ?? 0)
                    .apply(to: current, documents: pending)
            }
            return .object([
                "given": .object(result.given.mapValues { .array($0.map(JSONTree.string)) }),
                "created": .int(result.created.count),
                "load": .object(result.assignments.load.mapValues(JSONTree.int)),
            ])
        }
    }

    /// `GET /api/annotators/{name}/documents/{id}`: an annotator's version of a document. A curator
    /// reads anyone's; an annotator only their own (blind annotation).
    public func annotatorDocument(_ name: String, _ id: String) throws(StudioError) -> DocumentBody {
        try serving {
            if let annotator, annotator != name {
                throw StudioError(
                    403, "blind", "\(annotator) annotates blind: another annotator's work is shown at curation")
            }
            guard AssignmentsFile.isDocumentID(id) else {
                throw StudioError(400, "bad-id", "\(Brief.quoted(id)) is not a document id")
            }
            let url = try corpus.annotatorFile(id, of: name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw StudioError(404, "no-document", "\(name) has no version of \(id)")
            }
            let editor = try AnnotationEditor.open(url.path, in: corpus, allowStale: true, forWriting: false)
            return try body(editor)
        }
    }
}
