import AttestKit
import Foundation
import Testing

/// A broken fixture: its file and the `rule@line` pairs its first comment expects.
struct BrokenFixture: CustomStringConvertible, Sendable {
    let url: URL
    let expected: Set<String>

    var description: String { url.lastPathComponent }

    static let all: [BrokenFixture] = {
        let folder = Paths.sample.appendingPathComponent("invalid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { name in
            let url = folder.appendingPathComponent(name)
            let text = read(url)
            let line = text.split(separator: "\n")[1]
            let body = line.replacingOccurrences(of: "<!-- expect:", with: "").replacingOccurrences(of: "-->", with: "")
            return BrokenFixture(url: url, expected: Set(body.split(separator: " ").map(String.init)))
        }
    }()
}

@Suite struct RuleFixtureTests {
    let corpus = try! Corpus.open(root: Paths.sample)

    @Test func sampleIsClean() throws {
        let validator = try Validator(corpus: corpus)
        let report = validator.validateCorpus(corpus)
        #expect(report.diagnostics == [])
        #expect(report.filesChecked == 1)
    }

    @Test(arguments: BrokenFixture.all)
    func brokenFixtureReportsItsRuleAtItsLine(_ fixture: BrokenFixture) throws {
        let validator = try Validator(corpus: corpus)
        let report = validator.validate(files: [fixture.url])
        let found = Set(report.diagnostics.map { "\($0.rule)@\($0.line)" })
        #expect(found == fixture.expected)
        #expect(report.exitCode(strict: true) == 1)
        for d in report.diagnostics {
            #expect(d.file.hasSuffix("invalid/\(fixture.url.lastPathComponent)"))
            #expect(d.column >= 1)
        }
    }

    /// The fast path (schema without identity constraints, Swift checks
    /// instead) and the full XSD flag the same lines in the same files.
    @Test(arguments: BrokenFixture.all)
    func fastAndFullSchemaAgree(_ fixture: BrokenFixture) throws {
        let fast = try Validator(corpus: corpus, constraints: .structureOnly).validate(files: [fixture.url])
        let full = try Validator(corpus: corpus, constraints: .full).validate(files: [fixture.url])
        #expect(Set(fast.diagnostics.map(\.line)) == Set(full.diagnostics.map(\.line)))
        #expect(fast.diagnostics.count == full.diagnostics.count)
    }

    @Test func everyRuleHasABrokenFixture() {
        let covered = Set(BrokenFixture.all.flatMap { $0.expected.map { String($0.split(separator: "@")[0]) } })
        for rule in RuleRegistry.rules.map(\.descriptor.id) {
            #expect(covered.contains(rule), "no fixture exercises \(rule)")
        }
    }

    @Test func reportsEveryProblemOfEveryFileInOneRun() throws {
        let validator = try Validator(corpus: corpus)
        let report = validator.validate(files: BrokenFixture.all.map(\.url), jobs: 2)
        let expected = BrokenFixture.all.reduce(0) { $0 + $1.expected.count }
        #expect(report.diagnostics.count == expected)
        #expect(report.filesChecked == BrokenFixture.all.count)
    }

    @Test func unannotatedArticleIsAWarning() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write("corpus/extra.txt", "Another article.\n")
        let opened = try Corpus.open(root: folder.url)
        let report = try Validator(corpus: opened).validateCorpus(opened)
        #expect(report.diagnostics.map(\.rule) == ["corpus.unannotated"])
        #expect(report.exitCode(strict: false) == 0)
        #expect(report.exitCode(strict: true) == 1)
    }

    @Test func declaredTypesComeFromTheManifest() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write(
            "attest.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="urn:attest:format:1" version="1.0">
              <corpus name="t" guidelines="1.0"/>
              <types><type name="GPE"/></types>
            </manifest>
            """)
        let corpus = try Corpus.open(root: folder.url)
        #expect(corpus.manifest.types.contains("GPE"))
        let bad = Paths.sample.appendingPathComponent("invalid/type-undeclared.xml")
        let text = read(bad).replacingOccurrences(of: "../corpus/sample.txt", with: "../corpus/sample.txt")
        let file = folder.write("annotations/type-undeclared.xml", text)
        let report = try Validator(corpus: corpus).validate(files: [file])
        #expect(report.diagnostics.isEmpty)
    }

    @Test func symlinkOutOfTheCorpusIsRefused() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let secret = folder.write("secret.txt", "TOP-SECRET-CONTENT")
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent("corpus/link.txt"), withDestinationURL: secret)
        let text = read(Paths.sampleAnnotation).replacingOccurrences(
            of: "../corpus/sample.txt", with: "../corpus/link.txt")
        let file = folder.write("annotations/sample.xml", text)
        let report = try Validator(corpus: try Corpus.open(root: folder.url)).validate(files: [file])
        #expect(report.diagnostics.map(\.rule) == ["article.outside-corpus"])
        #expect(!DiagnosticFormat.json.render(report.diagnostics).contains("TOP-SECRET"))
    }
}

@Suite struct ShippedCorpusTests {
    @Test func shippedCorpusValidatesStrictlyClean() throws {
        let corpus = try Corpus.open(root: Paths.repository)
        let report = try Validator(corpus: corpus).validateCorpus(corpus)
        #expect(report.diagnostics == [])
        #expect(report.filesChecked == corpus.articleURLs().count)
    }

    @Test func docsRulesMatchTheRegistry() {
        let doc = read(Paths.repository.appendingPathComponent("docs/rules.md"))
        #expect(doc == RulesDocument.markdown(), "regenerate with: swift run attest rules --markdown > docs/rules.md")
    }

    @Test func theEmbeddedSchemaIsTheShippedFile() {
        // schemas/attest.xsd is a link to the file the build embeds: the bytes are the same.
        let shipped = read(Paths.repository.appendingPathComponent("schemas/attest.xsd"))
        #expect(Array(shipped.utf8) == CompiledSchema.embeddedXSD)
    }

    @Test func shippedSchemaCompilesWithItsConstraints() throws {
        let url = Paths.repository.appendingPathComponent("schemas/attest.xsd")
        _ = try CompiledSchema(contentsOf: url, constraints: .full)
    }

    /// The complete example in docs/format.md validates.
    @Test func formatDocExampleValidates() throws {
        let doc = read(Paths.repository.appendingPathComponent("docs/format.md"))
        func block(after marker: String, fence: String) throws -> String {
            let range = try #require(doc.range(of: marker))
            let rest = doc[range.upperBound...]
            let open = try #require(rest.range(of: "```\(fence)\n"))
            let close = try #require(rest[open.upperBound...].range(of: "\n```"))
            return String(rest[open.upperBound..<close.lowerBound])
        }
        let article = try block(after: "<!-- example-article -->", fence: "text")
        let annotation = try block(after: "<!-- example-annotation -->", fence: "xml")
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write("corpus/sample.txt", article + "\n")
        let file = folder.write("annotations/sample.xml", annotation + "\n")
        let report = try Validator(corpus: try Corpus.open(root: folder.url)).validate(files: [file])
        #expect(report.diagnostics == [])
        #expect(AnnotationWriter.xml(try AnnotationFile.read(file).document) == annotation + "\n")
    }
}
