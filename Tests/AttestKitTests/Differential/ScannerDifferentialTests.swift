import AttestKit
import Foundation
import Testing

/// The byte scanner (scoring's first reader, no libxml2) against libxml2's
/// tree reader. The contract: whenever the scanner gives a document, libxml2
/// parses the file without error and the tree reader gives the same
/// document. Whatever it declines goes to libxml2, so this is the whole of
/// what the scanner may get wrong.
@Suite struct ScannerDifferentialTests {
    typealias Generator = GoldReaderDifferentialTests.FileGenerator

    /// Changes at the byte level that XML treats in ways a hand-written reader can miss.
    static let edits: [(String, String)] = [
        ("\">", "\" >"),
        ("=\"", " = \""),
        (" id=\"", "\n id=\""),
        ("</mention>", "</mention >"),
        ("</mention>", "x\r\n</mention>"),
        ("</mention>", "&#13;</mention>"),
        ("</mention>", "&#x1F600;</mention>"),
        ("</mention>", "&#0;</mention>"),
        ("</mention>", "&#x110000;</mention>"),
        ("</mention>", "&#xD800;</mention>"),
        ("</mention>", "&#xFFFE;</mention>"),
        ("</mention>", "&nbsp;</mention>"),
        ("</mention>", "&amp </mention>"),
        ("</mention>", "&#65;&#x42;&lt;&gt;&quot;&apos;&amp;</mention>"),
        ("</mention>", "]]></mention>"),
        ("</mention>", "]]x></mention>"),
        ("</mention>", "\u{7F}</mention>"),
        ("</mention>", "\u{1}</mention>"),
        ("</mention>", "\u{85}</mention>"),
        ("</mention>", "🚢 “x” — 𝒳</mention>"),
        ("name=\"", "name=\"a\tb"),
        ("name=\"", "name=\"a<b"),
        ("name=\"", "name=\"a&#10;b&#9;c&amp;d&quot;"),
        ("name=\"", "name=\"&bogus;"),
        ("name=\"", "name=\"a'b"),
        (" type=\"", " type=\"X\" type=\""),
        (" type=\"", " kind=\"direct\" type=\""),
        ("xmlns=\"urn:attest:format:1\"", "xmlns=\"urn:other\""),
        ("xmlns=\"urn:attest:format:1\"", "xmlns='urn:attest:format:1'"),
        ("xmlns=\"urn:attest:format:1\"", ""),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>"),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", " <?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", ""),
        ("</annotation>", "</annotation>\n<!-- after -->"),
        ("</annotation>", "</annotation>\nx"),
        ("</annotation>", "</annotation><annotation/>"),
        ("<entities>", "<entities>x"),
        ("start=\"", "start=\"0"),
        ("start=\"", "start=\"&#49;"),
        ("<mention ", "<mention/ "),
        ("\"><", "\"<"),
        ("<quotes>", "<quotes/>\n<quotes>"),
    ]

    /// Invalid UTF-8 and XML-forbidden sequences, put inside a covered text or an attribute.
    static let badBytes: [[UInt8]] = [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],
        [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xC3], [0xE2, 0x80],
        [0xFF], [0x00], [0x0B], [0x0C],
    ]

    static func tree(_ bytes: [UInt8]) -> AnnotationDocument? { GoldReaderDifferentialTests.tree(bytes) }

    static func edited(_ bytes: [UInt8], _ generator: inout Generator) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        for _ in 0..<generator.int(0...2) {
            let (target, replacement) = generator.pick(edits)
            text = generator.replaceOne(target, with: replacement, in: text)
        }
        var out = Array(text.utf8)
        let ends = out.indices.filter { out[$0] == 0x3E }
        if generator.int(0...6) == 0, let gt = ends.randomElement(using: &generator.rng) {
            // Inside the covered text or the attribute value that ends near here.
            out.insert(contentsOf: generator.pick(badBytes), at: max(0, gt - 2))
        }
        return out
    }

    @Test(arguments: [5, 6]) func scannerAndTreeAgree(seed: UInt64) {
        var generator = Generator(rng: SeededGenerator(seed: seed))
        let scanner = AnnotationScanner()
        var read = 0
        var declined = 0
        var disagreements: [String] = []
        for index in 0..<1_500 {
            let bytes = Self.edited(generator.file(index), &generator)
            guard let document = scanner.read(bytes, texts: true) else {
                declined += 1
                continue
            }
            read += 1
            if Self.tree(bytes) != document, disagreements.count < 3 {
                disagreements.append(String(decoding: bytes, as: UTF8.self))
            }
            // Without texts: the same document less its covered texts.
            let lean = scanner.read(bytes, texts: false)
            #expect(lean?.entities.flatMap(\.mentions).map(\.span) == document.entities.flatMap(\.mentions).map(\.span))
            #expect(lean?.entities.flatMap(\.mentions).allSatisfy { $0.text.isEmpty } == true)
        }
        #expect(
            disagreements.isEmpty,
            "the scanner and libxml2 read differently:\n\(disagreements.joined(separator: "\n----\n"))")
        #expect(read > 200)
        #expect(declined > 300)
    }

    /// Each edit on its own, on a shipped file: read the same as libxml2 reads it, or declined.
    @Test func eachEditAlone() throws {
        let scanner = AnnotationScanner()
        let xml = try String(contentsOf: Paths.sampleAnnotation, encoding: .utf8)
        var readCount = 0
        for (target, replacement) in Self.edits where xml.contains(target) {
            let bytes = Array(xml.replacingOccurrences(of: target, with: replacement).utf8)
            if let document = scanner.read(bytes, texts: true) {
                readCount += 1
                #expect(Self.tree(bytes) == document, "\(replacement)")
            }
        }
        for bad in Self.badBytes {
            // Inside the first covered text.
            let end = try #require(xml.range(of: "</mention>"))
            let damaged = Array(xml[..<end.lowerBound].utf8) + bad + Array(xml[end.lowerBound...].utf8)
            #expect(scanner.read(damaged, texts: true) == nil, "\(bad)")
        }
        #expect(readCount >= 10)
    }

    /// Everything the writer can put in a name or a covered text (markup, quotes, line breaks,
    /// tabs, curly quotes, dashes, emoji, astral characters) is read back by the scanner itself,
    /// not handed on to libxml2, and read as written.
    @Test func readsWhatTheWriterWrites() throws {
        var document = try #require(Self.tree(Array(try Data(contentsOf: Paths.sampleAnnotation))))
        document.entities[0].name = "A & B <C> \"D\" 'E'\n\tF\r — “G” 🚢 𝒳"
        document.entities[0].mentions[0].excerpt.text = "x < y & z > \"w\"\n\t\r 🚢"
        document.quotes[0].speakerEntity = "e&1"
        let bytes = AnnotationWriter.bytes(document)
        let read = try #require(AnnotationScanner().read(bytes, texts: true))
        #expect(read == GoldReaderDifferentialTests.withoutLocations(document))
        #expect(read == Self.tree(bytes))
    }

    /// The shipped gold and every fixture: the shipped files are read by the scanner (else scoring
    /// silently loses its speed), and whatever it reads is what libxml2 reads.
    @Test func shippedAndFixtureFiles() throws {
        let scanner = AnnotationScanner()
        var files = try FileManager.default.contentsOfDirectory(
            at: Paths.repository.appendingPathComponent("annotations"), includingPropertiesForKeys: nil)
        let fixtures = FileManager.default.enumerator(at: Paths.fixtures, includingPropertiesForKeys: nil)
        while let url = fixtures?.nextObject() as? URL {
            if url.pathExtension == "xml" { files.append(url) }
        }
        var scanned = 0
        for file in files where file.pathExtension == "xml" {
            let bytes = try [UInt8](Data(contentsOf: file))
            let document = scanner.read(bytes, texts: true)
            if let document {
                scanned += 1
                #expect(Self.tree(bytes) == document, "\(file.lastPathComponent)")
            }
            if file.path.contains("/annotations/") { #expect(document != nil, "\(file.lastPathComponent)") }
        }
        #expect(scanned >= 5)
    }
}
