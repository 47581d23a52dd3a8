import AttestCorpus
import Foundation

/// Turns a prediction into a draft annotation (pre-annotation): mentions
/// with the same text and type become one entity, quotes keep their
/// speaker and cue, and a speaker that is a mention names its entity.
public enum DraftWriter {
    public static func draft(_ p: PredictionDocument, header: DocumentHeader, article: ArticleText)
        -> AnnotationDocument
    {
        var entities: [Entity] = []
        var index: [String: Int] = [:]
        var mentionCount = 0
        // Mentions that would cross an earlier one are left out (the validator forbids crossing).
        var kept: [PredictedMention] = []
        for m in p.mentions.sorted(by: { $0.span < $1.span }) where article.contains(m.span) {
            if kept.contains(where: { $0.span.crosses(m.span) || $0.span == m.span }) { continue }
            kept.append(m)
        }
        for m in kept {
            let text = article[m.span]
            let key = m.type.name + "\u{0}" + text
            if index[key] == nil {
                index[key] = entities.count
                entities.append(Entity(id: "e\(entities.count + 1)", type: m.type, name: text))
            }
            mentionCount += 1
            entities[index[key]!].mentions.append(
                Mention(id: "m\(mentionCount)", excerpt: Excerpt(span: m.span, text: text)))
        }
        var quotes: [Quote] = []
        for q in p.quotes where article.contains(q.content.span) {
            let content = Excerpt(span: q.content.span, text: article[q.content.span])
            var quote = Quote(id: "q\(quotes.count + 1)", kind: q.kind ?? .direct, content: content)
            if let s = q.speaker, article.contains(s.span) {
                quote.speaker = Excerpt(span: s.span, text: article[s.span])
                quote.speakerEntity =
                    entities.first { e in e.mentions.contains { $0.span.overlaps(s.span) } }?.id
                    ?? q.speakerEntity.flatMap { name in entities.first { $0.name == name }?.id }
            }
            if let c = q.cue, article.contains(c.span) { quote.cue = Excerpt(span: c.span, text: article[c.span]) }
            quotes.append(quote)
        }
        var h = header
        h.status = .draft
        if !h.annotators.contains("attest-baseline") { h.annotators.append("attest-baseline") }
        return AnnotationDocument(header: h, entities: entities, quotes: quotes)
    }
}
