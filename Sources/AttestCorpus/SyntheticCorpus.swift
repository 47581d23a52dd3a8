import AttestValidation
import Foundation

/// Builds synthetic articles with gold annotations, for benchmarks and
/// scale tests: about 2.5 KB of text, 30 mentions and 6 quotes each, with
/// curly quotes and dashes.
package struct SyntheticCorpus: Sendable {
    package var mentionsPerDocument = 30
    package var quotesPerDocument = 6

    package init() {}

    private static let people = [
        "Amara Okafor", "Jonas Lindqvist", "Priya Raman", "Tomás Ruiz", "Léa Martin", "Kwame Mensah", "Hannah Weiß",
        "Ivan Petrov",
    ]
    private static let orgs = [
        "Harbour Council", "Northern Rail", "Civic Trust", "Daily Ledger", "Green Alliance", "Port Authority",
    ]
    private static let places = ["Eastbridge", "Marlow Street", "Kingsford", "the Old Quay", "Rivermead", "São Paulo"]
    private static let filler = [
        "officials met on Tuesday to discuss the budget and the timetable for the works",
        "residents have raised concerns about traffic, noise and the cost of the scheme",
        "the report — published after months of delay — sets out three options",
        "a spokesperson declined to comment further on the details of the plan",
        "campaigners say the consultation was too short and too narrow in scope",
        "the figures suggest a modest rise in the number of visitors this year",
    ]
    private static let sayings = [
        "We have listened carefully and we will keep listening",
        "This is not the outcome anyone wanted, but it is a fair one",
        "The numbers speak for themselves — we need action now",
        "I don’t think people understand how serious this is",
    ]

    /// The article text and its gold annotation for document `index`.
    package func document(_ index: Int, seed: UInt64 = 42) -> (id: String, text: String, annotation: AnnotationDocument)
    {
        var rng = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let id = String(format: "doc-%06d", index)
        var text = ""
        var count = 0
        var entities: [String: Entity] = [:]
        var order: [String] = []
        var mentionCount = 0
        var quotes: [Quote] = []

        func append(_ s: String) -> Span {
            let start = count
            text += s
            count += s.unicodeScalars.count
            return Span(start, count)
        }
        func mention(_ name: String, _ type: EntityType) -> Excerpt {
            var surface = name
            if surface.hasPrefix("the ") {
                _ = append("the ")
                surface = String(surface.dropFirst(4))
            }
            let span = append(surface)
            mentionCount += 1
            let key = type.name + ":" + name
            if entities[key] == nil {
                entities[key] = Entity(id: "e\(entities.count + 1)", type: type, name: name)
                order.append(key)
            }
            let excerpt = Excerpt(span: span, text: surface)
            entities[key]!.mentions.append(Mention(id: "m\(mentionCount)", excerpt: excerpt))
            return excerpt
        }
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }

        var quoteBudget = quotesPerDocument
        while mentionCount < mentionsPerDocument {
            let before = mentionCount
            if quoteBudget > 0 && (mentionsPerDocument - mentionCount) <= quoteBudget * 4
                || (quoteBudget > 0 && Bool.random(using: &rng))
            {
                let person = pick(Self.people)
                _ = append("“")
                // The content is everything inside the marks, its comma included (guidelines 2.1).
                let content = append(pick(Self.sayings) + ",")
                _ = append("” ")
                let cue = append("said")
                _ = append(" ")
                let speaker = mention(person, .person)
                _ = append(" of the ")
                _ = mention(pick(Self.orgs), .organization)
                _ = append(". ")
                let entityID = entities[EntityType.person.name + ":" + person]!.id
                quotes.append(
                    Quote(
                        id: "q\(quotes.count + 1)", kind: .direct,
                        content: Excerpt(span: content, text: text.suffixScalars(content, total: count)),
                        speaker: speaker, cue: Excerpt(span: cue, text: "said"), speakerEntity: entityID))
                quoteBudget -= 1
            } else {
                _ = append("In ")
                _ = mention(pick(Self.places), .location)
                _ = append(", " + pick(Self.filler) + "; " + pick(Self.filler) + ", according to ")
                _ = mention(pick(Self.orgs), .organization)
                _ = append(". ")
            }
            if mentionCount - before == 0 { break }
            if Int.random(in: 0..<4, using: &rng) == 0 { _ = append("\n\n") }
        }
        _ = append("\n")
        let bytes = Array(text.utf8)
        let header = DocumentHeader(
            id: id, articlePath: "../corpus/\(id).txt", sha256: SHA256Hex.of(bytes), length: count, status: .gold,
            annotators: ["synthetic"], guidelines: "1.0")
        let doc = AnnotationDocument(header: header, entities: order.map { entities[$0]! }, quotes: quotes)
        return (id, text, doc)
    }

    /// Writes `count` documents and a manifest under `root`; returns the annotation files.
    @discardableResult
    package func write(count: Int, to root: URL, seed: UInt64 = 42) throws -> [URL] {
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("annotations"), withIntermediateDirectories: true)
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="urn:attest:format:1" version="1.0">
              <corpus name="synthetic" guidelines="1.0"/>
            </manifest>

            """
        try Data(manifest.utf8).write(to: root.appendingPathComponent(Manifest.fileName))
        var files: [URL] = []
        for i in 0..<count {
            let (id, text, doc) = document(i, seed: seed)
            try Data(text.utf8).write(to: root.appendingPathComponent("corpus/\(id).txt"))
            let url = root.appendingPathComponent("annotations/\(id).xml")
            try Data(AnnotationWriter.xml(doc).utf8).write(to: url)
            files.append(url)
        }
        return files
    }
}

extension String {
    /// The last scalars of a string being built, for a span that just ended at `total`.
    fileprivate func suffixScalars(_ span: Span, total: Int) -> String {
        let scalars = unicodeScalars
        let start = scalars.index(scalars.endIndex, offsetBy: -(total - span.start))
        let end = scalars.index(start, offsetBy: span.length)
        return String(scalars[start..<end])
    }
}
