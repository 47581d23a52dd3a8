import ArgumentParser
import AttestKit

/// `attest export --format`: JSON Lines or another tool's format.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case jsonl, brat, conll, labelstudio, doccano, spacy

    /// The other tool's format, nil for JSON Lines.
    var interop: InteropFormat? { InteropFormat(rawValue: rawValue) }
}

/// `attest score --pred-format`: recognised from the file, or named.
enum PredictionFormat: String, CaseIterable, ExpressibleByArgument {
    case auto, brat, conll, labelstudio, doccano, spacy

    var interop: InteropFormat? { InteropFormat(rawValue: rawValue) }
}
