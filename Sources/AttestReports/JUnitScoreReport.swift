import AttestScoring

/// The JUnit XML report (`--junit FILE`): one test case per document (it
/// fails when the document had no prediction: an extractor failure says its
/// kind and reason, with the extractor's last stderr lines in `system-err`),
/// one skipped test case per file left out for its status, and one per gate
/// (it fails when the gate does), for CI test dashboards.
public enum JUnitScoreReport {
    public static func render(_ card: Scorecard, gates: [GateResult] = []) -> String {
        let failed = Dictionary(card.failures.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let docFailures = card.documents.filter { !$0.predicted }.count
        let gateFailures = gates.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let documentTests = card.documents.count + card.skipped.count
        out +=
            "<testsuites name=\"attest\" tests=\"\(documentTests + gates.count)\" failures=\"\(docFailures + gateFailures)\">\n"
        out +=
            "  <testsuite name=\"documents\" tests=\"\(documentTests)\" failures=\"\(docFailures)\" skipped=\"\(card.skipped.count)\">\n"
        for d in card.documents {
            let strict = d.entities.overall.strict.scores(partialWeight: 0)
            let quotes = d.quotes.overlap.scores
            let summary = String(
                format:
                    "entities strict F1 %.4f (COR %d, INC %d, MIS %d, SPU %d); quotes overlap F1 %.4f; attribution %d/%d; %d error(s)",
                strict.f1, d.entities.overall.strict.cor, d.entities.overall.strict.inc, d.entities.overall.strict.mis,
                d.entities.overall.strict.spu,
                quotes.f1, d.quotes.attributed, d.quotes.matched, d.errors.count)
            out += "    <testcase classname=\"attest.documents\" name=\"\(escape(d.id))\">\n"
            if let f = failed[d.id] {
                let message = "the extractor \(f.reason); scored as empty"
                out += "      <failure message=\"\(escape(message))\" type=\"run.extractor-failed.\(f.kind.rawValue)\">"
                out +=
                    escape("\(message) (\(f.kind.rawValue), \(String(format: "%.1f", f.seconds)) s)") + "</failure>\n"
            } else if !d.predicted {
                out += "      <failure message=\"no prediction for this document\" type=\"pred.missing\"/>\n"
            }
            out += "      <system-out>\(escape(summary))</system-out>\n"
            if let f = failed[d.id], !f.stderrTail.isEmpty {
                out += "      <system-err>\(escape(f.stderrTail.joined(separator: "\n")))</system-err>\n"
            }
            out += "    </testcase>\n"
        }
        for skipped in card.skipped {
            out += "    <testcase classname=\"attest.documents\" name=\"\(escape(skipped.id))\">\n"
            out += "      <skipped message=\"status \(skipped.status.rawValue): not part of the gold set\"/>\n"
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n"
        out += "  <testsuite name=\"gates\" tests=\"\(gates.count)\" failures=\"\(gateFailures)\">\n"
        for g in gates {
            out += "    <testcase classname=\"attest.gates\" name=\"\(escape(g.metric + " " + g.rule.rawValue))\">\n"
            if !g.passed { out += "      <failure message=\"\(escape(g.summary))\" type=\"gate\"/>\n" }
            out += "      <system-out>\(escape(g.summary))</system-out>\n"
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// XML escaping as annotation files use it, less the characters XML 1.0 forbids.
    static func escape(_ s: String) -> String {
        var allowed = String.UnicodeScalarView()
        for u in s.unicodeScalars
        where !(u.value < 0x20 && u != "\n" && u != "\t" && u != "\r") && !(0xFFFE...0xFFFF).contains(u.value) {
            allowed.append(u)
        }
        return AnnotationWriter.escape(String(allowed))
    }
}
