import ArgumentParser
import AttestKit
import Foundation

/// Options every corpus command shares.
struct CorpusOptions: ParsableArguments {
    @Option(name: .customLong("corpus"), help: "The corpus root (default: the folder with attest.xml at or above the working folder).")
    var root: String?

    func corpus() throws -> Corpus {
        if let root { return try Corpus.open(root: URL(fileURLWithPath: root)) }
        return try Corpus.locate()
    }
}

extension EntityType: ExpressibleByArgument {
    public init?(argument: String) {
        guard argument.range(of: "^[A-Z][A-Z0-9_]{0,31}$", options: .regularExpression) != nil else { return nil }
        self.init(argument)
    }
}

extension QuoteKind: ExpressibleByArgument {}
extension AnnotationStatus: ExpressibleByArgument {}

enum Terminal {
    static var isTTY: Bool { isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
}
