import AttestKit
import Foundation
import Testing

/// The reports people look at: `--html` against a baseline, the Markdown summary's chart, and
/// `attest trend` over saved runs, through the binary.
@Suite(.serialized) struct ReportCommandTests {
    /// Every gold mention of the sample predicted with its type.
    static let perfect =
        #"{"id": "sample", "entities": [{"start": 36, "end": 44, "type": "PERSON"}, {"start": 151, "end": 154, "type": "PERSON"}, {"start": 48, "end": 59, "type": "LOC"}, {"start": 93, "end": 99, "type": "PERSON"}, {"start": 109, "end": 116, "type": "ORG"}], "quotes": []}"#
        + "\n"

    static func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write("half.jsonl", ScoreCommandTests.halfRight)
        folder.write("perfect.jsonl", perfect)
        return folder
    }

    static func score(_ pred: String, _ args: [String], _ folder: TemporaryFolder) throws -> CommandRunner.Result {
        try CommandRunner.run(["score", "--pred", pred, "--no-gates"] + args, in: folder.url)
    }

    @Test func theHTMLReportShowsTheChangeAgainstTheBaseline() throws {
        let folder = try Self.folder()
        #expect(try Self.score("perfect.jsonl", ["--json", "base.json"], folder).status == 0)
        let r = try Self.score("half.jsonl", ["--baseline", "base.json", "--html", "report.html"], folder)
        #expect(r.status == 0, "\(r.stderr)")
        let html = read(folder.url.appendingPathComponent("report.html"))
        // Strict F1: 1 (baseline, all five right) against 2/7 (one right, one mistyped, three missed).
        #expect(
            html.contains(
                "<tr data-metric=\"entities.strict.f1\"><th scope=\"row\">entities.strict.f1</th><td>1.0000</td><td>0.2857</td><td>▼ -0.7143</td>"
            ), "\(html)")
        // One document: no difference can be significant.
        let section = try #require(html.range(of: "<section id=\"baseline\">"))
        let end = try #require(html.range(of: "</section>", range: section.upperBound..<html.endIndex))
        let against = html[section.upperBound..<end.lowerBound]
        #expect(against.contains("<td>no</td></tr>") && !against.contains("<td>yes</td></tr>"), "\(against)")
    }

    @Test func theMarkdownSummaryCarriesAChartOfTheTypes() throws {
        let folder = try Self.folder()
        let r = try Self.score("half.jsonl", ["--markdown", "report.md", "--json", "report.json"], folder)
        #expect(r.status == 0, "\(r.stderr)")
        let markdown = read(folder.url.appendingPathComponent("report.md"))
        let report = try ScoreReport.read(folder.url.appendingPathComponent("report.json").path)
        let bars = ["LOC", "ORG", "PERSON"].map {
            String(format: "%.4f", report.metrics["entities.strict.\($0).f1"] ?? -1)
        }
        #expect(markdown.contains("```mermaid\nxychart-beta\n    title \"Strict F1 by entity type\"\n"))
        #expect(markdown.contains("    x-axis [\"LOC\", \"ORG\", \"PERSON\"]\n"))
        #expect(markdown.contains("    bar [\(bars.joined(separator: ", "))]\n"), "\(markdown)")
        // PERSON: Jane Doe right of three gold PERSON mentions, so recall 1/3 and F1 at most 0.5.
        #expect(report.metrics["entities.strict.PERSON.recall"] == 1.0 / 3.0)
    }

    @Test func theTrendMarksTheRunsThatFailedTheirGate() throws {
        let folder = try Self.folder()
        for (pred, json) in [("half.jsonl", "r1.json"), ("perfect.jsonl", "r2.json"), ("half.jsonl", "r3.json")] {
            let r = try CommandRunner.run(
                ["score", "--pred", pred, "--min", "entities.strict.f1=0.5", "--json", json], in: folder.url)
            #expect(r.status == (pred == "half.jsonl" ? 1 : 0), "\(r.stdout)")
        }
        let r = try CommandRunner.run(
            ["trend", "r1.json", "r2.json", "r3.json", "--html", "trend.html", "--markdown", "trend.md"], in: folder.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Runs that failed a gate: r1, r3"), "\(r.stdout)")
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("entities.strict.f1 ") })
        #expect(row.contains("0.2857 ✗") && row.contains("1.0000") && row.contains("≥ 0.5000"), "\(row)")
        let html = read(folder.url.appendingPathComponent("trend.html"))
        #expect(html.contains("<figure data-metric=\"entities.strict.f1\">"))
        #expect(html.components(separatedBy: "0.286 failed").count - 1 == 2, "both failing runs marked in the chart")
        #expect(html.contains("<title>gate: at least 0.5000</title>"))
        #expect(
            html.contains(
                "<td class=\"failed\">0.2857 ✗ failed</td><td>1.0000</td><td class=\"failed\">0.2857 ✗ failed</td>"))
        let markdown = read(folder.url.appendingPathComponent("trend.md"))
        #expect(markdown.contains("    line [0.2857, 1.0000, 0.2857]\n"), "\(markdown)")
        let labelled = try CommandRunner.run(["trend", "r1.json", "r2.json", "--label", "only-one"], in: folder.url)
        #expect(labelled.status == 2 && labelled.stderr.contains("one --label per report"))
    }

    /// The `attest check` step of examples/attest-ci.yml, as written there, on the shipped corpus:
    /// it leaves the HTML artifact and a step summary with a chart.
    @Test func theCIExampleWritesTheHTMLArtifactAndASummaryWithAChart() throws {
        let workflow = read(Paths.repository.appendingPathComponent("examples/attest-ci.yml"))
        let lines = workflow.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.contains("swift run -c release attest check") })
        var words: [String] = []
        for line in lines[start...] {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("- name:") { break }
            words += line.split(separator: " ").map(String.init)
        }
        let args = Array(words.drop { $0 != "check" })
        #expect(args.contains("--html") && args.contains("--markdown"), "\(args)")
        let folder = try EditingCommandTests.shippedCorpus()
        let r = try CommandRunner.run(args, in: folder.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let html = read(folder.url.appendingPathComponent("attest-report.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<h2>Headline figures</h2>"))
        #expect(html.contains("F1, 95% interval") && html.contains("Gates: all 3 passed"), "\(html.prefix(3000))")
        #expect(html.contains("</td><td>[0."), "the bootstrap intervals are shown")
        let summary = read(folder.url.appendingPathComponent("attest-report.md"))
        #expect(summary.contains("```mermaid\nxychart-beta\n"))
    }
}
