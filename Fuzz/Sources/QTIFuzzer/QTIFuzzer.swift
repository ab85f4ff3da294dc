import ItemBankInterop

/// libFuzzer entry point: any bytes given as an XML source (QTI 2.x / 3.0 item, Moodle XML quiz,
/// manifest) must give report entries, and imported items must print. No XSD here: the reader's own
/// code is what is fuzzed (libxml2's validator is fuzzed upstream).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let entries = Importer(options: ImportOptions()).entries(bytes: bytes, path: "/nonexistent/fuzz.xml")
    for entry in entries {
        if let item = entry.item { _ = ItemFileWriter.text(of: item) }
    }
    return 0
}
