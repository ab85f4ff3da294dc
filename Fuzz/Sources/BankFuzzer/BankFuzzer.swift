import ItemBankFormat
import ItemBankRuntime
import ItemBankTestSupport

/// libFuzzer entry point: any bytes must either open and verify, or throw a BankError. A trap, a
/// hang or an address-sanitizer report is a bug. Each input is tried as is, then with its checksums
/// and digests recomputed, so that mutations also reach the structural checks behind the CRCs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    exercise(bytes)
    exercise(ChecksumRepair.repaired(bytes))
    return 0
}

func exercise(_ bytes: [UInt8]) {
    guard let bank = try? Bank(bytes: bytes) else { return }
    // An unverified bank: every accessor is bounded, but reading everything of a hostile bank can
    // cost O(records²) (ranges may overlap), so only a bounded sample is read before verification.
    if let item = bank.item(at: 0) {
        _ = (item.id, item.stem, item.keyPositions, item.media, item.calibration, item.answerGroups)
        _ = item.responses.prefix(4).map { ($0.acceptedAnswers.prefix(4), $0.options.count) }
        _ = bank.item(id: item.id)
    }
    _ = bank.sectionInfo
    guard (try? bank.verify(.full)) != nil else { return }
    // Read everything a service could read, verified or not.
    for item in bank.allItems {
        _ = item.id
        _ = item.stem
        _ = item.keyPositions
        _ = item.responses.map { ($0.acceptedAnswers, $0.options) }
        _ = item.answerGroups
        _ = item.media
        _ = item.calibration
        _ = bank.item(id: item.id)
    }
    for competence in bank.allCompetences {
        for level in 1...8 { _ = competence.skills(level: level).map(\.items.count) }
    }
}

/// libFuzzer's driver, for a target that has its own `main` (SwiftPM names an executable's entry point
/// `<Target>_main` and aliases `main` to it, so libFuzzer's own `main` is not linked).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("BankFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
