import AttestAgreement
import Foundation

/// The building blocks of the JSON formats' Codable records: the formats
/// are other tools' output, so fields are read leniently (a field of the
/// wrong type reads as absent, and the format's reader says what is
/// missing with its line), and an integer may be written as `3.0`.

/// A JSON value kept only when it is a string or an integer (ids, the
/// fields `--id-from` names); anything else is `.other`.
enum JSONScalar: Decodable, Hashable, Sendable {
    case string(String)
    case int(Int)
    case other

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {  // deliberate: not a string is tried as a number next
            self = .string(s)
        } else if let n = try? c.decode(Int.self) {  // deliberate: not an integer is tried as a double next
            self = .int(n)
        } else if let d = try? c.decode(Double.self), d == d.rounded(), abs(d) < 1e15 {  // deliberate: else .other
            self = .int(Int(d))
        } else {
            self = .other
        }
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let n) = self { n } else { nil } }
}

/// A field read leniently: nil when absent or of another type.
struct Lenient<T: Decodable & Sendable>: Decodable, Sendable {
    var value: T?

    init(from decoder: any Decoder) throws {
        value = try? T(from: decoder)  // deliberate: a field of the wrong type reads as absent
    }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// The field `name`, nil when absent or of another type.
    func lenient<T: Decodable & Sendable>(_ name: String, as type: T.Type = T.self) -> T? {
        // deliberate: a field of the wrong type reads as absent
        (try? decodeIfPresent(Lenient<T>.self, forKey: AnyKey(name)))?.flatMap(\.value)
    }

    /// An integer field (also written `3.0`).
    func int(_ name: String) -> Int? { lenient(name, as: JSONScalar.self)?.int }

    func string(_ name: String) -> String? { lenient(name, as: String.self) }
}

/// One element of a record list: an object decoded as `T`, or something else.
enum RecordSlot<T: Decodable & Sendable>: Decodable, Sendable {
    case record(T)
    case notAnObject

    init(from decoder: any Decoder) throws {
        // deliberate: a value that is not an object is reported by the caller with its line
        guard (try? decoder.container(keyedBy: AnyKey.self)) != nil else {
            self = .notAnObject
            return
        }
        self = .record(try T(from: decoder))
    }
}

/// Writing: keys sorted, slashes not escaped, so the same input gives the same bytes.
enum JSONRecordWriter {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // deliberate: the records hold strings, integers and nulls only, which always encode
        return (try? [UInt8](encoder.encode(value))) ?? []
    }

    static func lines<T: Encodable>(_ values: [T]) -> [UInt8] {
        values.flatMap { encode($0) + [0x0A] }
    }
}

/// A `[start, end]` pair, or null.
struct SpanPair: Codable, Sendable {
    var span: Span

    init(_ span: Span) { self.span = span }

    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let s = try c.decode(JSONScalar.self).int
        let e = try c.decode(JSONScalar.self).int
        guard let s, let e, c.isAtEnd else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "[start, end]"))
        }
        span = Span(s, e)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(span.start)
        try c.encode(span.end)
    }
}
