import AttestModel
import CLibXML2

/// Builds a `Manifest` from a parsed, schema-valid `attest.xml`.
package struct ManifestReader {
    package init() {}

    package func read(_ tree: LibXMLTree) -> Manifest? {
        guard let root = tree.root, LibXMLNode.isElement(root, named: "manifest") else { return nil }
        var manifest = Manifest(name: "")
        for child in LibXMLNode.children(root) {
            switch LibXMLNode.name(child) {
            case "corpus":
                manifest.name = LibXMLNode.attribute(child, "name") ?? ""
                manifest.articlesPath = LibXMLNode.attribute(child, "articles") ?? "corpus"
                manifest.annotationsPath = LibXMLNode.attribute(child, "annotations") ?? "annotations"
                manifest.guidelines = LibXMLNode.attribute(child, "guidelines") ?? "1.0"
            case "types":
                manifest.extraTypes = LibXMLNode.children(child).compactMap { LibXMLNode.attribute($0, "name") }.map {
                    EntityType($0)
                }
            case "extractor":
                manifest.extractorCommand = LibXMLNode.attribute(child, "command")
                manifest.extractorTimeout = LibXMLNode.attribute(child, "timeout").flatMap { Int($0) }
            case "gates":
                manifest.gates = LibXMLNode.children(child).compactMap { g in
                    guard let metric = LibXMLNode.attribute(g, "metric") else { return nil }
                    return Gate(
                        metric: metric, min: LibXMLNode.attribute(g, "min").flatMap { Double($0) },
                        maxDrop: LibXMLNode.attribute(g, "max-drop").flatMap { Double($0) })
                }
            case "checks":
                if let d = LibXMLNode.attribute(child, "speaker-distance").flatMap({ Int($0) }) {
                    manifest.checks.speakerDistance = d
                }
                if let j = LibXMLNode.attribute(child, "near-duplicate").flatMap({ Double($0) }) {
                    manifest.checks.nearDuplicate = j
                }
            case "annotators":
                manifest.annotatorSets = LibXMLNode.children(child).compactMap { a in
                    guard let name = LibXMLNode.attribute(a, "name"), let path = LibXMLNode.attribute(a, "annotations")
                    else { return nil }
                    return Manifest.AnnotatorSet(name: name, annotationsPath: path)
                }
            default: break
            }
        }
        return manifest
    }
}
