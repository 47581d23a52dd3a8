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

    @Argument(help: "Annotation folders, one per annotator (two or more; default: the manifest's <annotators>).")
    var folders: [String] = []
    @Option(help: ArgumentHelp("Also write the report as JSON.", valueName: "FILE")) var json: String?
    @Option(help: ArgumentHelp("Also write the report as Markdown.", valueName: "FILE")) var markdown: String?
    @Option(help: ArgumentHelp("Also write the gates as JUnit XML.", valueName: "FILE")) var junit: String?
    @Option(
        help: ArgumentHelp(
            "Also write the agreement page: charts per pair, type and document, and where they differed (self-contained HTML).",
            valueName: "FILE"))
    var html: String?
    @Option(
        help: ArgumentHelp(
            "The studio the page's documents link to (its curation view of each).", valueName: "URL"))
    var studio = "http://127.0.0.1:4646/"
    @Flag(help: "List every disagreement of each document between the pair compared on it, with context.")
    var disagreements = false
    @Option(
        name: .customLong("min"),
        help: ArgumentHelp(
            "Gate: the average METRIC must reach VALUE, e.g. tokens.cohen-kappa=0.8 (repeatable); exit 1 when one fails.",
            valueName: "METRIC=VALUE"))
    var minimums: [String] = []
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard folders.count != 1 else { throw ValidationError("give two or more annotation folders") }
    }

    func run() throws {
        let corpus = try options.corpus()
        // Folders named here, or the manifest's annotators.
        var folders = self.folders
        var names = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.lastPathComponent }
        if folders.isEmpty {
            let team = try Agreement.team(of: corpus)
            folders = team.folders.map(\.path)
            names = team.names
        }
        // Labels that tell the annotators apart: folder names, or the paths when names clash
        // (three folders called `annotations`).
        if Set(names).count < names.count {
            let paths = folders.map {
                DisplayPath.of(
                    path: URL(fileURLWithPath: $0).standardizedFileURL.path,
                    relativeTo: FileManager.default.currentDirectoryPath)
            }
            names = Set(paths).count == paths.count ? paths : names.enumerated().map { "\($1) (\($0 + 1))" }
        }
        let report = try Agreement.measure(
            corpus: corpus, folders: folders.map { URL(fileURLWithPath: $0, isDirectory: true) }, names: names,
            listingDisagreements: disagreements || markdown != nil || html != nil)
        let gates = try minimums.map { item -> AgreementReport.Gate in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw ValidationError("--min takes METRIC=VALUE, such as tokens.cohen-kappa=0.8; got \"\(item)\"")
            }
            return try AgreementReport.Gate(metric: parts[0], minimum: value)
        }
        Output.write(AgreementReport.text(report, gates: gates))
        if let json { try AtomicFile.write(AgreementReport.json(report), to: URL(fileURLWithPath: json)) }
        if let markdown {
            try AtomicFile.write(AgreementReport.markdown(report, gates: gates), to: URL(fileURLWithPath: markdown))
        }
        if let html {
            let page = AgreementPage.html(report) { AgreementPage.curationLink(base: studio, id: $0) }
            try AtomicFile.write(page, to: URL(fileURLWithPath: html))
        }
        if let junit {
            try AtomicFile.write(AgreementReport.junit(report, gates: gates), to: URL(fileURLWithPath: junit))
        }
        if gates.contains(where: { !$0.passes(report) }) { throw ExitCode(1) }
    }
}
