import Foundation
import ItemBankInterop

// libFuzzer target: any bytes given as an XML source (QTI 2.x / 3.0 item, Moodle XML quiz, manifest) must give report entries, and imported items must print (no XSD: the reader's own code is fuzzed).
// A trap, a hang or an address-sanitizer report is a bug. SwiftPM links an executable target through
// its own entry point, so this one hands control to libFuzzer's driver (LLVMFuzzerRunDriver).

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&argumentCount, &arguments) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let entries = Importer(options: ImportOptions()).entries(bytes: bytes, path: "/nonexistent/fuzz.xml")
        for entry in entries {
            if let item = entry.item { _ = ItemFileWriter.text(of: item) }
        }
        return 0
    })
