import Foundation

/// A source scan that keeps AttestKit's folders layered: a file may use only
/// types (and top-level functions) declared in its own folder or in folders
/// above it in `order` (docs/architecture.md lists the same order). It reads
/// code the way the compiler would for this purpose: comments and string
/// literals are not code, string interpolations are.
struct LayerCheck {
    /// AttestKit's folders, lowest layer first.
    static let order = [
        "Support", "Model", "XML", "Validation", "Corpus", "Extraction", "Scoring", "Reports", "Annotation", "Interop",
        "Studio",
    ]

    /// One use of a name declared in a higher layer.
    struct Violation: Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var name: String
        var from: String
        var to: String

        var description: String { "\(file):\(line): \(from)/ uses \(name) from \(to)/, a layer above it" }
    }

    /// Source files by path relative to the library folder (`Model/Span.swift`).
    var files: [String: String]

    /// Reads every Swift file under `root`.
    static func load(root: URL) throws -> LayerCheck {
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        return LayerCheck(files: files)
    }

    static func folder(of path: String) -> String { String(path.prefix { $0 != "/" }) }

    /// Folders that are not in `order` (each must have a place).
    var unplacedFolders: Set<String> {
        Set(files.keys.map(Self.folder)).subtracting(Self.order)
    }

    func violations() -> [Violation] {
        let layer = Dictionary(uniqueKeysWithValues: Self.order.enumerated().map { ($1, $0) })
        // Each name at the lowest layer that declares it.
        var declared: [String: Int] = [:]
        for (path, text) in files {
            guard let l = layer[Self.folder(of: path)] else { continue }
            for name in Self.declarations(in: Self.code(text)) { declared[name] = min(declared[name] ?? l, l) }
        }
        var found: [Violation] = []
        for (path, text) in files {
            let folder = Self.folder(of: path)
            guard let mine = layer[folder] else { continue }
            var reported = Set<String>()
            for (line, name) in Self.identifiers(in: Self.code(text)) {
                guard let l = declared[name], l > mine, reported.insert(name).inserted else { continue }
                found.append(Violation(file: path, line: line, name: name, from: folder, to: Self.order[l]))
            }
        }
        return found.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// Names declared at the top level of a file, visible to other files.
    static func declarations(in code: String) -> [String] {
        let pattern =
            #"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|final|indirect|nonisolated)\s+)*(?:struct|enum|class|protocol|typealias|actor|func|let|var)\s+([A-Za-z_]\w*)"#
        let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        let ns = code as NSString
        return regex.matches(in: code, range: NSRange(location: 0, length: ns.length)).map {
            ns.substring(with: $0.range(at: 1))
        }
    }

    /// Every identifier in `code` with its 1-based line.
    static func identifiers(in code: String) -> [(line: Int, name: String)] {
        var out: [(Int, String)] = []
        var line = 1
        var current = ""
        for ch in code {
            if ch.isLetter || ch.isNumber || ch == "_" {
                current.append(ch)
                continue
            }
            if !current.isEmpty, let first = current.first, !first.isNumber { out.append((line, current)) }
            current = ""
            if ch == "\n" { line += 1 }
        }
        if !current.isEmpty { out.append((line, current)) }
        return out
    }

    /// `text` with comments and the literal parts of strings blanked out
    /// (line breaks kept, so lines still count); interpolations stay code.
    static func code(_ text: String) -> String {
        enum Mode {
            case code, line, block
            case string(multiline: Bool)
        }
        var out = ""
        var modes: [Mode] = [.code]
        // Parenthesis depth of each open interpolation.
        var interpolation: [Int] = []
        let chars = Array(text)
        var i = 0
        func at(_ k: Int, _ s: String) -> Bool {
            let a = Array(s)
            return k + a.count <= chars.count && Array(chars[k..<k + a.count]) == a
        }
        while i < chars.count {
            let c = chars[i]
            switch modes.last! {
            case .code:
                if at(i, "//") {
                    modes.append(.line)
                    i += 2
                    continue
                }
                if at(i, "/*") {
                    modes.append(.block)
                    i += 2
                    continue
                }
                if at(i, "\"\"\"") {
                    modes.append(.string(multiline: true))
                    out += "\"\"\""
                    i += 3
                    continue
                }
                if c == "\"" {
                    modes.append(.string(multiline: false))
                    out.append(c)
                    i += 1
                    continue
                }
                if !interpolation.isEmpty {
                    if c == "(" { interpolation[interpolation.count - 1] += 1 }
                    if c == ")" {
                        if interpolation[interpolation.count - 1] == 0 {
                            interpolation.removeLast()
                            modes.removeLast()  // back into the string
                            out.append(c)
                            i += 1
                            continue
                        }
                        interpolation[interpolation.count - 1] -= 1
                    }
                }
                out.append(c)
            case .line:
                if c == "\n" {
                    modes.removeLast()
                    out.append(c)
                }
            case .block:
                if at(i, "*/") {
                    modes.removeLast()
                    i += 2
                    continue
                }
                if c == "\n" { out.append(c) }
            case .string(let multiline):
                if c == "\\" && at(i + 1, "(") {
                    modes.append(.code)
                    interpolation.append(0)
                    out += "\\("
                    i += 2
                    continue
                }
                if c == "\\" {
                    i += 2
                    continue
                }
                if multiline ? at(i, "\"\"\"") : c == "\"" {
                    modes.removeLast()
                    out += multiline ? "\"\"\"" : "\""
                    i += multiline ? 3 : 1
                    continue
                }
                if c == "\n" { out.append(c) }
            }
            i += 1
        }
        return out
    }
}
