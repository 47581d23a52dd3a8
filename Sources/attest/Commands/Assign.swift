import ArgumentParser
import AttestKit
import Foundation

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Give documents to annotators: recorded in assignments.xml, each with a starting file in the annotator's folder.",
        discussion: """
            Without --to, each document goes to the annotator with the fewest documents (ties in the manifest's \
            order), and --overlap's share of them to two annotators, spread evenly, for agreement. Without \
            documents, every document not yet assigned and not gold is given out. A document already assigned \
            keeps its annotators unless --reassign. An annotator's starting file is the article's empty draft \
            with their name; a file they have is never touched.
            """)

    @Argument(help: "Document ids (default: every unassigned document that is not gold).") var docs: [String] = []
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Give the documents to these annotators (by list).", valueName: "name"))
    var to: [String] = []
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("The annotators to share out among (default: the manifest's).", valueName: "name"))
    var annotators: [String] = []
    @Option(help: "The share of documents annotated twice, 0 to 1 (for agreement).") var overlap: Double = 0
    @Flag(help: "Take the documents from their annotators first (their files stay).") var reassign = false
    @Flag(help: "Print what would be assigned; write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false
    @OptionGroup var options: CorpusOptions

    func validate() throws {
        guard (0...1).contains(overlap) else { throw ValidationError("--overlap must be between 0 and 1") }
        guard to.isEmpty || !docs.isEmpty else { throw ValidationError("--to needs the documents to give") }
        guard to.isEmpty || overlap == 0 else { throw ValidationError("--overlap shares out; --to names who") }
    }

    func run() throws {
        let corpus = try options.corpus()
        let team = annotators.isEmpty ? corpus.annotatorNames : annotators
        guard !team.isEmpty || !to.isEmpty else {
            throw AttestError(
                "the manifest declares no <annotators> (add <annotators><annotator name=\"ann1\" annotations=\"annotators/ann1\"/>…</annotators> to attest.xml)"
            )
        }
        let known = Set(corpus.documentIDs())
        for id in docs where !known.contains(id) {
            throw AttestError.notFound("no document \(id) in this corpus (attest new adds one)")
        }
        let result = try Assigning.assign(in: corpus, dryRun: dryRun) { current in
            var current = current
            if reassign { for id in docs { current.clear(id) } }
            if !to.isEmpty {
                for id in docs { current.give(id, to: to) }
                return current
            }
            let pending = docs.isEmpty ? Self.unfinished(corpus, besides: current) : docs
            return AssignmentPlan(annotators: team, overlap: overlap).apply(to: current, documents: pending)
        }
        if json {
            Output.write(
                JSONTree.object([
                    "given": .object(result.given.mapValues { .array($0.map(JSONTree.string)) }),
                    "created": .array(result.created.map { .string(DisplayPath.of($0)) }),
                    "load": .object(result.assignments.load.mapValues(JSONTree.int)),
                    "written": .bool(!dryRun),
                ]).rendered + "\n")
            return
        }
        for id in result.given.keys.sorted() {
            Output.write("\(id): \(result.given[id, default: []].joined(separator: ", "))\n")
        }
        let load = result.assignments.load
        for name in (team + to).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let shared = result.assignments.documents(of: name).filter {
                (result.assignments.annotators[$0]?.count ?? 0) > 1
            }
            Output.write("\(name): \(load[name, default: 0]) documents (\(shared.count) annotated twice)\n")
        }
        Output.write(
            dryRun
                ? "dry run: nothing written\n"
                : "\(result.given.values.map(\.count).reduce(0, +)) assignment(s) recorded in \(DisplayPath.of(corpus.assignmentsURL)); \(result.created.count) starting file(s) written\n"
        )
    }

    /// Documents not yet assigned whose gold file is not gold.
    static func unfinished(_ corpus: Corpus, besides current: Assignments) -> [String] {
        corpus.documentIDs().filter { id in
            guard current.annotators[id] == nil else { return false }
            // deliberate: an unreadable file is given out; validate names its problem
            return (try? AnnotationFile.read(corpus.annotationURL(for: id)))?.document.header.status != .gold
        }
    }
}
