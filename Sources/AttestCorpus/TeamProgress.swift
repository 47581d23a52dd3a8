import Foundation

/// Where a team stands (`attest status` without a document, the studio's
/// queue): the corpus's documents by status, and each annotator's assigned
/// documents as not started (an empty draft), started (a draft with
/// annotations) or done (their copy marked gold, which `validate --strict`
/// passed). A document annotated twice is ready to curate when every
/// annotator given it is done.
public struct TeamProgress: Sendable, Equatable {
    /// One annotator's documents.
    public struct Annotator: Sendable, Equatable {
        public var name: String
        public var notStarted: [String] = []
        public var started: [String] = []
        public var done: [String] = []
        /// Assigned documents whose file in the annotator's folder cannot be read.
        public var unreadable: [String] = []

        public var assigned: Int { notStarted.count + started.count + done.count + unreadable.count }
        /// The next document to work on: the first started one, else the first not started.
        public var next: String? { started.first ?? notStarted.first }
    }

    public var documents: Int
    public var gold: Int
    public var annotators: [Annotator]
    /// Documents given to two or more annotators, and those among them that every one has done.
    public var shared: [String]
    public var readyToCurate: [String]

    /// Reads every assigned annotator file and the corpus's statuses.
    public static func of(_ corpus: Corpus, assignments: Assignments) -> TeamProgress {
        let ids = corpus.documentIDs()
        let gold = ids.filter { status(corpus.annotationURL(for: $0)) == .gold }.count
        var names = corpus.annotatorNames
        for name in assignments.load.keys.sorted() where !names.contains(name) { names.append(name) }
        var done: [String: Set<String>] = [:]
        let annotators = names.map { name -> Annotator in
            var entry = Annotator(name: name)
            for id in assignments.documents(of: name) {
                // deliberate: a file that cannot be read is listed as unreadable
                guard let url = try? corpus.annotatorFile(id, of: name), let file = try? AnnotationFile.read(url)
                else {
                    entry.unreadable.append(id)
                    continue
                }
                let d = file.document
                if d.header.status == .gold {
                    entry.done.append(id)
                    done[id, default: []].insert(name)
                } else if d.entities.isEmpty && d.quotes.isEmpty {
                    entry.notStarted.append(id)
                } else {
                    entry.started.append(id)
                }
            }
            return entry
        }
        let shared = assignments.documentIDs.filter { (assignments.annotators[$0]?.count ?? 0) > 1 }
        let ready = shared.filter { id in
            (assignments.annotators[id] ?? []).allSatisfy { done[id]?.contains($0) == true }
        }
        return TeamProgress(
            documents: ids.count, gold: gold, annotators: annotators, shared: shared, readyToCurate: ready)
    }

    private static func status(_ url: URL) -> AnnotationStatus? {
        (try? AnnotationFile.read(url))?.document.header.status  // deliberate: an unreadable file is not gold
    }

    /// As JSON (`attest status --json`, the studio's `GET /api/progress`).
    public var json: JSONTree {
        .object([
            "documents": .int(documents), "gold": .int(gold),
            "shared": .array(shared.map(JSONTree.string)),
            "ready-to-curate": .array(readyToCurate.map(JSONTree.string)),
            "annotators": .array(
                annotators.map { a in
                    .object([
                        "name": .string(a.name), "assigned": .int(a.assigned),
                        "not-started": .array(a.notStarted.map(JSONTree.string)),
                        "started": .array(a.started.map(JSONTree.string)),
                        "done": .array(a.done.map(JSONTree.string)),
                        "unreadable": .array(a.unreadable.map(JSONTree.string)),
                        "next": a.next.map(JSONTree.string) ?? .null,
                    ])
                }),
        ])
    }

    /// As text, a line for the corpus and one per annotator.
    public var text: String {
        var out = "corpus: \(documents) documents, \(gold) gold, \(documents - gold) draft\n"
        for a in annotators {
            out +=
                "\(a.name): \(a.assigned) assigned: \(a.done.count) done, \(a.started.count) started, \(a.notStarted.count) not started"
            if !a.unreadable.isEmpty {
                out += ", \(a.unreadable.count) unreadable (\(a.unreadable.joined(separator: ", ")))"
            }
            if let next = a.next { out += "; next: \(next)" }
            out += "\n"
        }
        if !shared.isEmpty {
            out += "annotated twice: \(shared.count) documents, \(readyToCurate.count) ready to curate"
            out += readyToCurate.isEmpty ? "\n" : " (\(readyToCurate.joined(separator: ", ")))\n"
        }
        return out
    }
}
