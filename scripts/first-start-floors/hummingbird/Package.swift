// swift-tools-version:6.1
// The floor of the annotator's first start: Hummingbird as studio-server/ depends on it (the same
// trait), one route, nothing of Attest. scripts/bench-first-start.py --what floors.
import PackageDescription

let package = Package(
    name: "hello",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"])
    ],
    targets: [
        .executableTarget(name: "hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])
    ]
)
