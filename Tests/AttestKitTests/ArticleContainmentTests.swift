import AttestKit
import Foundation
import Testing

/// One containment rule for every reader of annotations: an article path
/// that leaves the article folder (by `..` or by a symbolic link) is refused
/// unread, with the file and the line of the `<document>` header naming it.
@Suite struct ArticleContainmentTests {
    /// How the header names the article.
    enum Escape: CaseIterable {
        case dotDot, symlink
    }

    /// A copy of the sample corpus whose annotation names an article outside
    /// the article folder, and the outside file's secret content.
    static func corpus(_ escape: Escape) throws -> (folder: TemporaryFolder, corpus: Corpus, file: URL) {
        let folder = try TemporaryFolder.sampleCorpus()
        let secret = folder.write("outside/secret.txt", "TOP-SECRET-CONTENT")
        let path: String
        switch escape {
        case .dotDot:
            path = "../outside/secret.txt"
        case .symlink:
            try FileManager.default.createSymbolicLink(
                at: folder.url.appendingPathComponent("corpus/link.txt"), withDestinationURL: secret)
            path = "../corpus/link.txt"
        }
        let text = read(Paths.sampleAnnotation).replacingOccurrences(of: "../corpus/sample.txt", with: path)
        let file = folder.write("annotations/sample.xml", text)
        return (folder, try Corpus.open(root: folder.url), file)
    }

    static func expectRefusal(_ diagnostics: [Diagnostic], file: String = "sample.xml") {
        let refusal = diagnostics.filter { $0.rule == FileCheck.articleOutside.id }
        #expect(refusal.count == 1, "\(diagnostics)")
        #expect(refusal.first?.file.hasSuffix(file) == true)
        #expect(refusal.first?.line == 3)  // the <document> header
        #expect(refusal.first?.column == 3)
        #expect(!diagnostics.contains { $0.message.contains("TOP-SECRET") })
    }

    @Test(arguments: Escape.allCases) func validatorRefuses(_ escape: Escape) throws {
        let (folder, corpus, file) = try Self.corpus(escape)
        let report = try Validator(corpus: corpus).validate(files: [file])
        Self.expectRefusal(report.diagnostics)
        _ = folder
    }

    @Test(arguments: Escape.allCases) func editorRefuses(_ escape: Escape) throws {
        let (folder, corpus, _) = try Self.corpus(escape)
        do {
            _ = try AnnotationEditor.open("sample", in: corpus)
            Issue.record("the editor opened an article outside the corpus")
        } catch let error as AttestError {
            Self.expectRefusal(error.diagnostics)
        }
        _ = folder
    }

    @Test(arguments: Escape.allCases, [false, true]) func goldSetRefuses(_ escape: Escape, streaming: Bool) throws {
        let (folder, corpus, _) = try Self.corpus(escape)
        let (documents, problems) = corpus.loadGold(streaming: streaming)
        #expect(documents.isEmpty)
        Self.expectRefusal(problems)
        _ = folder
    }

    @Test(arguments: Escape.allCases) func scoringRefuses(_ escape: Escape) throws {
        let (folder, corpus, _) = try Self.corpus(escape)
        let pred = folder.write("pred.jsonl", "{\"id\": \"sample\", \"entities\": []}\n")
        let outcome = try ScoreRun(
            ScoreRequest(
                goldFiles: corpus.annotationURLs(), articles: corpus.articleResolver,
                predictions: .jsonLines(pred.path),
                options: ScoringOptions(collectErrors: false))
        ).run()
        #expect(outcome.scorecard == nil)
        Self.expectRefusal(outcome.diagnostics)
    }

    /// Gold files gathered in another folder whose `corpus` links to the
    /// corpus's article folder (as scripts/crosscheck-nervaluate.py does):
    /// the articles really are inside, so they are read.
    @Test func articlesReachedThroughALinkedFolderAreRead() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let elsewhere = folder.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(
            at: elsewhere.appendingPathComponent("annotations"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: elsewhere.appendingPathComponent("corpus"), withDestinationURL: corpus.articlesDirectory)
        let gold = elsewhere.appendingPathComponent("annotations/sample.xml")
        try FileManager.default.createSymbolicLink(
            at: gold, withDestinationURL: folder.url.appendingPathComponent("annotations/sample.xml"))
        let (documents, problems) = GoldSet.load(files: [gold], articles: corpus.articleResolver, streaming: true)
        #expect(problems.isEmpty, "\(problems)")
        #expect(documents.first?.loadArticle()?.count == 185)
    }

    @Test func whetherAnOutsideFileExistsIsNotTold() throws {
        let (folder, corpus, _) = try Self.corpus(.dotDot)
        let text = read(Paths.sampleAnnotation).replacingOccurrences(
            of: "../corpus/sample.txt", with: "../outside/no-such-file.txt")
        folder.write("annotations/sample.xml", text)
        let (_, problems) = corpus.loadGold()
        #expect(problems.map(\.rule) == [FileCheck.articleOutside.id])
    }

    /// An article named through a link that stays inside the article folder: the one-step read
    /// (which never follows a link) declines it, and the careful path reads it where it really is.
    @Test(arguments: [false, true]) func anArticleLinkedInsideTheFolderIsRead(streaming: Bool) throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        try FileManager.default.createSymbolicLink(
            at: corpus.articlesDirectory.appendingPathComponent("alias.txt"),
            withDestinationURL: corpus.articlesDirectory.appendingPathComponent("sample.txt"))
        folder.write(
            "annotations/sample.xml",
            read(Paths.sampleAnnotation).replacingOccurrences(of: "../corpus/sample.txt", with: "../corpus/alias.txt"))
        let (documents, problems) = corpus.loadGold(streaming: streaming)
        #expect(problems.isEmpty, "\(problems)")
        #expect(documents.first?.articlePath.hasSuffix("/corpus/sample.txt") == true)
        #expect(documents.first?.loadArticle()?.count == 185)
    }

    @Test func anArticleInsideTheFolderIsRead() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let (documents, problems) = corpus.loadGold(streaming: true)
        #expect(problems.isEmpty)
        #expect(documents.first?.loadArticle()?.count == 185)
    }
}
