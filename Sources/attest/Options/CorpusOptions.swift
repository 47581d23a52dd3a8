import ArgumentParser
import AttestKit
import Foundation

/// Options every corpus command shares.
struct CorpusOptions: ParsableArguments {
    @Option(
        name: .customLong("corpus"),
        help: "The corpus root (default: the folder with attest.xml at or above the working folder).")
    var root: String?

    func corpus() throws -> Corpus {
        if let root { return try Corpus.open(root: URL(fileURLWithPath: root)) }
        return try Corpus.locate()
    }

    /// The corpus when there is one (named, or found at or above `start`);
    /// nil when there is none. A manifest that exists but cannot be read is
    /// an error, never silently no corpus.
    func corpusIfPresent(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws
        -> Corpus?
    {
        if let root { return try Corpus.open(root: URL(fileURLWithPath: root)) }
        guard let found = Corpus.findRoot(from: start) else { return nil }
        return try Corpus.open(root: found)
    }
}

extension EntityType: ExpressibleByArgument {
    public init?(argument: String) {
        // Checked against the corpus's declared types (without case) by the command.
        guard argument.range(of: "^[A-Za-z][A-Za-z0-9_]{0,31}$", options: .regularExpression) != nil else { return nil }
        self.init(argument)
    }
}

extension QuoteKind: ExpressibleByArgument {}
/// A status a person gives a document (`status`, `import --status`): prediction is for extractor output.
extension AnnotationStatus: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["draft", "gold"] }
}
