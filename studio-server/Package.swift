// swift-tools-version:6.1
// The web annotator: a package of its own, so that the main job (`swift run attest check`) and
// `swift test` at the root never resolve or build its HTTP stack (Hummingbird 2, SwiftNIO).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, not after its `name:` ("Attest"), so the root
// package's identity is the folder it was cloned into ("main", "attest", "fresh"…): computed here so
// that the product reference below works in any clone.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

// Every file of the page (studio-server/Sources/AttestStudio/Page), in the order StudioAssets lists them.
let pageFiles = [
    "api.js",
    "app.css",
    "app.js",
    "boot.js",
    "changes.js",
    "documents.js",
    "dom.js",
    "editing.js",
    "effects.js",
    "index.html",
    "keys.js",
    "marks.js",
    "navigation.js",
    "render-article.js",
    "render-chrome.js",
    "render-documents.js",
    "render-quotes.js",
    "render-review.js",
    "render-side.js",
    "render-team.js",
    "selection.js",
    "store.js",
    "suggestions.js",
    "team.js",
    "text.js",
    "types.js",
    "view.js",
]

let package = Package(
    name: "AttestStudio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attest-studio", targets: ["attest-studio"])
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Without Hummingbird's default ConfigurationSupport trait: the server reads its settings from
        // its own flags, so swift-configuration (48 compile steps of a fresh build) is not built.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.25.0"),
    ],
    targets: [
        .target(
            name: "AttestStudio",
            dependencies: [
                .product(name: "AttestKit", package: rootIdentity),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // The page, compiled into the binary as bytes (PackageResources.app_js, …): the page's files
            // and its ES modules, served as they are (no build step). A test checks every file is here.
            resources: pageFiles.map { .embedInCode("Page/\($0)") }
        ),
        .executableTarget(
            name: "attest-studio",
            dependencies: [
                "AttestStudio",
                .product(name: "AttestKit", package: rootIdentity),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AttestStudioTests",
            dependencies: [
                "AttestStudio",
                .product(name: "AttestKit", package: rootIdentity),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ]
)
