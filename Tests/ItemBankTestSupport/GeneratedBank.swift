import Foundation
import ItemBankGenerator

/// Writes the bank ``BankGenerator`` makes for `itemCount` and `seed` into a new temporary folder and
/// returns the folder's path; the caller removes it.
/// - Throws: the file system's error when a folder or file cannot be written.
public func writeGeneratedBank(itemCount: Int, seed: UInt64, label: String = "generated") throws -> String {
    let folder = NSTemporaryDirectory() + "itembank-\(label)-\(UUID().uuidString)"
    for file in BankGenerator(itemCount: itemCount, seed: seed).files() {
        let path = folder + "/" + file.path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(file.content.utf8).write(to: URL(fileURLWithPath: path))
    }
    return folder
}
