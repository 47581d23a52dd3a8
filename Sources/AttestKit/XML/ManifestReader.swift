import CLibXML2

/// Builds a `Manifest` from a parsed, schema-valid `attest.xml`.
struct ManifestReader {
    func read(_ tree: XMLTree) -> Manifest? {
        guard let root = tree.root, XMLNode.isElement(root, named: "manifest") else { return nil }
        var manifest = Manifest(name: "")
        for child in XMLNode.children(root) {
            switch XMLNode.name(child) {
            case "corpus":
                manifest.name = XMLNode.attribute(child, "name") ?? ""
                manifest.articlesPath = XMLNode.attribute(child, "articles") ?? "corpus"
                manifest.annotationsPath = XMLNode.attribute(child, "annotations") ?? "annotations"
                manifest.guidelines = XMLNode.attribute(child, "guidelines") ?? "1.0"
            case "types":
                manifest.extraTypes = XMLNode.children(child).compactMap { XMLNode.attribute($0, "name") }.map { EntityType($0) }
            case "extractor":
                manifest.extractorCommand = XMLNode.attribute(child, "command")
                manifest.extractorTimeout = XMLNode.attribute(child, "timeout").flatMap { Int($0) }
            case "gates":
                manifest.gates = XMLNode.children(child).compactMap { g in
                    guard let metric = XMLNode.attribute(g, "metric") else { return nil }
                    return Gate(
                        metric: metric, min: XMLNode.attribute(g, "min").flatMap { Double($0) },
                        maxDrop: XMLNode.attribute(g, "max-drop").flatMap { Double($0) })
                }
            default: break
            }
        }
        return manifest
    }
}
