import Foundation

/// Curation in the page: a curator settles the decisions between two
/// annotators' versions of a document (`Curation`, the decisions of `attest
/// adjudicate`), each taken side one transaction on the gold file.
extension StudioService {
    /// `GET /api/documents/{id}/curation`: the annotators, the decisions, which are settled.
    public func curation(_ id: String) throws(StudioError) -> JSONTree {
        try serving {
            try requireCurator("curate")
            return Self.json(try currentCuration(try checked(id)))
        }
    }

    /// `POST /api/documents/{id}/curation` with `{"start": true}`: the agreed annotation put into a
    /// gold file that has none (one transaction); with `{"key": K, "side": "a"|"b"}`: that side of
    /// decision K taken (one transaction), and recorded. Answers the document and the curation.
    public func curate(_ id: String, start: Bool, key: String?, side: String?, expectedVersion: String?)
        throws(StudioError) -> CurationAnswer
    {
        try serving {
            try requireCurator("curate")
            let id = try checked(id)
            let expected = try required(expectedVersion)
            let before = try currentCuration(id)
            var body: DocumentBody?
            if start {
                let gold = try AnnotationEditor.open(id, in: corpus, allowStale: false, forWriting: false)
                let edits = before.startEdits(gold: gold.document)
                if !edits.isEmpty {
                    body = try transaction(id, expected, summary: "studio: curation: the agreed annotation") {
                        try $0.apply(edits)
                        return nil
                    }
                }
            } else {
                guard let key, let chosen = side.flatMap(Curation.Side.init(rawValue:)) else {
                    throw StudioError(
                        400, "bad-curation", "send {\"start\": true} or {\"key\": …, \"side\": \"a\" or \"b\"}")
                }
                let item = try before.item(key)
                let edits = chosen == .a ? item.decision.takeA : item.decision.takeB
                let name = before.annotators[chosen == .a ? 0 : 1]
                if !edits.isEmpty {
                    do {
                        body = try transaction(
                            id, expected,
                            summary: "studio: curation: \(item.decision.kind) at \(item.decision.span), \(name)'s side"
                        ) {
                            try $0.apply(edits)
                            return nil
                        }
                    } catch let error as StudioError
                        where error.code == "edit-refused" && Curation.holdsNow(edits, id, corpus)
                    {
                        body = nil  // the side is in the gold file already (taken by hand): recorded below
                    }
                }
                try CurationLog(corpus: corpus).record(key, chosen, document: id)
            }
            let document = try body ?? self.document(id)
            return CurationAnswer(document: document, curation: Self.json(try currentCuration(id)))
        }
    }

    private func currentCuration(_ id: String) throws -> Curation {
        let given = try corpus.assignments().annotators[id] ?? []
        let names = given + corpus.annotatorNames.filter { !given.contains($0) }
        return try Curation.of(id, in: corpus, annotators: names)
    }

    static func json(_ c: Curation) -> JSONTree {
        func span(_ s: Span?) -> JSONTree {
            s.map { .object(["start": .int($0.start), "end": .int($0.end)]) } ?? .null
        }
        return .object([
            "id": .string(c.id),
            "annotators": .array(c.annotators.map(JSONTree.string)),
            "open": .int(c.open),
            "agreed": .object([
                "mentions": .int(c.agreed.mentions.count), "quotes": .int(c.agreed.quotes.count),
            ]),
            "decisions": .array(
                c.items.map { item in
                    .object([
                        "key": .string(item.key), "kind": .string(item.decision.kind),
                        "a": .string(item.decision.a), "b": .string(item.decision.b),
                        "start": .int(item.decision.span.start), "end": .int(item.decision.span.end),
                        "a-span": span(item.aSpan), "b-span": span(item.bSpan),
                        "taken": item.taken.map { .string($0.rawValue) } ?? .null,
                    ])
                }),
        ])
    }
}

/// The answer to a curation step: the gold document as written, and the curation now.
public struct CurationAnswer: Encodable, Sendable {
    public var document: DocumentBody
    public var curation: JSONTree

    public var version: String { document.version }
}
