import ArgumentParser
import AttestKit
import Foundation

struct Trend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the headline metrics over saved runs (JSON reports, oldest first).",
        discussion:
            "Prints a table (a failed gate marked ✗); --html writes a page of line charts with each run's interval, the gate's threshold and the runs that failed it; --markdown writes Mermaid charts for a step summary."
    )

    @Argument(help: "JSON reports of attest score, run, check or merge-scores, oldest first.") var reports: [String]
    @Option(help: ArgumentHelp("Write the trend as a self-contained HTML page.", valueName: "FILE")) var html: String?
    @Option(help: ArgumentHelp("Write the trend as Markdown with Mermaid charts.", valueName: "FILE"))
    var markdown: String?
    @Option(
        name: .customLong("label"),
        help: ArgumentHelp("A run's name, in the reports' order (default: each file's name).", valueName: "NAME"))
    var labels: [String] = []

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give at least one JSON report") }
        guard labels.isEmpty || labels.count == reports.count else {
            throw ValidationError("give one --label per report (\(reports.count)), or none")
        }
    }

    func run() throws {
        let runs = try reports.enumerated().map { i, path in
            TrendReport.Run(
                label: labels.isEmpty
                    ? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent : labels[i],
                report: try ScoreReport.read(path, documents: false))
        }
        if let html { try AtomicFile.write(TrendReport.html(runs), to: URL(fileURLWithPath: html)) }
        if let markdown { try AtomicFile.write(TrendReport.markdown(runs), to: URL(fileURLWithPath: markdown)) }
        Output.write(TrendReport.text(runs))
    }
}
