/// The two classes of code point the rules ask about, with the ASCII answer computed directly: the
/// Unicode property lookup (`properties.isAlphabetic`, `isWhitespace`) was 3.5% of `attest
/// validate`'s instructions on the shipped articles, nearly all of them ASCII. Outside ASCII the
/// answer is the property's.
extension Unicode.Scalar {
    /// A letter or a digit: Unicode's Alphabetic property, or a numeric type.
    @inlinable public var isLetterOrDigit: Bool {
        if value < 0x80 {
            return (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                || (value >= 0x30 && value <= 0x39)
        }
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// White space: Unicode's White_Space property (in ASCII: tab, line feed, vertical tab, form
    /// feed, carriage return and space).
    @inlinable public var isWhiteSpace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}
