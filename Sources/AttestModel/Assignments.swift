/// Who annotates which document (`assignments.xml` at the corpus root): each
/// document's annotators in the order they were given it. A document given
/// to two or more annotators is annotated twice for agreement.
public struct Assignments: Hashable, Sendable {
    /// Document id → its annotators, in the order given.
    public private(set) var annotators: [String: [String]] = [:]

    public init(_ annotators: [String: [String]] = [:]) {
        for (id, names) in annotators { give(id, to: names) }
    }

    public static let fileName = "assignments.xml"

    /// The assigned documents, sorted by id.
    public var documentIDs: [String] { annotators.keys.sorted() }

    /// The documents given to `annotator`, sorted by id.
    public func documents(of annotator: String) -> [String] {
        annotators.filter { $0.value.contains(annotator) }.keys.sorted()
    }

    /// Gives document `id` to `names` too (each name once, the order kept).
    public mutating func give(_ id: String, to names: [String]) {
        var list = annotators[id] ?? []
        for name in names where !list.contains(name) { list.append(name) }
        annotators[id] = list.isEmpty ? nil : list
    }

    /// Takes document `id` from every annotator.
    public mutating func clear(_ id: String) { annotators[id] = nil }

    /// How many documents each annotator has.
    public var load: [String: Int] {
        var load: [String: Int] = [:]
        for names in annotators.values { for name in names { load[name, default: 0] += 1 } }
        return load
    }
}
