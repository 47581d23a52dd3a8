// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Attest",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AttestKit", targets: ["AttestKit"]),
        .executable(name: "attest", targets: ["attest"]),
        // The web annotator, apart so that `swift run attest check` never builds its server stack.
        .executable(name: "attest-studio", targets: ["attest-studio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "AttestKit",
            dependencies: [
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "attest",
            dependencies: [
                "AttestKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "attest-bench",
            dependencies: ["AttestKit"]
        ),
        .target(
            name: "AttestStudio",
            dependencies: [
                "AttestKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "attest-studio",
            dependencies: [
                "AttestStudio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AttestStudioTests",
            dependencies: [
                "AttestStudio",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "AttestKitTests",
            dependencies: ["AttestKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
