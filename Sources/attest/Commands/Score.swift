import ArgumentParser
import AttestKit
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score an extractor's predictions against the gold set.",
        discussion: """
            PRED is a JSON Lines file in the extractor form (docs/format.md; - reads standard input), a folder \
            of annotation XML files, or another tool's output (docs/interop.md): a folder of brat .ann files, a \
            CoNLL file (ids from FILE.ids, -DOCSTART- -X- ID O lines or the file name), Label Studio, doccano or spaCy JSON; the \
            format is recognised, or named with --pred-format. Entities are scored with the SemEval-2013 schemes (strict, exact, partial, \
            type) as nervaluate scores them; quotes by exact span and by overlap, with attribution, cues and \
            speakers (docs/metrics.md).
            Exit status: 0 scored and every gate passed, 1 a gate failed, 2 bad input (every problem is listed \
            as file:line:col: error: message [rule-id]).
            """)

    @Option(help: "Folder of gold annotation files (default: the corpus's annotations).") var gold: String?
    @Option(help: "Predictions: a JSON Lines file, - for standard input, or a folder of annotation XML files.")
    var pred: String
    @Option(help: "The predictions' format; auto recognises it from the file.")
    var predFormat: PredictionFormat = .auto
    @OptionGroup var scoring: ScoringFlags
    @OptionGroup var options: CorpusOptions

    func validate() throws {
    }

    func run() throws {
        let corpus = try options.corpus()
        var isDirectory: ObjCBool = false
        guard pred == "-" || FileManager.default.fileExists(atPath: pred, isDirectory: &isDirectory) else {
            throw AttestError("--pred \(pred): no such file or folder")
        }
        let interop =
            predFormat == .auto
            ? (pred == "-" ? nil : InteropPredictions.detect(pred)) : predFormat.interop
        let source: PredictionSource
        if let interop {
            source = .documents(try InteropPredictions.read(pred, format: interop, corpus: corpus), name: pred)
        } else {
            source =
                isDirectory.boolValue ? .annotations(URL(fileURLWithPath: pred, isDirectory: true)) : .jsonLines(pred)
        }
        try scoring.execute(
            try scoring.request(corpus: corpus, gold: gold, predictions: source), corpus: corpus, exitingWhenDone: true)
    }
}
