import AttestCorpus

/// A problem with one field of one prediction line.
public struct PredictionIssue: Error, Hashable, Sendable {
    /// The field's path, such as `entities[3].start`.
    public var field: String
    /// Byte offset in the line (for the column).
    public var offset: Int
    public var message: String
    public var rule: String

    public init(field: String, offset: Int, message: String, rule: String = PredictionRules.field.id) {
        self.field = field
        self.offset = offset
        self.message = message
        self.rule = rule
    }
}

/// Turns one parsed JSON line into a `PredictionDocument`, checking every
/// field against docs/format.md. Unknown members are ignored, so extractors
/// may add their own (a confidence, say).
public struct PredictionDecoder: Sendable {
    public init() {}

    public enum Decoded: Sendable {
        case document(PredictionDocument)
        case issues([PredictionIssue])
    }

    /// Either the document or every problem found in it.
    /// `defaultID` stands in for a missing `id` (an extractor run on one document may leave it out).
    public func decode(_ json: JSONValue, defaultID: String? = nil) -> Decoded {
        var issues: [PredictionIssue] = []
        guard case .object(let members) = json else {
            return .issues([
                PredictionIssue(
                    field: "(line)", offset: 0, message: "a line must be a JSON object, found \(json.typeName)")
            ])
        }
        func member(_ key: String) -> JSONMember? { members.first { $0.key == key } }
        repeated(in: json, ["id", "entities", "quotes"], path: nil, &issues)
        var id = ""
        if let m = member("id") {
            if case .string(let s) = m.value, !s.isEmpty {
                id = s
            } else {
                issues.append(
                    PredictionIssue(
                        field: "id", offset: m.offset, message: "must be a non-empty string, found \(m.value.typeName)")
                )
            }
        } else if let defaultID {
            id = defaultID
        } else {
            issues.append(
                PredictionIssue(field: "id", offset: 0, message: "is missing: every line needs the document id"))
        }
        var mentions: [PredictedMention] = []
        for (path, item, offset) in objects(member("entities"), "entities", &issues) {
            repeated(in: item, ["start", "end", "type", "text"], path: path, &issues)
            let span = self.span(item, path, offset, &issues)
            var type: EntityType?
            if let t = item["type"] {
                if case .string(let s) = t.value, !s.isEmpty {
                    type = EntityType(s)
                } else {
                    issues.append(
                        PredictionIssue(
                            field: path + ".type", offset: t.offset,
                            message: "must be a non-empty string, found \(t.value.typeName)"))
                }
            } else {
                issues.append(PredictionIssue(field: path + ".type", offset: offset, message: "is missing"))
            }
            let text = optionalString(item, "text", path, &issues)
            if let span, let type { mentions.append(PredictedMention(span: span, type: type, text: text)) }
        }
        var quotes: [PredictedQuote] = []
        for (path, item, offset) in objects(member("quotes"), "quotes", &issues) {
            repeated(
                in: item, ["start", "end", "text", "kind", "speaker", "cue", "speaker_entity"], path: path, &issues)
            let span = self.span(item, path, offset, &issues)
            let text = optionalString(item, "text", path, &issues)
            var kind: QuoteKind?
            if let k = item["kind"] {
                switch k.value {
                case .null: break
                case .string(let s) where QuoteKind(rawValue: s) != nil: kind = QuoteKind(rawValue: s)
                default:
                    issues.append(
                        PredictionIssue(
                            field: path + ".kind", offset: k.offset,
                            message: "must be \"direct\", \"indirect\", \"mixed\" or null, found \(k.value.typeName)"))
                }
            }
            let speaker = nestedSpan(item, "speaker", path, &issues)
            let cue = nestedSpan(item, "cue", path, &issues)
            let entity = optionalString(item, "speaker_entity", path, &issues)
            if let span {
                quotes.append(
                    PredictedQuote(
                        content: PredictedSpan(span, text: text), kind: kind, speaker: speaker, speakerEntity: entity,
                        cue: cue))
            }
        }
        if !issues.isEmpty { return .issues(issues) }
        return .document(PredictionDocument(id: id, mentions: mentions, quotes: quotes))
    }

    /// A member the format defines given more than once is ambiguous (which
    /// one counts?): an issue at its second appearance.
    private func repeated(in object: JSONValue, _ keys: [String], path: String?, _ issues: inout [PredictionIssue]) {
        guard case .object(let members) = object else { return }
        for (k, m) in members.enumerated()
        where keys.contains(m.key) && members[..<k].contains(where: { $0.key == m.key }) {
            let field = path.map { "\($0).\(m.key)" } ?? m.key
            issues.append(
                PredictionIssue(
                    field: field, offset: m.offset, message: "is given more than once; give each member once"))
        }
    }

    /// The objects of an array member, each with its field path; anything else is an issue.
    private func objects(_ m: JSONMember?, _ name: String, _ issues: inout [PredictionIssue]) -> [(
        path: String, item: JSONValue, offset: Int
    )] {
        guard let m else { return [] }
        switch m.value {
        case .null: return []
        case .array(let values, let offsets):
            return values.indices.compactMap { k in
                let path = "\(name)[\(k)]"
                guard case .object = values[k] else {
                    issues.append(
                        PredictionIssue(
                            field: path, offset: offsets[k], message: "must be an object, found \(values[k].typeName)"))
                    return nil
                }
                return (path, values[k], offsets[k])
            }
        default:
            issues.append(
                PredictionIssue(field: name, offset: m.offset, message: "must be an array, found \(m.value.typeName)"))
            return []
        }
    }

    private func optionalString(_ object: JSONValue, _ key: String, _ path: String, _ issues: inout [PredictionIssue])
        -> String?
    {
        guard let m = object[key] else { return nil }
        switch m.value {
        case .null: return nil
        case .string(let s): return s
        default:
            issues.append(
                PredictionIssue(
                    field: "\(path).\(key)", offset: m.offset,
                    message: "must be a string or null, found \(m.value.typeName)"))
            return nil
        }
    }

    private func nestedSpan(_ object: JSONValue, _ key: String, _ path: String, _ issues: inout [PredictionIssue])
        -> PredictedSpan?
    {
        guard let m = object[key] else { return nil }
        switch m.value {
        case .null: return nil
        case .object:
            let p = "\(path).\(key)"
            repeated(in: m.value, ["start", "end", "text"], path: p, &issues)
            guard let span = span(m.value, p, m.offset, &issues) else { return nil }
            return PredictedSpan(span, text: optionalString(m.value, "text", p, &issues))
        default:
            issues.append(
                PredictionIssue(
                    field: "\(path).\(key)", offset: m.offset,
                    message: "must be an object with start and end, or null; found \(m.value.typeName)"))
            return nil
        }
    }

    private func span(_ object: JSONValue, _ path: String, _ offset: Int, _ issues: inout [PredictionIssue]) -> Span? {
        func offsetValue(_ key: String) -> Int? {
            guard let m = object[key] else {
                issues.append(PredictionIssue(field: "\(path).\(key)", offset: offset, message: "is missing"))
                return nil
            }
            switch m.value {
            case .integer(let v) where v >= 0: return v
            case .integer(let v):
                issues.append(
                    PredictionIssue(
                        field: "\(path).\(key)", offset: m.offset,
                        message: "must be a non-negative code-point offset, found \(v)", rule: PredictionRules.range.id)
                )
            case .number(let raw):
                let shown = raw.count > 24 ? String(raw.prefix(24)) + "…" : raw
                if let d = Double(raw), d.rounded() == d, d.magnitude >= 0x1p31 {
                    issues.append(
                        PredictionIssue(
                            field: "\(path).\(key)", offset: m.offset,
                            message: "offset \(shown) is far beyond any article", rule: PredictionRules.range.id))
                } else {
                    issues.append(
                        PredictionIssue(
                            field: "\(path).\(key)", offset: m.offset,
                            message: "must be an integer code-point offset, found the number \(shown)"))
                }
            default:
                issues.append(
                    PredictionIssue(
                        field: "\(path).\(key)", offset: m.offset,
                        message: "must be an integer code-point offset, found \(m.value.typeName)"))
            }
            return nil
        }
        guard let start = offsetValue("start"), let end = offsetValue("end") else { return nil }
        guard start < end else {
            issues.append(
                PredictionIssue(
                    field: "\(path).end", offset: object["end"]?.offset ?? offset,
                    message: "end \(end) must be greater than start \(start) (spans are half-open and not empty)",
                    rule: PredictionRules.range.id))
            return nil
        }
        return Span(start, end)
    }
}
