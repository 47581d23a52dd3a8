import AttestExtraction
import Foundation

/// Where predictions come from.
public enum PredictionSource: Sendable {
    /// A JSON Lines file in the extractor form (`-` for standard input).
    case jsonLines(String)
    /// A folder of annotation XML files (status `prediction`).
    case annotations(URL)
    /// Documents already in memory (from `attest run`), with the name to report them under.
    case documents([PredictionDocument], name: String)

    /// The name diagnostics give the source.
    func displayName(workingDirectory cwd: String) -> String {
        switch self {
        case .jsonLines(let p): p == "-" ? "<stdin>" : DisplayPath.of(path: FileBytes.join(cwd, p), relativeTo: cwd)
        case .annotations(let u): DisplayPath.of(u)
        case .documents(_, let name): name
        }
    }
}
