import ArgumentParser
import AttestKit
import Foundation

struct Agree: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how far annotators agree: two or more annotation folders of the same articles.",
        discussion: """
            Pairwise and average F1 of mentions (strict and by overlap) and quotes (exact and by Jaccard ≥ 0.5), \
            the share of matched quotes with the same kind, speaker and cue, Cohen's κ over tokens for entity \
            types, and Fleiss' κ for more than two annotators (docs/metrics.md). Documents are matched by id; \
            articles are read from the corpus.
            Exit status: 0 measured, 2 unreadable input.
            """)

    @Argument(help: "Annotation folders, one per annotator (two or more).") var folders: [String]
    @Option(help: ArgumentHelp("Also write the report as JSON.", valueName: "FILE")) var json: String?
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard folders.count >= 2 else { throw ValidationError("give two or more annotation folders") }
    }

    func run() throws {
        let corpus = try options.corpus()
        var sets: [[String: AnnotationDocument]] = []
        var articles: [String: ArticleText] = [:]
        for folder in folders {
            var set: [String: AnnotationDocument] = [:]
            for url in try AnnotationFiles.in(URL(fileURLWithPath: folder, isDirectory: true)) {
                let doc = try AnnotationFile.read(url).document
                set[doc.id] = doc
                if articles[doc.id] == nil {
                    guard case .bytes(let b) = FileBytes.read(corpus.articleURL(for: doc.id).path),
                        let a = ArticleText(bytes: b)
                    else { throw AttestError("cannot read the article of \(doc.id) in the corpus") }
                    articles[doc.id] = a
                }
            }
            sets.append(set)
        }
        let names = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.lastPathComponent }
        let report = Agreement.report(names: names, sets: sets, articles: articles)
        guard !report.documents.isEmpty else { throw AttestError("the folders have no document in common") }
        Output.write(AgreementReport.text(report))
        if let json { try AtomicFile.write(AgreementReport.json(report), to: URL(fileURLWithPath: json)) }
    }
}
