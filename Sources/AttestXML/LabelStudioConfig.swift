import AttestSupport

/// The names a Label Studio labeling config gives its text and labels:
/// `<View><Labels name="label" toName="text">…</Labels><Text name="text" value="$text"/></View>`
/// (the project's XML). Read with libxml2 like every XML here: no DTD, no
/// external entities, no network.
public struct LabelStudioConfig: Sendable, Equatable {
    /// `from_name` of each result: the `<Labels>` control's `name`.
    public var fromName: String
    /// `to_name`: the `<Labels>` control's `toName`.
    public var toName: String
    /// The task's `data` field with the text: the `<Text>` object's `value` without its `$`.
    public var textField: String

    public init(fromName: String = "label", toName: String = "text", textField: String = "text") {
        self.fromName = fromName
        self.toName = toName
        self.textField = textField
    }

    /// The config in `bytes`, or an error naming `file`.
    public static func read(_ bytes: [UInt8], file: String) throws -> LabelStudioConfig {
        let tree: LibXMLTree
        switch LibXMLParser().parse(bytes) {
        case .success(let t): tree = t
        case .failure(let f):
            throw AttestError("\(file):\(f.location.line): not a labeling config: \(f.message)")
        }
        guard let root = tree.root else { throw AttestError("\(file): not a labeling config: no element") }
        var labels: (name: String, to: String)?
        var texts: [String: String] = [:]
        var stack = [root]
        while let node = stack.popLast() {
            let name = LibXMLNode.name(node)
            if name == "Labels" || name == "HyperTextLabels", labels == nil,
                let n = LibXMLNode.attribute(node, "name"), let to = LibXMLNode.attribute(node, "toName")
            {
                labels = (n, to)
            }
            if name == "Text" || name == "HyperText", let n = LibXMLNode.attribute(node, "name"),
                let value = LibXMLNode.attribute(node, "value")
            {
                texts[n] = value.hasPrefix("$") ? String(value.dropFirst()) : value
            }
            stack += LibXMLNode.children(node).reversed()
        }
        guard let labels else {
            throw AttestError("\(file): the labeling config has no <Labels name=\"…\" toName=\"…\"> control")
        }
        guard let field = texts[labels.to] else {
            throw AttestError(
                "\(file): the labeling config has no <Text name=\"\(labels.to)\" value=\"$…\"> for its labels")
        }
        return LabelStudioConfig(fromName: labels.name, toName: labels.to, textField: field)
    }
}
