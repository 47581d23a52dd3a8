import AttestInterop

/// The JSON the studio API gives of documents (docs/api.md). Offsets are
/// code points, as in the files.
enum StudioDocumentJSON {
    static func excerpt(_ x: Excerpt) -> JSONTree {
        .object(["start": .int(x.span.start), "end": .int(x.span.end), "text": .string(x.text)])
    }

    static func annotation(_ d: AnnotationDocument) -> JSONTree {
        let doc = AnnotationWriter.canonical(d)
        return .object([
            "id": .string(doc.id), "status": .string(doc.header.status.rawValue),
            "annotators": .array(doc.header.annotators.map { .string($0) }),
            "entities": .array(doc.entities.map(entity)), "quotes": .array(doc.quotes.map(quote)),
        ])
    }

    static func entity(_ e: Entity) -> JSONTree {
        .object([
            "id": .string(e.id), "type": .string(e.type.name), "name": .string(e.name),
            "mentions": .array(
                e.mentions.map { m in
                    .object([
                        "id": .string(m.id), "start": .int(m.span.start), "end": .int(m.span.end),
                        "text": .string(m.text),
                    ])
                }),
        ])
    }

    static func quote(_ q: Quote) -> JSONTree {
        var o: [String: JSONTree] = [
            "id": .string(q.id), "kind": .string(q.kind.rawValue), "content": excerpt(q.content),
        ]
        o["speaker"] = q.speaker.map(excerpt) ?? .null
        o["cue"] = q.cue.map(excerpt) ?? .null
        o["speaker-entity"] = q.speakerEntity.map { .string($0) } ?? .null
        return .object(o)
    }

    /// What a change did to the annotation, for a client that holds the document as it was
    /// (docs/api.md, `?changes=1`): the header's fields, and per list the items that are new or not as
    /// they were, each with its place in the new list, the ids of those that went, and the new
    /// length. The client drops the changed and removed ids, then puts each changed item at its
    /// place, in order of place: every other item keeps its order (the lists are in canonical
    /// order, which depends on each item alone). Nil when an id is not unique, which a client
    /// could not patch by id: the whole annotation is sent then.
    static func changes(from before: AnnotationDocument, to after: AnnotationDocument) -> JSONTree? {
        let old = AnnotationWriter.canonical(before)
        let new = AnnotationWriter.canonical(after)
        guard let entities = listChanges(old.entities, new.entities, id: \.id, json: entity),
            let quotes = listChanges(old.quotes, new.quotes, id: \.id, json: quote)
        else { return nil }
        return .object([
            "id": .string(new.id), "status": .string(new.header.status.rawValue),
            "annotators": .array(new.header.annotators.map { .string($0) }),
            "entities": entities, "quotes": quotes,
        ])
    }

    private static func listChanges<T: Equatable>(
        _ before: [T], _ after: [T], id: (T) -> String, json: (T) -> JSONTree
    ) -> JSONTree? {
        // Usually the same ids in the same places (an edit changes a few items in place): each is
        // compared with the item at its place, and no table of every id is made. After a commit the
        // new list's ids are unique (`id.unique` is an error), so the old list's are too.
        if before.count == after.count, before.indices.allSatisfy({ id(before[$0]) == id(after[$0]) }) {
            let set: [JSONTree] = after.indices.compactMap { place in
                before[place] == after[place] ? nil : .object(["at": .int(place), "item": json(after[place])])
            }
            return .object(["set": .array(set), "removed": .array([]), "count": .int(after.count)])
        }
        var was: [String: T] = [:]
        was.reserveCapacity(before.count)
        for item in before where was.updateValue(item, forKey: id(item)) != nil { return nil }
        var now = Set<String>()
        now.reserveCapacity(after.count)
        var set: [JSONTree] = []
        for (place, item) in after.enumerated() {
            guard now.insert(id(item)).inserted else { return nil }
            if was[id(item)] != item { set.append(.object(["at": .int(place), "item": json(item)])) }
        }
        let removed = before.map(id).filter { !now.contains($0) }
        return .object([
            "set": .array(set), "removed": .array(removed.map { .string($0) }), "count": .int(after.count),
        ])
    }

    static func diagnostics(_ ds: [Diagnostic]) -> JSONTree {
        .array(
            ds.map { d in
                .object([
                    "severity": .string(d.severity.rawValue), "rule": .string(d.rule), "message": .string(d.message),
                ])
            })
    }

    static func summary(_ d: AnnotationDocument, stale: Bool?) -> JSONTree {
        var o: [String: JSONTree] = [
            "id": .string(d.id), "status": .string(d.header.status.rawValue), "length": .int(d.header.length),
            "entities": .int(d.entities.count), "mentions": .int(d.mentions.count), "quotes": .int(d.quotes.count),
        ]
        if let stale { o["stale"] = .bool(stale) }
        return .object(o)
    }

    static func prediction(_ p: PredictionDocument, article: ArticleText) -> JSONTree {
        let mentions: [JSONTree] = p.mentions.filter { article.contains($0.span) }.map { m in
            .object([
                "start": .int(m.span.start), "end": .int(m.span.end), "type": .string(m.type.name),
                "text": .string(article[m.span]),
            ])
        }
        let quotes: [JSONTree] = p.quotes.filter { article.contains($0.content.span) }.map { q in
            func part(_ s: PredictedSpan?) -> JSONTree {
                guard let s, article.contains(s.span) else { return .null }
                return excerpt(Excerpt(span: s.span, text: article[s.span]))
            }
            return .object([
                "kind": .string((q.kind ?? .direct).rawValue),
                "content": excerpt(Excerpt(span: q.content.span, text: article[q.content.span])),
                "speaker": part(q.speaker), "cue": part(q.cue),
            ])
        }
        return .object(["mentions": .array(mentions), "quotes": .array(quotes)])
    }
}

extension StudioDocumentJSON {
    static func review(_ r: DocumentReview, source: String) -> JSONTree {
        let strict = r.score.entities.overall.strict
        return .object([
            "id": .string(r.id), "source": .string(source),
            "errors": .int(r.score.errors.count),
            "counts": .object(r.counts.mapValues { JSONTree.int($0) }),
            "strict": .object([
                "correct": .int(strict.cor), "incorrect": .int(strict.inc), "partial": .int(strict.par),
                "missed": .int(strict.mis), "spurious": .int(strict.spu),
            ]),
            "marks": .array(
                r.marks.map { m in
                    .object([
                        "review": .string(m.review), "start": .int(m.span.start), "end": .int(m.span.end),
                        "id": .string(m.id), "title": .string(m.title),
                    ])
                }),
            "diagnostics": diagnostics(r.diagnostics),
        ])
    }
}
