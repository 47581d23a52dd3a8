import AttestXML
import Foundation

/// No two quotes of one kind have nearly the same content (Jaccard index
/// of their spans at least the manifest's `near-duplicate`, 0.9 by default).
public struct QuoteNearDuplicateRule: Rule {
    public static let descriptor = RuleDescriptor(
        "quote.near-duplicate", .warning,
        "No two quotes of one kind have nearly the same content (Jaccard ≥ <checks near-duplicate>, default 0.9).")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        let threshold = subject.settings.nearDuplicate
        let quotes = subject.document.quotes.filter { !$0.content.isUnreadable && !$0.content.span.isEmpty }.sorted {
            $0.content.span < $1.content.span
        }
        for (i, a) in quotes.enumerated() {
            for b in quotes[(i + 1)...] {
                if b.content.span.start >= a.content.span.end { break }
                guard a.kind == b.kind, a.content.span != b.content.span else { continue }
                let j = a.content.span.jaccard(b.content.span)
                guard j >= threshold else { continue }
                sink.report(
                    Self.descriptor,
                    "quotes \(a.id) \(a.content.span) and \(b.id) \(b.content.span) are both \(a.kind.rawValue) and nearly the same (Jaccard \(String(format: "%.3f", j))); keep one",
                    at: b.origin)
            }
        }
    }
}
