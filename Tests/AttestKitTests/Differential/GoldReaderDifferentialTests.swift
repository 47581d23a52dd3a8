import AttestKit
import Foundation
import Testing

/// The SAX gold reader (the fast path of `attest score`) and the tree reader
/// (`AnnotationReader`) on generated annotation files, many of them damaged
/// or unusual: whenever the SAX reader gives a document, the tree reader
/// gives the same one. Files it declines go to the tree reader, so this is
/// the whole contract.
@Suite struct GoldReaderDifferentialTests {
    struct FileGenerator {
        var rng: SeededGenerator
        let corpus = SyntheticCorpus()

        mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }

        /// Replaces the `k`-th occurrence (at random) of `target` in `text`.
        mutating func replaceOne(_ target: String, with replacement: String, in text: String) -> String {
            let ranges = text.ranges(of: target)
            guard !ranges.isEmpty else { return text }
            var out = text
            out.replaceSubrange(pick(ranges), with: replacement)
            return out
        }

        mutating func file(_ index: Int) -> [UInt8] {
            var doc = corpus.document(index % 50, seed: UInt64(index)).annotation
            if int(0...3) == 0 {
                doc.entities[0].name = pick(["A & B <C>", "Line\nbreak", "Tab\there", "“Curly” — dash", "🚢"])
            }
            var xml = AnnotationWriter.xml(doc)
            for _ in 0..<int(0...2) { xml = mutate(xml) }
            var bytes = Array(xml.utf8)
            if int(0...15) == 0 { bytes = Array(bytes.prefix(int(0...bytes.count))) }
            if int(0...20) == 0 { bytes.insert(pick([0x00, 0x3C, 0x26, 0xFF, 0x22]), at: int(0...bytes.count)) }
            return bytes
        }

        mutating func mutate(_ xml: String) -> String {
            switch int(0...21) {
            case 0: return replaceOne("<entities>", with: "<entities><note/>", in: xml)
            case 1: return replaceOne("</mention>", with: "<!-- c --></mention>", in: xml)
            case 2: return replaceOne("</mention>", with: "<![CDATA[ & more]]></mention>", in: xml)
            case 3: return replaceOne("</mention>", with: "<b>bold</b></mention>", in: xml)
            case 4:
                return replaceOne(
                    "start=\"", with: pick(["start=\"+", "start=\" ", "start=\"x", "start=\"0"]), in: xml)
            case 5: return replaceOne(" id=\"m", with: " xid=\"m", in: xml)
            case 6: return replaceOne("  <quotes>", with: "  <entities/>\n  <quotes>", in: xml)
            case 7: return replaceOne("  </entities>", with: "  </entities>\n  <entities/>", in: xml)
            case 8: return replaceOne("    <entity ", with: "    <annotator name=\"x\"/>\n    <entity ", in: xml)
            case 9:
                return replaceOne("status=\"gold\"", with: pick(["status=\"final\"", "status=\"draft\"", ""]), in: xml)
            case 10:
                return replaceOne("<content ", with: "<context ", in: xml).replacingOccurrences(
                    of: "</content>", with: "</context>")
            case 11:
                return replaceOne("kind=\"direct\"", with: pick(["kind=\"Direct\"", "", "kind=\"mixed\""]), in: xml)
            case 12:
                return replaceOne(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    with: "<?xml version=\"1.0\"?>\n<!DOCTYPE annotation>", in: xml)
            case 13: return replaceOne(" type=\"", with: " type=\"X", in: xml)
            case 14: return replaceOne(" length=\"", with: pick([" length=\"-", " length=\"", " len=\""]), in: xml)
            case 15: return replaceOne("</quote>", with: "<cue start=\"1\" end=\"2\">x</cue></quote>", in: xml)
            case 16: return replaceOne("<mention ", with: "<mention xml:lang=\"en\" ", in: xml)
            case 17: return replaceOne("</document>", with: "<annotator/></document>", in: xml)
            case 18:
                return replaceOne(
                    "    </entity>",
                    with:
                        "      <mention id=\"mx\" start=\"1\" end=\"2\"><mention id=\"my\" start=\"1\" end=\"2\">q</mention></mention>\n    </entity>",
                    in: xml)
            case 19:
                return replaceOne("<annotation ", with: "<annotation xmlns:o=\"urn:other\" ", in: xml)
                    .replacingOccurrences(of: "<entities>", with: "<o:entities>").replacingOccurrences(
                        of: "</entities>", with: "</o:entities>")
            case 20:
                return replaceOne(
                    "  <quotes>", with: "  <quotes>\n    <quote id=\"qz\" kind=\"direct\"></quote>", in: xml)
            default: return replaceOne("&", with: "&#38;", in: xml)
            }
        }
    }

    static func withoutLocations(_ d: AnnotationDocument) -> AnnotationDocument {
        var doc = d
        doc.header.origin = nil
        doc.entities = doc.entities.map { e in
            var e = e
            e.origin = nil
            e.mentions = e.mentions.map { m in
                var m = m
                m.excerpt.origin = nil
                return m
            }
            return e
        }
        doc.quotes = doc.quotes.map { q in
            var q = q
            q.origin = nil
            q.content.origin = nil
            q.speaker?.origin = nil
            q.cue?.origin = nil
            return q
        }
        return doc
    }

    static func tree(_ bytes: [UInt8]) -> AnnotationDocument? {
        guard case .success(let tree) = LibXMLParser().parse(bytes) else { return nil }
        return AnnotationReader(bytes: bytes, locations: false).read(tree).map(withoutLocations)
    }

    @Test(arguments: [1, 2]) func saxAndTreeAgree(seed: UInt64) {
        var generator = FileGenerator(rng: SeededGenerator(seed: seed))
        let sax = AnnotationSAXReader()
        var saxRead = 0
        var declined = 0
        var disagreements: [String] = []
        for index in 0..<1_500 {
            let bytes = generator.file(index)
            guard let fast = sax.read(bytes, texts: true) else {
                declined += 1
                continue
            }
            saxRead += 1
            if Self.tree(bytes) != Self.withoutLocations(fast), disagreements.count < 3 {
                disagreements.append(String(decoding: bytes, as: UTF8.self))
            }
            // Without texts, the same document less its covered texts.
            if let lean = sax.read(bytes, texts: false) {
                #expect(lean.entities.map(\.mentions.count) == fast.entities.map(\.mentions.count))
                #expect(lean.quotes.map(\.content.span) == fast.quotes.map(\.content.span))
            }
        }
        #expect(
            disagreements.isEmpty, "SAX and tree readers differ on:\n\(disagreements.joined(separator: "\n----\n"))")
        #expect(saxRead > 300)
        #expect(declined > 300)
    }
}
