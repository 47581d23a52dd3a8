import CLibCrypto

/// SHA-256 of bytes as lower-case hex, as annotation headers store it (the system's libcrypto).
public enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The 32 bytes of the digest (a Content-Security-Policy hash wants them in base64).
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { data in
            digest.withUnsafeMutableBufferPointer { out in
                attest_sha256(data.baseAddress, data.count, out.baseAddress)
            }
        }
        return digest
    }

    public static func of(_ bytes: [UInt8]) -> String {
        let digest = digest(bytes)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
