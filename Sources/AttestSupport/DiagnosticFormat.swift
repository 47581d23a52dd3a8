import Foundation

/// The ways diagnostics can be printed.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    /// `file:line:col: error: message [rule-id]`, as compilers print.
    case gcc
    /// A JSON array of objects with sorted keys.
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    case github

    /// Renders `diagnostics` in this format. The result ends with a newline
    /// unless it is empty (gcc and github with no diagnostics).
    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch self {
        case .gcc:
            return diagnostics.map { d in
                "\(d.file):\(d.line):\(d.column): \(d.severity.rawValue): \(d.message) [\(d.rule)]\n"
            }.joined()
        case .github:
            return diagnostics.map { d in
                let command = d.severity == .error ? "error" : "warning"
                let props =
                    "file=\(escapeProperty(d.file)),line=\(d.line),col=\(d.column),title=\(escapeProperty(d.rule))"
                return "::\(command) \(props)::\(escapeData(d.message))\n"
            }.joined()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let rows = diagnostics.map {
                JSONRow(
                    file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue,
                    message: $0.message, rule: $0.rule)
            }
            let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)  // deliberate: strings and integers always encode
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    private struct JSONRow: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var rule: String
    }

    private func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension DiagnosticFormat {
    /// Renders at most `perRule` diagnostics of each rule, then one line per
    /// rule saying how many more there were (a broken predictions file can
    /// have an error on every line; the first ones say what is wrong).
    public func render(_ diagnostics: [Diagnostic], perRule: Int) -> String {
        var shown: [Diagnostic] = []
        var omitted: [String: Int] = [:]
        var seen: [String: Int] = [:]
        for d in diagnostics {
            seen[d.rule, default: 0] += 1
            if seen[d.rule]! <= perRule { shown.append(d) } else { omitted[d.rule, default: 0] += 1 }
        }
        var out = render(shown)
        for (rule, n) in omitted.sorted(by: { $0.key < $1.key }) {
            out += "… and \(n) more [\(rule)] not shown\n"
        }
        return out
    }
}
