// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Attest",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AttestKit", targets: ["AttestKit"]),
        .executable(name: "attest", targets: ["attest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
            ],
            // The schema, compiled into the binary as bytes (PackageResources.attest_xsd);
            // schemas/attest.xsd links to it.
            resources: [.embedInCode("XML/attest.xsd")]
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
        .testTarget(
            name: "AttestKitTests",
            dependencies: ["AttestKit"],
            // The tests read their fixtures from the source tree (`Paths.fixtures`, by #filePath), not
            // through Bundle.module, so they are excluded rather than copied as resources.
            exclude: ["Fixtures"]
        ),
    ]
)
