// swift-tools-version: 6.1
// A libFuzzer target over Bank(bytes:) + verify(.full). Not part of the main package: build and run it
// with Scripts/fuzz.sh (it needs -sanitize=fuzzer,address).
import PackageDescription

let package = Package(
    name: "ItemBankFuzz",
    dependencies: [.package(name: "itembank", path: "..")],
    targets: [
        .executableTarget(
            name: "BankFuzzer",
            dependencies: [
                .product(name: "ItemBankRuntime", package: "itembank"),
                .product(name: "ItemBankFormat", package: "itembank"),
                .product(name: "ItemBankTestSupport", package: "itembank"),
            ],
            // Scripts/fuzz.sh adds -sanitize=fuzzer,address to every Swift module (-Xswiftc), so that the
            // runtime's code is instrumented for coverage, not only this target's.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // interop: the GIFT parser and the QTI / Moodle XML reader (Scripts/fuzz-interop.sh)
        .executableTarget(
            name: "GIFTFuzzer",
            dependencies: [.product(name: "ItemBankInterop", package: "itembank")]
        ),
        .executableTarget(
            name: "QTIFuzzer",
            dependencies: [.product(name: "ItemBankInterop", package: "itembank")]
        ),
    ]
)
