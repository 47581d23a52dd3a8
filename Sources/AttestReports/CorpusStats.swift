import AttestScoring

/// Counts per document, per entity type and per quote kind, for `attest stats`.
public struct CorpusStats: Sendable {
    public struct Row: Sendable {
        public var id: String
        public var status: AnnotationStatus
        public var entities: Int
        public var mentionsByType: [EntityType: Int]
        public var quotesByKind: [QuoteKind: Int]
        public var attributed: Int
        public var withCue: Int

        public var mentions: Int { mentionsByType.values.reduce(0, +) }
        public var quotes: Int { quotesByKind.values.reduce(0, +) }
    }

    public var rows: [Row]

    public init(documents: [AnnotationDocument]) {
        rows = documents.map { d in
            var byType: [EntityType: Int] = [:]
            for e in d.entities { byType[e.type, default: 0] += e.mentions.count }
            var byKind: [QuoteKind: Int] = [:]
            for q in d.quotes { byKind[q.kind, default: 0] += 1 }
            return Row(
                id: d.id, status: d.header.status, entities: d.entities.count, mentionsByType: byType,
                quotesByKind: byKind,
                attributed: d.quotes.filter { $0.speakerEntity != nil }.count,
                withCue: d.quotes.filter { $0.cue != nil }.count)
        }.sorted { $0.id < $1.id }
    }

    public var types: [EntityType] {
        Set(EntityType.defaults).union(rows.flatMap(\.mentionsByType.keys)).sorted { a, b in
            let order = EntityType.defaults
            return (order.firstIndex(of: a) ?? 99, a.name) < (order.firstIndex(of: b) ?? 99, b.name)
        }
    }

    /// A plain-text table with a total row.
    public func table() -> String {
        let types = self.types
        var header = ["document", "status", "entities", "mentions"] + types.map(\.name)
        header += ["quotes"] + QuoteKind.allCases.map(\.rawValue) + ["attributed", "cue"]
        var lines: [[String]] = [header]
        var total = Row(
            id: "total", status: .gold, entities: 0, mentionsByType: [:], quotesByKind: [:], attributed: 0, withCue: 0)
        for r in rows {
            lines.append(cells(r, types: types, status: r.status.rawValue))
            total.entities += r.entities
            for (k, v) in r.mentionsByType { total.mentionsByType[k, default: 0] += v }
            for (k, v) in r.quotesByKind { total.quotesByKind[k, default: 0] += v }
            total.attributed += r.attributed
            total.withCue += r.withCue
        }
        lines.append(cells(total, types: types, status: "\(rows.count) docs"))
        var table = TextTable(header)
        for row in lines.dropFirst() { table.add(row) }
        return table.render()
    }

    private func cells(_ r: Row, types: [EntityType], status: String) -> [String] {
        var c = [r.id, status, "\(r.entities)", "\(r.mentions)"] + types.map { "\(r.mentionsByType[$0] ?? 0)" }
        c += ["\(r.quotes)"] + QuoteKind.allCases.map { "\(r.quotesByKind[$0] ?? 0)" }
        c += ["\(r.attributed)", "\(r.withCue)"]
        return c
    }
}
