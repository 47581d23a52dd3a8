/// How documents are given out (`attest assign`): each to the annotator with
/// the fewest documents so far (ties in the manifest's order), so a round of
/// documents goes round the team; a share of them (`overlap`) to two
/// annotators, spread evenly over the documents in order, for agreement.
public struct AssignmentPlan: Sendable {
    public var annotators: [String]
    /// The share of documents annotated twice, 0…1.
    public var overlap: Double
    /// Annotators per shared document (2 unless asked otherwise).
    public var sharedBy: Int

    public init(annotators: [String], overlap: Double = 0, sharedBy: Int = 2) {
        self.annotators = annotators
        self.overlap = overlap
        self.sharedBy = sharedBy
    }

    /// `current` with `documents` (in order) given out; documents already assigned are left as they are.
    public func apply(to current: Assignments, documents: [String]) -> Assignments {
        var result = current
        var load = current.load
        let fresh = documents.filter { current.annotators[$0] == nil }
        let shared = max(1, min(sharedBy, annotators.count))
        for (i, id) in fresh.enumerated() {
            // Evenly spread: document i is shared when the running share passes a whole number.
            let doubled = Int((Double(i + 1) * overlap).rounded(.down)) > Int((Double(i) * overlap).rounded(.down))
            let count = doubled ? shared : 1
            let order = annotators.enumerated().sorted {
                (load[$0.element, default: 0], $0.offset) < (load[$1.element, default: 0], $1.offset)
            }
            let chosen = order.prefix(count).map(\.element)
            for name in chosen { load[name, default: 0] += 1 }
            result.give(id, to: chosen)
        }
        return result
    }
}
