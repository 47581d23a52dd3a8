import AttestKit
import Foundation
import Testing

/// The JSON Lines reader: whatever the block size, the same non-blank lines with the same numbers,
/// CR LF and a leading byte-order mark taken off, a last line without a newline kept.
@Suite struct JSONLinesTests {
    static func lines(of text: [UInt8], batchBytes: Int) throws -> [(Int, String)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-jsonl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }  // deliberate: cleanup
        let file = folder.appendingPathComponent("p.jsonl")
        try Data(text).write(to: file)
        var out: [(Int, String)] = []
        try JSONLines.read(path: file.path, batchBytes: batchBytes) { batch in
            out += batch.map { ($0.number, String(decoding: $0.bytes, as: UTF8.self)) }
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4 << 20]) func sameLinesWhateverTheBlock(batchBytes: Int) throws {
        let long = "{\"id\": \"" + String(repeating: "“x” — 🚢", count: 300) + "\"}"
        let text = Array("\u{FEFF}{\"id\": \"a\"}\r\n\n   \n\(long)\n\t\n{\"id\": \"𝒳\"}\r\n{\"id\": \"last\"}".utf8)
        let read = try Self.lines(of: text, batchBytes: batchBytes)
        #expect(read.map(\.0) == [1, 4, 6, 7])
        #expect(read.map(\.1) == ["{\"id\": \"a\"}", long, "{\"id\": \"𝒳\"}", "{\"id\": \"last\"}"])
    }

    @Test func emptyAndBlankFiles() throws {
        #expect(try Self.lines(of: [], batchBytes: 4).isEmpty)
        #expect(try Self.lines(of: Array(" \n\n\t\r\n".utf8), batchBytes: 2).isEmpty)
    }
}
