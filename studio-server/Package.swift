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

let package = Package(
    name: "AttestStudio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attest-studio", targets: ["attest-studio"])
    ],
    dependencies: [
        .package(path: ".."),
        // Without Hummingbird's default ConfigurationSupport trait: the server reads its settings from
        // its own flags, so swift-configuration (48 compile steps of a fresh build) is not built.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.25.0"),
    ],
    targets: [
        // The page's files, compiled into the binary with C23's `#embed` (Sources/AttestStudioPage/page.c).
        .target(name: "AttestStudioPage"),
        .target(
            name: "AttestStudio",
            dependencies: [
                "AttestStudioPage",
                .product(name: "AttestKit", package: rootIdentity),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // The page (`Page/`) is served from AttestStudioPage's copy in the binary, not read here.
            exclude: ["Page"]
        ),
        .executableTarget(
            name: "attest-studio",
            dependencies: [
                "AttestStudio",
                .product(name: "AttestKit", package: rootIdentity),
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
    ],
    // C23, for `#embed` (AttestStudioPage).
    cLanguageStandard: .c2x
)
