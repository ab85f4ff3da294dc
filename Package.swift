// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "itembank",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "itembank", targets: ["itembank"]),
        .library(name: "ItemBankVocabulary", targets: ["ItemBankVocabulary"]),
        .library(name: "ItemBankSystem", targets: ["ItemBankSystem"]),
        .library(name: "ItemBankModel", targets: ["ItemBankModel"]),
        .library(name: "ItemBankRules", targets: ["ItemBankRules"]),
        .library(name: "ItemBankXML", targets: ["ItemBankXML"]),
        .library(name: "ItemBankLint", targets: ["ItemBankLint"]),
        .library(name: "ItemBankCompiler", targets: ["ItemBankCompiler"]),
        .library(name: "ItemBankRuntime", targets: ["ItemBankRuntime"]),
        .library(name: "ItemBankFormat", targets: ["ItemBankFormat"]),
        .library(name: "ItemBankGenerator", targets: ["ItemBankGenerator"]),
        .library(name: "ItemResponseTheory", targets: ["ItemResponseTheory"]),
        .library(name: "AdaptiveTesting", targets: ["AdaptiveTesting"]),
        // import and export: QTI 2.x/3.0, Moodle XML, GIFT
        .library(name: "ItemBankInterop", targets: ["ItemBankInterop"]),
        // Test and fuzz support (repository paths, checksum repair); not for services.
        .library(name: "ItemBankTestSupport", targets: ["ItemBankTestSupport"]),
        .library(name: "ItemBankLanguageServer", targets: ["ItemBankLanguageServer"]),
        // item -> HTML (report and learner page), the bank report site
        .library(name: "ItemBankHTML", targets: ["ItemBankHTML"]),
        .library(name: "ItemBankCalibration", targets: ["ItemBankCalibration"]),
        // the runtime service: its own product, so `swift run itembank` never builds its packages
        .executable(name: "itembank-server", targets: ["itembank-server"]),
        .library(name: "ItemBankServer", targets: ["ItemBankServer"]),
        .library(name: "ItemBankReport", targets: ["ItemBankReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // the runtime service only (HTTP, stores, logs, metrics)
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // the server's channel handler for requests it refuses (parser errors, 413): NIO's HTTP types
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // interop: zipped content packages
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CItemBankLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "ItemBankVocabulary"),
        .target(name: "ItemBankSystem"),
        .target(name: "ItemBankModel", dependencies: ["ItemBankVocabulary"]),
        .target(name: "ItemBankGenerator", dependencies: ["ItemBankSystem"]),
        // what a rule is (description, examples, the example bank), below the reader and the linter
        .target(name: "ItemBankRules", dependencies: ["ItemBankModel"]),
        .target(
            name: "ItemBankXML", dependencies: ["ItemBankModel", "ItemBankRules", "CItemBankLibXML2", "ItemBankSystem"]),
        .target(
            name: "ItemBankLint", dependencies: ["ItemBankModel", "ItemBankRules", "ItemBankXML", "ItemBankSystem"]),
        .target(name: "CItemBankChecksums"),
        .target(
            name: "ItemBankFormat",
            dependencies: [
                "ItemBankVocabulary", "CItemBankChecksums", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "ItemBankCompiler", dependencies: ["ItemBankModel", "ItemBankFormat", "ItemBankSystem"]),
        .target(name: "ItemBankRuntime", dependencies: ["ItemBankFormat"]),
        // item response theory (pool, 2PL, estimators, selection, exposure, stopping, simulation): no bank
        .target(name: "ItemResponseTheory", dependencies: ["ItemBankSystem"]),
        .target(
            name: "AdaptiveTesting",
            dependencies: ["ItemResponseTheory", "ItemBankRuntime", "ItemBankFormat", "ItemBankSystem"]),
        .target(name: "ItemBankLanguageServer", dependencies: ["ItemBankModel", "ItemBankXML", "ItemBankLint"]),
        // report: item -> HTML (shared with the server's learner page), the bank report site
        .target(name: "ItemBankHTML", dependencies: ["ItemBankRuntime"]),
        // Calibration (MML-EM): needs no bank.
        .target(name: "ItemBankCalibration"),
        .testTarget(name: "ItemBankCalibrationTests", dependencies: ["ItemBankCalibration"]),
        // import and export
        .target(
            name: "ItemBankInterop",
            dependencies: [
                "ItemBankModel", "ItemBankXML", "ItemBankSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "ItemBankInteropTests",
            dependencies: [
                "ItemBankInterop", "ItemBankXML", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(
            name: "ItemBankReport",
            dependencies: [
                "ItemBankHTML", "ItemBankRuntime", "ItemBankLint", "ItemBankCompiler", "ItemBankModel", "ItemBankXML",
                "AdaptiveTesting",
            ]),
        .executableTarget(
            name: "itembank",
            dependencies: [
                "ItemBankModel", "ItemBankXML", "ItemBankLint", "ItemBankCompiler", "ItemBankRuntime",
                "ItemBankGenerator", "AdaptiveTesting", "ItemBankFormat", "ItemBankSystem", "ItemBankLanguageServer",
                "ItemBankCalibration", "ItemBankInterop", "ItemBankReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ItemBankVocabularyTests",
            dependencies: [
                "ItemBankVocabulary", "ItemBankModel", "ItemBankLint", "ItemBankXML", "ItemBankCompiler",
                "ItemBankRuntime", "ItemBankTestSupport",
            ]
        ),
        .target(
            name: "ItemBankTestSupport", dependencies: ["ItemBankFormat", "ItemBankGenerator"],
            path: "Tests/ItemBankTestSupport"),
        .testTarget(name: "ItemBankSystemTests", dependencies: ["ItemBankSystem"]),
        .testTarget(name: "ItemBankModelTests", dependencies: ["ItemBankModel"]),
        .testTarget(name: "ItemBankXMLTests", dependencies: ["ItemBankXML", "ItemBankTestSupport"]),
        .testTarget(name: "ItemBankLintTests", dependencies: ["ItemBankLint", "ItemBankTestSupport"]),
        .testTarget(
            name: "ItemBankCompilerTests",
            dependencies: [
                "ItemBankCompiler", "ItemBankRuntime", "ItemBankLint", "ItemBankGenerator", "ItemBankTestSupport",
            ]),
        .testTarget(
            name: "ItemBankRuntimeTests",
            dependencies: [
                "ItemBankRuntime", "ItemBankFormat", "ItemBankCompiler", "ItemBankXML", "ItemBankVocabulary",
                "ItemBankTestSupport",
            ]
        ),
        .testTarget(
            name: "AdaptiveTestingTests",
            dependencies: [
                "AdaptiveTesting", "ItemResponseTheory", "ItemBankRuntime", "ItemBankCompiler", "ItemBankXML",
                "ItemBankGenerator", "ItemBankTestSupport",
            ]
        ),
        .testTarget(name: "ItemBankCLITests", dependencies: ["itembank", "AdaptiveTesting", "ItemBankSystem"]),
        .testTarget(name: "EndToEndTests", dependencies: ["itembank", "ItemBankTestSupport"]),
        .testTarget(name: "ItemBankLanguageServerTests", dependencies: ["ItemBankLanguageServer"]),
        // the report
        .testTarget(
            name: "ItemBankHTMLTests",
            dependencies: [
                "ItemBankHTML", "ItemBankRuntime", "ItemBankCompiler", "ItemBankXML", "ItemBankTestSupport",
            ],
            exclude: ["Expected"]),
        // the README's and the DocC catalogues' swift blocks, compiled
        .testTarget(
            name: "DocumentationExampleTests",
            dependencies: ["AdaptiveTesting", "ItemBankRuntime", "ItemBankCompiler", "ItemBankXML", "ItemBankModel"]
        ),
        // the runtime service
        .target(
            name: "ItemBankServer",
            dependencies: [
                "ItemBankRuntime", "ItemBankFormat", "AdaptiveTesting", "ItemBankHTML", "ItemBankSystem",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("openapi.json")]
        ),
        .executableTarget(
            name: "itembank-server",
            dependencies: [
                "ItemBankServer", "ItemBankRuntime", "ItemBankSystem",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "ItemBankServerTests",
            dependencies: [
                "ItemBankServer", "ItemBankRuntime", "AdaptiveTesting", "itembank", "itembank-server",
            ]
        ),
        .testTarget(
            name: "ItemBankReportTests",
            dependencies: ["ItemBankReport", "ItemBankHTML", "ItemBankRuntime", "ItemBankCompiler", "ItemBankXML"]),
    ]
)
