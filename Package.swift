// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "itembank",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "itembank", targets: ["itembank"]),
        .library(name: "ItemBankModel", targets: ["ItemBankModel"]),
        .library(name: "ItemBankXML", targets: ["ItemBankXML"]),
        .library(name: "ItemBankLint", targets: ["ItemBankLint"]),
        .library(name: "ItemBankCompiler", targets: ["ItemBankCompiler"]),
        .library(name: "ItemBankRuntime", targets: ["ItemBankRuntime"]),
        .library(name: "ItemBankFormat", targets: ["ItemBankFormat"]),
        .library(name: "ItemBankGenerator", targets: ["ItemBankGenerator"]),
        .library(name: "AdaptiveTesting", targets: ["AdaptiveTesting"]),
        // interop: QTI / Moodle XML / GIFT import
        .library(name: "ItemBankInterop", targets: ["ItemBankInterop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // interop: zipped content packages
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CItemBankLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "ItemBankModel"),
        .target(name: "ItemBankGenerator"),
        .target(name: "ItemBankXML", dependencies: ["ItemBankModel", "CItemBankLibXML2"]),
        .target(name: "ItemBankLint", dependencies: ["ItemBankModel", "ItemBankXML"]),
        .target(name: "CItemBankChecksums"),
        .target(
            name: "ItemBankFormat",
            dependencies: ["CItemBankChecksums", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "ItemBankCompiler", dependencies: ["ItemBankModel", "ItemBankFormat"]),
        .target(name: "ItemBankRuntime", dependencies: ["ItemBankFormat"]),
        .target(name: "AdaptiveTesting", dependencies: ["ItemBankRuntime"]),
        // interop
        .target(
            name: "ItemBankInterop",
            dependencies: ["ItemBankModel", "ItemBankXML", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "ItemBankInteropTests",
            dependencies: [
                "ItemBankInterop", "ItemBankXML", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .executableTarget(
            name: "itembank",
            dependencies: [
                "ItemBankModel", "ItemBankXML", "ItemBankLint", "ItemBankCompiler", "ItemBankRuntime",
                "ItemBankGenerator", "AdaptiveTesting", "ItemBankInterop",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ItemBankModelTests", dependencies: ["ItemBankModel"]),
        .testTarget(name: "ItemBankXMLTests", dependencies: ["ItemBankXML"]),
        .testTarget(name: "ItemBankLintTests", dependencies: ["ItemBankLint"]),
        .testTarget(
            name: "ItemBankCompilerTests",
            dependencies: ["ItemBankCompiler", "ItemBankRuntime", "ItemBankLint", "ItemBankGenerator"]),
        .testTarget(
            name: "ItemBankRuntimeTests",
            dependencies: ["ItemBankRuntime", "ItemBankFormat", "ItemBankCompiler", "ItemBankXML"]
        ),
        .testTarget(
            name: "AdaptiveTestingTests",
            dependencies: [
                "AdaptiveTesting", "ItemBankRuntime", "ItemBankCompiler", "ItemBankXML", "ItemBankGenerator",
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["itembank"]),
    ]
)
