/// JSON values to write, rendered with sorted keys (deterministic): the
/// studio's API and the agreement report. Strings are written with markup
/// escaped (`JSONStringWriter.Style.markup`).
public indirect enum JSONTree: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])
    /// JSON already rendered by an encoder (a value, not a string of it);
    /// written with `<`, `>`, `&`, U+2028 and U+2029 escaped like every other string.
    case encoded([UInt8])

    public var rendered: String { String(decoding: bytes, as: UTF8.self) }

    /// UTF-8 bytes, written byte by byte: a 100 KB article renders in well under a millisecond.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d): out += (d.isFinite ? String(d) : "null").utf8
        case .string(let s): Self.quote(s, into: &out)
        case .encoded(let json):
            // Outside strings these bytes cannot occur in JSON, so escaping them touches strings only.
            var i = 0
            while i < json.count {
                let byte = json[i]
                switch byte {
                case UInt8(ascii: "<"): out += #"\u003c"#.utf8
                case UInt8(ascii: ">"): out += #"\u003e"#.utf8
                case UInt8(ascii: "&"): out += #"\u0026"#.utf8
                case 0xE2
                where i + 2 < json.count && json[i + 1] == 0x80 && (json[i + 2] == 0xA8 || json[i + 2] == 0xA9):
                    out += (json[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                    i += 2
                default: out.append(byte)
                }
                i += 1
            }
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(k, into: &out)
                out.append(UInt8(ascii: ":"))
                o[k]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string with markup characters escaped, as `PredictionWriter.string(_:escapingMarkup:)`
    /// writes it: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, and U+2028, U+2029 escaped.
    package static func quote(_ s: String, into out: inout [UInt8]) {
        JSONStringWriter.write(s, into: &out, style: .markup)
    }
}
