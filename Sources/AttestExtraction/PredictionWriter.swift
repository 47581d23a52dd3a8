import AttestCorpus

/// Writes predictions in the extractor form: one JSON object per line, keys
/// in a fixed order, so the same documents always give the same bytes.
public enum PredictionWriter {
    public static func jsonLines(_ documents: [PredictionDocument]) -> String {
        documents.sorted { $0.id < $1.id }.map(line).joined()
    }

    public static func line(_ d: PredictionDocument) -> String {
        var out = "{\"id\":" + string(d.id) + ",\"entities\":["
        out += d.mentions.map { m in
            "{\"start\":\(m.span.start),\"end\":\(m.span.end),\"type\":" + string(m.type.name)
                + (m.text.map { ",\"text\":" + string($0) } ?? "") + "}"
        }.joined(separator: ",")
        out += "],\"quotes\":["
        out += d.quotes.map { q in
            var s = "{\"start\":\(q.content.span.start),\"end\":\(q.content.span.end)"
            if let t = q.content.text { s += ",\"text\":" + string(t) }
            if let k = q.kind { s += ",\"kind\":" + string(k.rawValue) }
            s += ",\"speaker\":" + span(q.speaker)
            if let e = q.speakerEntity { s += ",\"speaker_entity\":" + string(e) }
            s += ",\"cue\":" + span(q.cue) + "}"
            return s
        }.joined(separator: ",")
        return out + "]}\n"
    }

    static func span(_ s: PredictedSpan?) -> String {
        guard let s else { return "null" }
        return "{\"start\":\(s.span.start),\"end\":\(s.span.end)" + (s.text.map { ",\"text\":" + string($0) } ?? "")
            + "}"
    }

    /// A JSON string literal (RFC 8259 escapes; non-ASCII written as is).
    /// With `escapingMarkup`, `<`, `>`, `&`, U+2028 and U+2029 are escaped
    /// too, so that text can never read as markup wherever the JSON ends up.
    public static func string(_ s: String, escapingMarkup: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        JSONStringWriter.write(s, into: &out, style: escapingMarkup ? .markup : .plain)
        return String(decoding: out, as: UTF8.self)
    }
}
