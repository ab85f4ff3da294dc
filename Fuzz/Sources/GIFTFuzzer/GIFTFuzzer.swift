import ItemBankInterop

/// libFuzzer entry point: any text must parse into questions and diagnostics, then convert into items
/// that the writer can print. A trap, a hang or an address-sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let entries = Importer(options: ImportOptions()).entries(bytes: bytes, path: "fuzz.gift")
    for entry in entries {
        if let item = entry.item { _ = ItemFileWriter.text(of: item) }
    }
    return 0
}
