import AttestModel
import AttestSupport

/// `assignments.xml`: read with libxml2 like every XML here (no DTD, no
/// external entities, no network), written in one canonical layout
/// (documents by id, annotators in the order given).
///
/// ```xml
/// <assignments>
///   <document id="a1"><annotator name="ann1"/><annotator name="ann2"/></document>
/// </assignments>
/// ```
public enum AssignmentsFile {
    /// The assignments in `bytes`; an error naming `file`, the line and the field otherwise.
    public static func read(_ bytes: [UInt8], file: String) throws -> Assignments {
        let tree: LibXMLTree
        switch LibXMLParser().parse(bytes) {
        case .success(let t): tree = t
        case .failure(let f):
            throw AttestError.invalid(
                "\(file):\(f.location.line):\(f.location.column): error: \(f.message) [\(f.rule)]")
        }
        guard let root = tree.root, LibXMLNode.name(root) == "assignments" else {
            throw AttestError.invalid("\(file):1:1: error: the root element must be <assignments> [assignments.root]")
        }
        var result = Assignments()
        var seen: Set<String> = []
        for document in LibXMLNode.children(root) {
            let line = LibXMLNode.line(document)
            func problem(_ message: String, _ rule: String) -> AttestError {
                AttestError.invalid("\(file):\(line):1: error: \(message) [assignments.\(rule)]")
            }
            guard LibXMLNode.name(document) == "document" else {
                throw problem(
                    "unexpected element \(Brief.quoted(LibXMLNode.name(document))); expected <document>", "element")
            }
            guard let id = LibXMLNode.attribute(document, "id"), Self.isDocumentID(id) else {
                throw problem("<document> needs an id (a letter, then letters, digits, '.', '_' or '-')", "id")
            }
            guard seen.insert(id).inserted else { throw problem("document \(id) is listed twice", "duplicate") }
            var names: [String] = []
            for annotator in LibXMLNode.children(document) {
                guard LibXMLNode.name(annotator) == "annotator", let name = LibXMLNode.attribute(annotator, "name"),
                    Self.isName(name)
                else {
                    throw AttestError.invalid(
                        "\(file):\(LibXMLNode.line(annotator)):1: error: <document id=\"\(id)\"> holds only <annotator name=\"…\"/> (a name of letters, digits, '.', '_' or '-') [assignments.annotator]"
                    )
                }
                guard !names.contains(name) else {
                    throw problem("\(name) is given document \(id) twice", "duplicate")
                }
                names.append(name)
            }
            result.give(id, to: names)
        }
        return result
    }

    /// The canonical file.
    public static func xml(_ assignments: Assignments) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assignments>\n"
        for id in assignments.documentIDs {
            out += "  <document id=\"\(id)\">"
            for name in assignments.annotators[id] ?? [] { out += "<annotator name=\"\(name)\"/>" }
            out += "</document>\n"
        }
        return out + "</assignments>\n"
    }

    /// Document ids as everywhere in Attest (no escaping needed in the file).
    public static func isDocumentID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 128, Self.isLetter(first) else {
            return false
        }
        return id.unicodeScalars.allSatisfy {
            Self.isLetter($0) || Self.isDigit($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// Annotator names: what a folder and an XML attribute can hold without escaping.
    public static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64,
            Self.isLetter(first) || Self.isDigit(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            Self.isLetter($0) || Self.isDigit($0) || "._-".unicodeScalars.contains($0)
        }
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
