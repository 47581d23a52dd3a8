import AttestAgreement
import Foundation

/// The records of the JSON formats, read leniently (a field of another type
/// reads as absent; the reader then says what is missing) and written with
/// sorted keys.

/// The scalar fields of an object, for `--id-from FIELD` and ids.
private func scalars(_ c: KeyedDecodingContainer<AnyKey>, _ name: String) -> [String: JSONScalar] {
    c.lenient(name, as: [String: JSONScalar].self) ?? [:]
}

/// `[start, end, "TYPE"]`.
struct LabelTriple: Decodable, Sendable {
    var start: Int
    var end: Int
    var type: String

    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let s = try c.decode(JSONScalar.self).int
        let e = try c.decode(JSONScalar.self).int
        let type = try c.decode(JSONScalar.self).string
        guard let s, let e, let type, c.isAtEnd else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "[s, e, T]"))
        }
        (start, end, self.type) = (s, e, type)
    }
}

/// An object span: `start`/`end` (or `start_offset`/`end_offset`) and `label`.
struct LabelledSpan: Decodable, Sendable {
    var start: Int
    var end: Int
    var type: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let s = c.int("start_offset") ?? c.int("start"), let e = c.int("end_offset") ?? c.int("end"),
            let type = c.string("label")
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "span"))
        }
        (start, end, self.type) = (s, e, type)
    }
}

/// Elements of a list, each nil when it is not what the list holds.
private func each<T: Decodable & Sendable>(_ c: KeyedDecodingContainer<AnyKey>, _ name: String, _ type: T.Type)
    -> [T?]
{
    (c.lenient(name, as: [Lenient<T>].self) ?? []).map(\.value)
}

/// doccano: `{"id", "text", "label": [[start, end, "TYPE"]], "attest"}` (or `labels`, or `entities` objects).
struct DoccanoRecord: Codable, Sendable {
    var id: JSONScalar?
    var text: String?
    var labels: [LabelTriple?]
    var entities: [LabelledSpan?]
    var attest: AttestExtension?
    var places: [[String: JSONScalar]]

    /// `--text-field` and `--label-field` (doccano's `column_data`, `column_label`; flair's `data`).
    static let textField = CodingUserInfoKey(rawValue: "attest.text-field")!
    static let labelField = CodingUserInfoKey(rawValue: "attest.label-field")!
    /// How many relations the record has (dropped, and counted in a note).
    var relations = 0

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.lenient("id")
        text = c.string(decoder.userInfo[Self.textField] as? String ?? "text")
        let label =
            decoder.userInfo[Self.labelField] as? String ?? (c.contains(AnyKey("label")) ? "label" : "labels")
        // A label field holds [start, end, "TYPE"] triples, or span objects.
        let triples = each(c, label, LabelTriple.self)
        let objects = each(c, label, LabelledSpan.self)
        if !triples.isEmpty, triples.allSatisfy({ $0 == nil }), objects.allSatisfy({ $0 != nil }) {
            labels = []
            entities = objects + each(c, "entities", LabelledSpan.self)
        } else {
            labels = triples
            entities = each(c, "entities", LabelledSpan.self)
        }
        relations = c.lenient("relations", as: [JSONScalar].self)?.count ?? 0
        attest = c.lenient("attest")
        let own = (try? [String: JSONScalar](from: decoder)) ?? [:]  // deliberate: a record's own fields, if any
        places = [own, scalars(c, "data"), scalars(c, "meta"), scalars(c, "user_data")]
    }

    init(_ d: InteropDocument) {
        id = .string(d.id)
        text = d.text
        labels = []
        entities = []
        attest = AttestExtension(d)
        places = []
        written = d.mentions.map { [.int($0.span.start), .int($0.span.end), .string($0.type)] }
    }

    private var written: [[Scalar]] = []

    enum Scalar: Encodable {
        case int(Int)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let n): try c.encode(n)
            case .string(let s): try c.encode(s)
            }
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(id?.string, forKey: AnyKey("id"))
        try c.encode(text, forKey: AnyKey("text"))
        try c.encode(written, forKey: AnyKey("label"))
        try c.encode(attest, forKey: AnyKey("attest"))
    }
}

/// spaCy's `Doc.to_json()`: `{"text", "ents": [{"start", "end", "label"}], "user_data": {"id", "attest"}}`.
struct SpacyRecord: Codable, Sendable {
    var id: JSONScalar?
    var text: String?
    var ents: [LabelledSpan?]
    var userData: [String: JSONScalar]
    var attest: AttestExtension?
    var places: [[String: JSONScalar]]
    /// spaCy v2's training JSON (`{"id", "paragraphs": [...]}`), which is not `Doc.to_json()`.
    var isTrainingJSON = false
    private var written: [InteropDocument.Mention] = []

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.lenient("id")
        text = c.string("text")
        // Attest's export keeps every mention (nested ones too) in the span group `attest`.
        let groups = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("spans"))  // deliberate: absent
        if let group = groups, group.contains(AnyKey("attest")) {
            ents = each(group, "attest", LabelledSpan.self)
        } else {
            ents = each(c, "ents", LabelledSpan.self)
        }
        isTrainingJSON = c.contains(AnyKey("paragraphs"))
        userData = scalars(c, "user_data")
        let user = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("user_data"))  // deliberate: absent
        attest = user?.lenient("attest")
        let own = (try? [String: JSONScalar](from: decoder)) ?? [:]  // deliberate: a record's own fields, if any
        places = [own, scalars(c, "data"), scalars(c, "meta"), userData]
    }

    init(_ d: InteropDocument) {
        id = nil
        text = d.text
        ents = []
        userData = ["id": .string(d.id)]
        attest = AttestExtension(d)
        places = []
        written = d.mentions
    }

    private struct Ent: Encodable {
        var start: Int
        var end: Int
        var label: String
    }

    private struct Token: Encodable {
        var id: Int
        var start: Int
        var end: Int
    }

    /// A span of a span group: spaCy reads `kb_id` too.
    private struct GroupSpan: Encodable {
        var start: Int
        var end: Int
        var label: String
        var kbID = ""

        enum CodingKeys: String, CodingKey {
            case start, end, label
            case kbID = "kb_id"
        }
    }

    private struct UserData: Encodable {
        var id: String
        var attest: AttestExtension?
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(text, forKey: AnyKey("text"))
        // What Doc.from_json needs: tokens (every mention a span of whole tokens), `ents` that do not
        // overlap; every mention, nested ones too, in the span group `attest` (parallel to
        // `user_data.attest.mentions`).
        let boundaries = Set(written.flatMap { [$0.span.start, $0.span.end] })
        let tokens = SpacyTokens.tokens(text ?? "", boundaries: boundaries)
        try c.encode(
            tokens.enumerated().map { Token(id: $0, start: $1.start, end: $1.end) }, forKey: AnyKey("tokens"))
        try c.encode(
            SpacyTokens.entities(written).map { Ent(start: $0.span.start, end: $0.span.end, label: $0.type) },
            forKey: AnyKey("ents"))
        try c.encode(
            ["attest": written.map { GroupSpan(start: $0.span.start, end: $0.span.end, label: $0.type) }],
            forKey: AnyKey("spans"))
        try c.encode(UserData(id: userData["id"]?.string ?? "", attest: attest), forKey: AnyKey("user_data"))
    }
}

/// A Label Studio task: `{"id", "data": {"text", "id"}, "annotations": [{"result": […]}], "predictions", "meta"}`.
struct LabelStudioTask: Codable, Sendable {
    struct Result: Decodable, Sendable {
        var type: String?
        var start: Int?
        var end: Int?
        var text: String?
        var labels: [String]

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            type = c.string("type")
            let value = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("value"))  // deliberate: absent
            start = value?.int("start")
            end = value?.int("end")
            text = value?.string("text")
            labels = value?.lenient("labels", as: [String].self) ?? []
        }
    }

    struct Annotation: Decodable, Sendable {
        var result: [Result]
        var cancelled: Bool
        /// Who made it, as names the manifest may use: the email, its part before `@`, the number.
        var completedBy: [String]

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            result = c.lenient("result") ?? []
            cancelled = c.lenient("was_cancelled", as: Bool.self) ?? false
            var names: [String] = []
            if let n = c.int("completed_by") { names.append(String(n)) }
            if let s = c.string("completed_by") { names.append(s) }
            if let user = c.lenient("completed_by", as: [String: JSONScalar].self) {
                if let email = user["email"]?.string {
                    names.append(email)
                    if let at = email.firstIndex(of: "@") { names.append(String(email[..<at])) }
                }
                if let n = user["id"]?.int { names.append(String(n)) }
            }
            if let s = names.first(where: { $0.contains("@") }), let at = s.firstIndex(of: "@"),
                !names.contains(String(s[..<at]))
            {
                names.append(String(s[..<at]))
            }
            completedBy = names
        }
    }

    var id: JSONScalar?
    var data: [String: JSONScalar]
    var annotations: [Annotation]
    var predictions: [Annotation]
    var attest: AttestExtension?
    var places: [[String: JSONScalar]]
    private var document: InteropDocument?
    private var number = 0

    /// `data.text`, or else the first string field of `data` (by name).
    var text: String? {
        data["text"]?.string ?? data.keys.sorted().lazy.compactMap { self.data[$0]?.string }.first
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.lenient("id")
        data = scalars(c, "data")
        annotations = c.lenient("annotations") ?? []
        predictions = c.lenient("predictions") ?? []
        let meta = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("meta"))  // deliberate: absent
        attest = meta?.lenient("attest")
        let own = (try? [String: JSONScalar](from: decoder)) ?? [:]  // deliberate: a task's own fields, if any
        places = [own, data, scalars(c, "meta"), scalars(c, "user_data")]
    }

    private var config = LabelStudioConfig()
    private var asPrediction = false

    /// Task `number` for `d`; its spans under `predictions` (with `model_version`) when `prediction`.
    init(_ d: InteropDocument, number: Int, config: LabelStudioConfig = .init(), prediction: Bool = false) {
        id = .int(number)
        data = ["id": .string(d.id), config.textField: .string(d.text)]
        annotations = []
        predictions = []
        attest = AttestExtension(d)
        places = []
        document = d
        self.number = number
        self.config = config
        asPrediction = prediction
    }

    private struct ResultOut: Encodable {
        struct Value: Encodable {
            var start: Int
            var end: Int
            var text: String
            var labels: [String]
        }
        var id: String
        var fromName: String
        var toName: String
        var type = "labels"
        var value: Value

        enum CodingKeys: String, CodingKey {
            case id, type, value
            case fromName = "from_name"
            case toName = "to_name"
        }
    }

    private struct AnnotationOut: Encodable {
        var result: [ResultOut]
        /// Predictions name the model that made them.
        var modelVersion: String?

        enum CodingKeys: String, CodingKey {
            case result
            case modelVersion = "model_version"
        }
    }

    private struct Meta: Encodable {
        var attest: AttestExtension?
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        guard let d = document else { return }
        let reader = OffsetReader(text: d.text)
        let article = ArticleText(d.text)
        let result = d.mentions.enumerated().map { k, m in
            ResultOut(
                id: "m\(k + 1)", fromName: config.fromName, toName: config.toName,
                value: .init(
                    start: reader.unit(m.span.start), end: reader.unit(m.span.end), text: article[m.span],
                    labels: [m.type]))
        }
        try c.encode(number, forKey: AnyKey("id"))
        var fields = ["id": d.id]
        fields[config.textField] = d.text
        try c.encode(fields, forKey: AnyKey("data"))
        if asPrediction {
            try c.encode([AnnotationOut(result: result, modelVersion: "attest")], forKey: AnyKey("predictions"))
        } else {
            try c.encode([AnnotationOut(result: result)], forKey: AnyKey("annotations"))
        }
        try c.encode(Meta(attest: attest), forKey: AnyKey("meta"))
    }
}
