import AttestKit
import Foundation
import Testing

/// Validation's fast path (one SAX pass with the schema checked on the way,
/// no tree) against the tree path it stands in for. The contract: whenever
/// the fast path gives a document, the tree path finds the file well-formed
/// and schema-valid and reads the same document, every element's line and
/// column included; the rules then see the same input either way. Files it
/// declines take the tree path, which reports what is wrong.
@Suite struct ValidationFastPathTests {
    static let schema = try! CompiledSchema.shared(.structureOnly)

    /// What the tree path makes of `bytes`: the document when the file is
    /// well-formed and valid, or nil.
    static func treeDocument(_ bytes: [UInt8]) -> AnnotationDocument? {
        let checker = XMLDocumentChecker(schema: schema)
        guard case .success(let tree) = checker.parse(bytes, name: "f.xml") else { return nil }
        let lines = LineIndex(bytes: bytes)
        guard checker.schemaDiagnostics(tree, lines: lines, name: "f.xml").isEmpty else { return nil }
        return AnnotationReader(lines: lines).read(tree)
    }

    /// Layouts Attest does not write but a person or another tool may: the
    /// columns must still be the tree reader's.
    static func relayout(_ xml: String, _ k: Int) -> String {
        switch k % 9 {
        case 0: return xml
        case 1: return xml.replacingOccurrences(of: "\n      <mention", with: "<mention")
        case 2: return xml.replacingOccurrences(of: "  ", with: "\t")
        case 3: return xml.replacingOccurrences(of: "<mention id", with: "<mention\n   id")
        case 4: return xml.replacingOccurrences(of: "\n", with: "\r\n")
        case 8:
            // Literal tabs and line breaks inside attribute values (normalised to spaces by XML).
            return xml.replacingOccurrences(of: " name=\"", with: " name=\"A\tB\n\r\nC ")
        case 5:
            return xml.replacingOccurrences(of: "<", with: "<a:").replacingOccurrences(of: "<a:/", with: "</a:")
                .replacingOccurrences(of: "<a:?xml", with: "<?xml")
                .replacingOccurrences(of: "xmlns=\"urn:attest:format:1\"", with: "xmlns:a=\"urn:attest:format:1\"")
        case 6:
            return xml.replacingOccurrences(of: "\n    <quote ", with: "<!-- q --><quote ")
                .replacingOccurrences(of: "<content ", with: "<content\t")
        default:
            // A byte-order mark before the declaration.
            return "\u{FEFF}" + xml
        }
    }

    @Test(arguments: [3, 4]) func fastAndTreeAgree(seed: UInt64) {
        var generator = GoldReaderDifferentialTests.FileGenerator(rng: SeededGenerator(seed: seed))
        let fast = AnnotationSAXReader(validatingWith: Self.schema)
        var read = 0
        var declined = 0
        var readByLayout = [Int](repeating: 0, count: 9)
        var disagreements: [String] = []
        for index in 0..<1_400 {
            let generated = generator.file(index)
            let bytes = Array(Self.relayout(String(decoding: generated, as: UTF8.self), index).utf8)
            guard let document = fast.readValid(bytes, lines: LineIndex(bytes: bytes)) else {
                declined += 1
                continue
            }
            read += 1
            readByLayout[index % 9] += 1
            if Self.treeDocument(bytes) != document, disagreements.count < 3 {
                disagreements.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(disagreements.isEmpty, "fast and tree paths differ on:\n\(disagreements.joined(separator: "\n----\n"))")
        // Both paths are exercised: many files read fast, many sent to the tree.
        #expect(read > 300)
        #expect(declined > 300)
        // Every layout is read the fast way somewhere (none is declined wholesale).
        #expect(readByLayout.allSatisfy { $0 > 20 }, "\(readByLayout)")
    }

    /// Every annotation file the repository ships and every test fixture:
    /// the valid ones are read fast (else validation silently loses its
    /// speed), and whatever is read fast is what the tree reads.
    @Test func shippedAndFixtureFiles() throws {
        let fast = AnnotationSAXReader(validatingWith: Self.schema)
        var files = try FileManager.default.contentsOfDirectory(
            at: Paths.repository.appendingPathComponent("annotations"), includingPropertiesForKeys: nil)
        let fixtures = FileManager.default.enumerator(at: Paths.fixtures, includingPropertiesForKeys: nil)
        while let url = fixtures?.nextObject() as? URL {
            if url.pathExtension == "xml", url.lastPathComponent != "attest.xml" { files.append(url) }
        }
        var readFast = 0
        for file in files where file.pathExtension == "xml" {
            let bytes = try [UInt8](Data(contentsOf: file))
            let document = fast.readValid(bytes, lines: LineIndex(bytes: bytes))
            let tree = Self.treeDocument(bytes)
            if let document {
                readFast += 1
                #expect(tree == document, "\(file.lastPathComponent)")
            }
            // A valid file in Attest's layout is never sent the slow way.
            if file.path.contains("/annotations/") { #expect(document != nil, "\(file.lastPathComponent)") }
        }
        #expect(readFast >= 5)
    }

    /// The fast path records each element where the tree does, on a file
    /// whose elements sit at odd places (a mention after its entity's tag, on
    /// a line of its own, after a comment).
    @Test func locationsAreTheTreeReaders() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <annotation xmlns="urn:attest:format:1" version="1.0">
              <document id="d" article="../corpus/d.txt" sha256="\(String(repeating: "a", count: 64))" length="20" status="draft"/>
              <entities>
                <entity id="e1" type="PERSON" name="Ann"><mention id="m1" start="0" end="3">Ann</mention>
                  <!-- x --><mention
                     id="m2" start="10" end="13">Ann</mention></entity>
              </entities>
              <quotes/>
            </annotation>
            """
        let bytes = Array(xml.utf8)
        let fast = AnnotationSAXReader(validatingWith: Self.schema)
        let document = try #require(fast.readValid(bytes, lines: LineIndex(bytes: bytes)))
        #expect(document == Self.treeDocument(bytes))
        let mentions = document.entities[0].mentions
        #expect(document.entities[0].origin == SourceLocation(line: 5, column: 5))
        #expect(mentions[0].excerpt.origin == SourceLocation(line: 5, column: 46))
        // libxml2 puts an element on the line where its start tag ends.
        #expect(mentions[1].excerpt.origin?.line == 7)
    }

    /// Files the fast path must leave to the tree path, which explains them.
    @Test func declinesWhatTheTreePathMustExplain() throws {
        let fast = AnnotationSAXReader(validatingWith: Self.schema)
        let valid = try String(contentsOf: Paths.sampleAnnotation, encoding: .utf8)
        let broken = [
            valid.replacingOccurrences(of: "status=\"", with: "status=\"x"),  // schema
            valid.replacingOccurrences(of: "</entities>", with: "</entity>"),  // not well-formed
            valid.replacingOccurrences(
                of: "<annotation ", with: "<!-- <a --><!DOCTYPE annotation [<!ENTITY e \"x\">]><annotation "),  // DTD
            valid.replacingOccurrences(of: "<entities>", with: "<entities><note/>"),  // unknown element
        ]
        #expect(fast.readValid(Array(valid.utf8), lines: LineIndex(bytes: Array(valid.utf8))) != nil)
        for text in broken {
            let bytes = Array(text.utf8)
            #expect(fast.readValid(bytes, lines: LineIndex(bytes: bytes)) == nil)
        }
    }
}
