import ArgumentParser
import AttestKit
import Foundation

struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite annotation files in the canonical layout.",
        discussion:
            "With --check, changes nothing, prints a unified diff of what would change and exits 1 if any file would (for CI)."
    )

    @Argument(help: "Annotation files (default: the whole corpus).") var paths: [String] = []
    @Flag(help: "Only report files that are not canonical.") var check = false
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let files = paths.isEmpty ? try options.corpus().annotationURLs() : paths.map { URL(fileURLWithPath: $0) }
        // Files of a corpus are rewritten under their documents' locks; loose files need none.
        let corpus = try? options.corpus()  // deliberate: fmt also works on files outside any corpus
        var changed = 0
        for url in files {
            guard let diff = try CanonicalFormat.difference(url, write: !check, corpus: corpus) else { continue }
            changed += 1
            Output.write(check ? diff : "formatted \(DisplayPath.of(url))\n")
        }
        Output.error("\(files.count) file(s), \(changed) \(check ? "would change" : "rewritten")")
        if check && changed > 0 { throw ExitCode(1) }
    }
}
