import Foundation
import Testing

/// AttestKit's folders are layered bottom-up with no cycles
/// (docs/architecture.md): a file uses only its own folder and those below.
@Suite struct LayeringTests {
    static let library = Paths.repository.appendingPathComponent("Sources/AttestKit")

    @Test func everyFolderHasALayer() throws {
        let check = try LayerCheck.load(root: Self.library)
        #expect(check.files.count > 50)
        #expect(check.unplacedFolders.isEmpty, "folders without a layer: \(check.unplacedFolders.sorted())")
    }

    @Test func noFolderUsesAFolderAboveIt() throws {
        let violations = try LayerCheck.load(root: Self.library).violations()
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    @Test func aPlantedViolationIsCaught() throws {
        var check = try LayerCheck.load(root: Self.library)
        let span = try #require(check.files["Model/Span.swift"])
        check.files["Model/Span.swift"] = span + "\nfunc planted(_ v: Validator) -> Scorecard? { nil }\n"
        let found = check.violations()
        let lines = span.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(
            Set(found) == [
                LayerCheck.Violation(
                    file: "Model/Span.swift", line: lines, name: "Validator", from: "Model", to: "Validation"),
                LayerCheck.Violation(
                    file: "Model/Span.swift", line: lines, name: "Scorecard", from: "Model", to: "Scoring"),
            ])
    }

    @Test func aViolationInsideAnInterpolationIsCaught() throws {
        var check = try LayerCheck.load(root: Self.library)
        check.files["Support/Planted.swift"] =
            "let planted = \"corpus: \\(Corpus.self) in \\(String(describing: (1, 2)))\"\n"
        #expect(check.violations().map(\.name) == ["Corpus"])
    }

    @Test func namesInCommentsAndStringsAreNotUses() throws {
        var check = try LayerCheck.load(root: Self.library)
        check.files["Support/Planted.swift"] = """
            // A Validator is not used here.
            /* Nor a Scorecard. */
            let planted = "Corpus and Validator are only words here"
            let multi = \"\"\"
                Scorecard \\(1 + 2)
                \"\"\"

            """
        #expect(check.violations().isEmpty)
    }

    @Test func aFolderWithoutALayerIsReported() throws {
        var check = try LayerCheck.load(root: Self.library)
        check.files["Server/Routes.swift"] = "struct Routes {}\n"
        #expect(check.unplacedFolders == ["Server"])
    }
}
