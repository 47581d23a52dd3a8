/// A parsed JSON value. Object members keep their order and the byte offset
/// of their value in the line, so an error can point at its column.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A number that is not an integer, or an integer too large for `Int`
    /// (kept as written, so a message can quote it).
    case number(String)
    case string(String)
    case array([JSONValue], offsets: [Int])
    case object([JSONMember])

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number(let raw): "the number \(raw.count > 24 ? String(raw.prefix(24)) + "…" : raw)"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    public subscript(key: String) -> JSONMember? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }
    }
}

public struct JSONMember: Sendable {
    public var key: String
    public var value: JSONValue
    /// Byte offset of the value within the parsed text.
    public var offset: Int
}

/// A JSON syntax error at a byte offset.
public struct JSONSyntaxError: Error, Sendable {
    public var offset: Int
    public var message: String
}

/// A small, strict JSON parser (RFC 8259) over UTF-8 bytes: no duplicate
/// resolution, nesting limited so hostile input cannot exhaust the stack.
public struct JSONParser {
    public static let maximumDepth = 64
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ buffer: UnsafeBufferPointer<UInt8>) { b = buffer }

    /// Parses one complete value; trailing blanks only.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var p = JSONParser(buffer)
        p.skipBlanks()
        let value = try p.value(depth: 0)
        p.skipBlanks()
        if p.i < p.b.count { throw p.fail("unexpected text after the JSON value") }
        return value
    }

    private func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? i, message: message)
    }

    private mutating func skipBlanks() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard i < b.count else { throw fail("unexpected end of line: a value is missing") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character \(Self.describe(b[i])): a JSON value was expected")
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "0x%02X", byte)
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("unexpected end of line in a literal") }
        for k in 0..<n where b[i + k] != word.utf8Start[k] {
            throw fail("invalid literal (true, false or null expected)")
        }
        i += n
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > Self.maximumDepth { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        i += 1
        var members: [JSONMember] = []
        skipBlanks()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipBlanks()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else {
                throw fail("a member name in double quotes was expected")
            }
            let key = try string()
            skipBlanks()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("':' was expected after member \"\(key)\"") }
            i += 1
            skipBlanks()
            let offset = i
            members.append(JSONMember(key: key, value: try value(depth: depth), offset: offset))
            skipBlanks()
            guard i < b.count else { throw fail("unexpected end of line: the object is not closed") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            throw fail("',' or '}' was expected in an object")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > Self.maximumDepth { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        i += 1
        var values: [JSONValue] = []
        var offsets: [Int] = []
        skipBlanks()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return .array(values, offsets: offsets)
        }
        while true {
            skipBlanks()
            offsets.append(i)
            values.append(try value(depth: depth))
            skipBlanks()
            guard i < b.count else { throw fail("unexpected end of line: the array is not closed") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return .array(values, offsets: offsets)
            }
            throw fail("',' or ']' was expected in an array")
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw fail("a digit was expected") }
        if b[i] == 0x30, i + 1 < b.count, b[i + 1] >= 0x30, b[i + 1] <= 0x39 {
            throw fail("leading zeros are not allowed")
        }
        var integral = true
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw fail("a digit was expected after '.'") }
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw fail("a digit was expected in the exponent") }
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        let raw = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if integral, raw.utf8.count <= 19, let v = Int(raw) { return .integer(v) }
        return .number(raw)
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        guard i < b.count else { throw fail("unexpected end of line in a string", at: start - 1) }
        if b[i] == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: b[start..<i])
            i += 1
            guard let s = String(validating: slice, as: UTF8.self) else {
                throw fail("the string is not valid UTF-8", at: start)
            }
            return s
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while true {
            guard i < b.count else { throw fail("unexpected end of line in a string", at: start - 1) }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if c < 0x20 { throw fail("a control character must be escaped in a string") }
            if c != UInt8(ascii: "\\") {
                bytes.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { throw fail("unexpected end of line in an escape") }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone high surrogate in a \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw fail("a high surrogate without its low surrogate")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail("a lone low surrogate in a \\u escape")
                }
                bytes.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default: throw fail("invalid escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw fail("the string is not valid UTF-8", at: start)
        }
        return s
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
