import AttestValidation

/// A deterministic slice of a corpus: shard K of N takes the documents
/// whose id hashes (FNV-1a, 64 bit) to K-1 modulo N, so a document stays
/// in its shard however the corpus grows, on every machine.
public struct Shard: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 1, index <= count else {
            throw AttestError("a shard is K/N with 1 <= K <= N, such as 2/4")
        }
        self.index = index
        self.count = count
    }

    public func contains(_ id: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
