// swift-tools-version:6.0
// The floor of a server on SwiftNIO alone (NIOHTTP1), nothing of Attest. scripts/bench-first-start.py --what floors.
import PackageDescription
let package = Package(
    name: "hello",
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.80.0")],
    targets: [.executableTarget(name: "hello", dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
    ])]
)
