// swift-tools-version:6.1
// The web annotator: a package of its own, so that the main job (`swift run attest check`) and
// `swift test` at the root never resolve or build its HTTP stack (SwiftNIO's HTTP/1.1 codec).
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
        // SwiftNIO alone (4 packages to resolve), not Hummingbird (25): a fresh clone of a one-route
        // server answers in 36 s on NIOHTTP1 and in 77 s on Hummingbird on a 2-core machine, and the
        // annotator's first start has 90 s (scripts/bench-first-start.py --what floors).
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // The page's files, compiled into the binary with C23's `#embed` (Sources/AttestStudioPage/page.c).
        .target(name: "AttestStudioPage"),
        .target(
            name: "AttestStudio",
            dependencies: [
                "AttestStudioPage",
                .product(name: "AttestKit", package: rootIdentity),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
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
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    // C23, for `#embed` (AttestStudioPage).
    cLanguageStandard: .c2x
)
