import Foundation
import Testing

/// AttestKit's layers are SwiftPM targets, each depending only on the one
/// below it (docs/architecture.md), so the compiler refuses an upward use.
/// What targets cannot say is checked here: only the XML layer calls libxml2,
/// and the targets, the folders and the documented order agree.
@Suite struct LayeringTests {
    static let layers = [
        "AttestSupport", "AttestModel", "AttestXML", "AttestValidation", "AttestCorpus", "AttestExtraction",
        "AttestScoring", "AttestReports", "AttestEditing", "AttestAgreement", "AttestInterop", "AttestStudioService",
    ]

    /// The folders whose Swift files import `module`.
    static func importers(of module: String) throws -> Set<String> {
        let sources = Paths.repository.appendingPathComponent("Sources")
        var importers: Set<String> = []
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            if text.split(separator: "\n").contains(where: { $0.hasPrefix("import \(module)") }) {
                importers.insert(url.deletingLastPathComponent().lastPathComponent)
            }
        }
        return importers
    }

    @Test func onlyTheXMLLayerImportsLibXML2() throws {
        let importers = try Self.importers(of: "CLibXML2")
        #expect(importers == ["AttestXML"], "libxml2 imported by \(importers.sorted())")
    }

    /// The system's libcrypto gives SHA-256 to the support layer, and nothing else calls it.
    @Test func onlyTheSupportLayerImportsLibCrypto() throws {
        let importers = try Self.importers(of: "CLibCrypto")
        #expect(importers == ["AttestSupport"], "libcrypto imported by \(importers.sorted())")
    }

    @Test func eachLayerDependsOnTheOneBelowAndIsDocumented() throws {
        let manifest = try String(
            contentsOf: Paths.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let architecture = try String(
            contentsOf: Paths.repository.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var lastPosition = architecture.startIndex
        for (index, layer) in Self.layers.enumerated() {
            let folder = Paths.repository.appendingPathComponent("Sources/\(layer)")
            #expect(FileManager.default.fileExists(atPath: folder.path), "no folder for \(layer)")
            // In the documented order.
            let mention = architecture.range(of: "`\(layer)`", range: lastPosition..<architecture.endIndex)
            #expect(
                mention != nil, "docs/architecture.md does not list \(layer) after \(Self.layers[max(0, index - 1)])")
            if let mention { lastPosition = mention.upperBound }
            guard index > 0 else { continue }
            // The target's dependencies begin with the layer below, and name no other layer.
            let declaration = try #require(manifest.range(of: "name: \"\(layer)\","))
            let end = manifest.range(of: "),", range: declaration.upperBound..<manifest.endIndex)?.lowerBound
            let body = String(manifest[declaration.upperBound..<(end ?? manifest.endIndex)])
            let named = Self.layers.filter { body.contains("\"\($0)\"") }
            #expect(named == [Self.layers[index - 1]], "\(layer) depends on \(named)")
        }
    }
}
