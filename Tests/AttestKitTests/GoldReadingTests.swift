import AttestKit
import Foundation
import Testing

/// The SAX reader used for scoring builds the same model as the tree-based
/// reader, and declines what it does not handle.
@Suite struct GoldReadingTests {
    static func withoutOrigins(_ d: AnnotationDocument) -> AnnotationDocument {
        var d = d
        d.header.origin = nil
        return d
    }

    static var files: [URL] {
        let shipped = (try? Corpus.open(root: Paths.repository).annotationURLs()) ?? []
        let invalid = Paths.sample.appendingPathComponent("invalid")
        let broken = ((try? FileManager.default.contentsOfDirectory(atPath: invalid.path)) ?? []).sorted().map {
            invalid.appendingPathComponent($0)
        }
        return shipped + [Paths.sampleAnnotation] + broken
    }

    @Test func saxAndTreeReadTheSameDocuments() throws {
        let parser = LibXMLParser()
        let sax = AnnotationSAXReader()
        var readBySAX = 0
        for url in Self.files {
            let bytes = [UInt8](try Data(contentsOf: url))
            guard case .success(let tree) = parser.parse(bytes),
                let dom = AnnotationReader(bytes: bytes, locations: false).read(tree)
            else {
                #expect(sax.read(bytes, texts: true) == nil, "\(url.lastPathComponent)")
                continue
            }
            if let viaSAX = sax.read(bytes, texts: true) {
                readBySAX += 1
                #expect(Self.withoutOrigins(viaSAX) == Self.withoutOrigins(dom), "\(url.lastPathComponent)")
            }
        }
        #expect(readBySAX >= 20)
    }

    @Test func saxWithoutTextsKeepsTheSpans() throws {
        let bytes = [UInt8](try Data(contentsOf: Paths.sampleAnnotation))
        let lean = try #require(AnnotationSAXReader().read(bytes, texts: false))
        let full = try #require(AnnotationSAXReader().read(bytes, texts: true))
        #expect(lean.mentions.map(\.mention.span) == full.mentions.map(\.mention.span))
        #expect(lean.quotes.map(\.content.span) == full.quotes.map(\.content.span))
        #expect(lean.mentions.allSatisfy { $0.mention.text.isEmpty })
        #expect(full.mentions.first?.mention.text == "Jane Doe")
    }

    @Test func saxDeclinesWhatItDoesNotHandle() {
        let sax = AnnotationSAXReader()
        let base = read(Paths.sampleAnnotation)
        // An offset with blanks, an unknown element, a DOCTYPE, a truncated file: all go to the careful reader.
        #expect(
            sax.read(Array(base.replacingOccurrences(of: "start=\"36\"", with: "start=\" 36\"").utf8), texts: true)
                == nil)
        #expect(
            sax.read(Array(base.replacingOccurrences(of: "<entities>", with: "<entities><extra/>").utf8), texts: true)
                == nil)
        #expect(sax.read(Array(("<!DOCTYPE a [<!ENTITY x \"y\">]>\n" + base).utf8), texts: true) == nil)
        #expect(sax.read(Array(base.utf8.prefix(400)), texts: true) == nil)
        #expect(sax.read(Array(base.utf8), texts: true) != nil)
    }
}
