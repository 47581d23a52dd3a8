import Foundation

/// A tree encodes as the JSON it is, so Codable response types can hold
/// parts built as trees (an annotation, diagnostics).
extension JSONTree: Encodable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .double(let d):
            var c = encoder.singleValueContainer()
            if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let fields):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (k, v) in fields { try c.encode(v, forKey: AnyKey(k)) }
        case .encoded(let bytes):
            let value = try bytes.withUnsafeBufferPointer { buffer in
                do {
                    return try JSONParser.parse(buffer)
                } catch {
                    throw EncodingError.invalidValue(
                        bytes, .init(codingPath: encoder.codingPath, debugDescription: "not JSON: \(error)"))
                }
            }
            try JSONTree(value).encode(to: encoder)
        }
    }

    /// The tree of a parsed JSON value.
    package init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .integer(let i): self = .int(i)
        case .number(let raw): self = Double(raw).map { .double($0) } ?? .null
        case .string(let s): self = .string(s)
        case .array(let items, _): self = .array(items.map(JSONTree.init))
        case .object(let members):
            var fields: [String: JSONTree] = [:]
            for m in members { fields[m.key] = JSONTree(m.value) }
            self = .object(fields)
        }
    }
}
