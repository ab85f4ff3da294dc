// swift-tools-version: 6.1
// Benchmarks of itembank, separate from the main package so that `swift test` never builds them.
// Run: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let package = Package(
    name: "ItemBankBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "itembank", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ItemBankBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ItemBankRuntime", package: "itembank"),
                .product(name: "ItemBankCompiler", package: "itembank"),
                .product(name: "ItemBankXML", package: "itembank"),
                .product(name: "ItemBankLint", package: "itembank"),
                .product(name: "ItemBankGenerator", package: "itembank"),
                .product(name: "ItemBankModel", package: "itembank"),
                .product(name: "AdaptiveTesting", package: "itembank"),
            ],
            path: "Benchmarks/ItemBankBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IRTBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AdaptiveTesting", package: "itembank"),
            ],
            path: "Benchmarks/IRTBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
