import AttestSupport

/// The corpus manifest, `attest.xml` at the corpus root: where articles and
/// annotations live, which entity types exist, the guideline version, the
/// extractor to run and the CI gates.
public struct Manifest: Hashable, Sendable {
    public var name: String
    public var articlesPath: String
    public var annotationsPath: String
    public var guidelines: String
    /// Types declared beyond the defaults.
    public var extraTypes: [EntityType]
    public var extractorCommand: String?
    public var extractorTimeout: Int?
    public var gates: [Gate]
    public var checks: CheckSettings
    /// One annotation folder per annotator (`<annotators>`), for agreement and adjudication.
    public var annotatorSets: [AnnotatorSet] = []

    /// An annotator's folder of annotations of the corpus's articles.
    public struct AnnotatorSet: Hashable, Sendable {
        public var name: String
        /// Relative to the corpus root.
        public var annotationsPath: String

        public init(name: String, annotationsPath: String) {
            self.name = name
            self.annotationsPath = annotationsPath
        }
    }

    public static let fileName = "attest.xml"

    public init(
        name: String, articlesPath: String = "corpus", annotationsPath: String = "annotations",
        guidelines: String = "1.0",
        extraTypes: [EntityType] = [], extractorCommand: String? = nil, extractorTimeout: Int? = nil,
        gates: [Gate] = [],
        checks: CheckSettings = CheckSettings()
    ) {
        self.name = name
        self.articlesPath = articlesPath
        self.annotationsPath = annotationsPath
        self.guidelines = guidelines
        self.extraTypes = extraTypes
        self.extractorCommand = extractorCommand
        self.extractorTimeout = extractorTimeout
        self.gates = gates
        self.checks = checks
    }

    /// The defaults plus the declared types.
    public var types: Set<EntityType> { Set(EntityType.defaults).union(extraTypes) }

    /// The declared type named `name`, compared without case ("person" is
    /// PERSON); an unknown name is an error listing the declared types.
    public func resolveType(_ name: String) throws -> EntityType {
        if let t = types.first(where: { $0.name == name }) { return t }
        let matches = types.filter { $0.name.lowercased() == name.lowercased() }
        if matches.count == 1, let only = matches.first { return only }
        let list = types.sorted().map(\.name).joined(separator: ", ")
        throw AttestError(
            "unknown entity type \(Brief.quoted(name)); the corpus declares \(list) (declare more in attest.xml <types>)"
        )
    }
}
