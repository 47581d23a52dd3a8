import AttestKit
import Testing

/// The rules' fast letter-or-digit and white-space tests answer as Unicode's properties do, for every
/// ASCII code point and for the whole Basic Multilingual Plane and an astral sample.
@Suite struct ScalarClassTests {
    @Test func theFastClassesAreTheUnicodeProperties() {
        var checked = 0
        for value in Array(0..<0x1_0000) + [0x1_F98A, 0x1_D7CE, 0x2_0000, 0x1_0400, 0xE_0001] {
            guard let s = Unicode.Scalar(UInt32(value)) else { continue }
            let letterOrDigit = s.properties.isAlphabetic || s.properties.numericType != nil
            #expect(s.isLetterOrDigit == letterOrDigit, "U+\(String(value, radix: 16))")
            #expect(s.isWhiteSpace == s.properties.isWhitespace, "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 60_000)
    }
}
