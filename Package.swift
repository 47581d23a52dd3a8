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
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // AttestKit's layers (docs/architecture.md), bottom first: each target depends only on the one below
        // it (which re-exports the rest), so a use of a higher layer does not compile.
        // SHA-256 from the system's libcrypto (OpenSSL): a fresh clone no longer builds a vendored
        // BoringSSL (360 of 696 compile steps of `swift run attest check`) for one hash.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "AttestSupport",
            dependencies: ["CLibCrypto"]
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
