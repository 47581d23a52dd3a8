import AttestInterop
import Foundation

/// An error of the studio service, carrying the HTTP status it answers with
/// (the server turns it into a response; docs/api.md lists the codes). Its
/// body is always `{"error": {"code", "message", …}}`.
public struct StudioError: Error, Sendable {
    public var httpStatus: Int
    public var code: String
    public var message: String
    /// Fields beside `code` and `message` (`diagnostics`, `version`).
    public var extra: [String: JSONTree]
    /// Headers the answer must carry (`allow`, `retry-after`).
    public var headers: [String: String]

    public init(
        _ status: Int, _ code: String, _ message: String, diagnostics: [Diagnostic] = [],
        extra: [String: JSONTree] = [:], headers: [String: String] = [:]
    ) {
        self.httpStatus = status
        self.code = code
        self.message = message
        var extra = extra
        if !diagnostics.isEmpty { extra["diagnostics"] = StudioDocumentJSON.diagnostics(diagnostics) }
        self.extra = extra
        self.headers = headers
    }

    /// A library error: its kind decides the status, its kind's name is the code.
    public init(_ error: AttestError) {
        self.init(error.httpStatus, error.kind.rawValue, error.message, diagnostics: error.diagnostics)
    }

    /// The response body, markup-safe (`StudioJSON`).
    public var body: [UInt8] {
        var fields: [String: JSONTree] = ["code": .string(code), "message": .string(message)]
        for (k, v) in extra { fields[k] = v }
        return JSONTree.object(["error": .object(fields)]).bytes
    }
}

/// The studio's wire form: Codable values encoded with sorted keys, then
/// `<`, `>`, `&`, U+2028 and U+2029 escaped, so that no answer can be read
/// as markup or break a script. Outside strings those characters cannot
/// occur in JSON, so the escaping touches strings only.
public enum StudioJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        // The measured fast path (`StudioTreeBody`); JSONTree escapes the same characters.
        if let body = value as? any StudioTreeBody { return body.tree.bytes }
        return try encoded(value)
    }

    /// Through `JSONEncoder`, whatever the value.
    public static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let raw = try encoder.encode(value)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 64)
        var i = raw.startIndex
        while i < raw.endIndex {
            let byte = raw[i]
            switch byte {
            case UInt8(ascii: "<"): out += #"\u003c"#.utf8
            case UInt8(ascii: ">"): out += #"\u003e"#.utf8
            case UInt8(ascii: "&"): out += #"\u0026"#.utf8
            case 0xE2 where i + 2 < raw.endIndex && raw[i + 1] == 0x80 && (raw[i + 2] == 0xA8 || raw[i + 2] == 0xA9):
                out += (raw[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                i += 2
            default: out.append(byte)
            }
            i += 1
        }
        return out
    }
}
