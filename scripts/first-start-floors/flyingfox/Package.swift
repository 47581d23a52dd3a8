// swift-tools-version:6.0
// The floor of a server on FlyingFox (no dependencies of its own), nothing of Attest. scripts/bench-first-start.py --what floors.
import PackageDescription
let package = Package(
    name: "hello",
    dependencies: [.package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1")],
    targets: [.executableTarget(name: "hello", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")])]
)
