/// Writes a Swift string as a JSON string, byte by byte (fast for long
/// texts). Two conventions are in use:
///
/// - `.encoder`: as `JSONEncoder` writes it (`\b`, `\f` for those controls,
///   slashes not escaped), for reports read back by `JSONDecoder`;
/// - `.plain`: control characters as `\u00XX` (but `\n`, `\r`, `\t`), the
///   extractor form's JSON Lines (`PredictionWriter.string`);
/// - `.markup`: `.plain`, with `<`, `>`, `&`, U+2028, U+2029 escaped too, so
///   that JSON can never be read as markup (the studio's API).
package enum JSONStringWriter {
    package enum Style {
        case encoder
        case plain
        case markup
    }

    package static func write(_ s: String, into out: inout [UInt8], style: Style) {
        let markup = style == .markup
        let short = style == .encoder
        func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Most strings need no escape at all: copied whole.
            var plain = true
            for b in utf8
            where b < 0x20 || b == 0x22 || b == 0x5C || (markup && (b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2)) {
                plain = false
                break
            }
            if plain {
                out.append(contentsOf: utf8)
                return
            }
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                switch b {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case 0x0A: out += #"\n"#.utf8
                case 0x0D: out += #"\r"#.utf8
                case 0x09: out += #"\t"#.utf8
                case 0x08 where short: out += #"\b"#.utf8
                case 0x0C where short: out += #"\f"#.utf8
                case UInt8(ascii: "<") where markup: out += #"\u003c"#.utf8
                case UInt8(ascii: ">") where markup: out += #"\u003e"#.utf8
                case UInt8(ascii: "&") where markup: out += #"\u0026"#.utf8
                case 0xE2
                where markup && i + 2 < utf8.count && utf8[i + 1] == 0x80
                    && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    out += (utf8[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                    i += 2
                case 0..<0x20:
                    out += #"\u00"#.utf8
                    out.append(hex(b >> 4))
                    out.append(hex(b & 0xF))
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
