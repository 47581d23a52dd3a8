import AttestKit
import Foundation
import Testing

/// SHA-256 from the system's libcrypto gives the published test vectors (FIPS 180-2 and NIST's
/// examples) and the hashes the shipped annotation files record for their articles.
@Suite struct SHA256Tests {
    @Test func publishedVectors() {
        #expect(SHA256Hex.of([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hex.of(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Hex.of(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256Hex.of([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theShippedArticlesHashAsTheirFilesRecord() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let ids = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("annotations").path)
            .filter { $0.hasSuffix(".xml") }.map { String($0.dropLast(4)) }.sorted()
        #expect(ids.count == 3)
        for id in ids {
            let header = try AnnotationFile.read(root.appendingPathComponent("annotations/\(id).xml")).document.header
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("corpus/\(id).txt")))
            #expect(SHA256Hex.of(bytes) == header.sha256, "\(id)")
        }
    }
}
