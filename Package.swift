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
        // AttestKit's layers (docs/architecture.md), bottom first: each target depends only on the one below
        // it (which re-exports the rest), so a use of a higher layer does not compile.
        .target(
            name: "AttestSupport",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "AttestModel",
            dependencies: ["AttestSupport"]
        ),
        .target(
            name: "AttestXML",
            dependencies: [
                "AttestModel",
                "CLibXML2",
            ],
            // The schema, compiled into the binary as bytes (PackageResources.attest_xsd);
            // schemas/attest.xsd links to it.
            resources: [.embedInCode("attest.xsd")]
        ),
        .target(
            name: "AttestValidation",
            dependencies: ["AttestXML"]
        ),
        .target(
            name: "AttestCorpus",
            dependencies: ["AttestValidation"]
        ),
        .target(
            name: "AttestExtraction",
            dependencies: ["AttestCorpus"]
        ),
        .target(
            name: "AttestScoring",
            dependencies: ["AttestExtraction"]
        ),
        .target(
            name: "AttestReports",
            dependencies: ["AttestScoring"]
        ),
        .target(
            name: "AttestEditing",
            dependencies: ["AttestReports"]
        ),
        .target(
            name: "AttestAgreement",
            dependencies: ["AttestEditing"]
        ),
        .target(
            name: "AttestInterop",
            dependencies: ["AttestAgreement"]
        ),
        .target(
            name: "AttestStudioService",
            dependencies: ["AttestInterop"]
        ),
        .target(name: "AttestKit", dependencies: ["AttestStudioService"]),
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
