import Foundation
import ItemBankCompiler
import ItemBankGenerator
import ItemBankLint
import ItemBankModel
import ItemBankRuntime
import ItemBankXML

/// Generated banks, written to a temporary folder, read and compiled once per process.
enum Fixtures {
    static let schemas: SchemaSet = {
        do { return try SchemaSet.builtIn() } catch { fatalError("schemas: \(error)") }
    }()

    /// Writes a generated bank of `items` items and returns its folder.
    static func sourceFolder(items: Int) -> String {
        let folder = NSTemporaryDirectory() + "itembank-bench-\(items)-\(getpid())"
        if FileManager.default.fileExists(atPath: folder + "/bank.xml") { return folder }
        for file in BankGenerator(itemCount: items, seed: 1).files() {
            let path = folder + "/" + file.path
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(file.content.utf8))
        }
        return folder
    }

    static func sources(items: Int) -> BankSources {
        do {
            let result = try BankReader(schemas: schemas).read(root: sourceFolder(items: items))
            guard let sources = result.sources, result.diagnostics.isEmpty else {
                fatalError("generated bank is invalid")
            }
            return sources
        } catch {
            fatalError("\(error)")
        }
    }

    /// The compiled bank of `items` items, written to a file (for mmap).
    static func bankFile(items: Int) -> String {
        let path = NSTemporaryDirectory() + "itembank-bench-\(items)-\(getpid()).itembank"
        if FileManager.default.fileExists(atPath: path) { return path }
        do {
            try BankFileWriter.write(try BankCompiler.compile(sources(items: items)), to: path)
        } catch {
            fatalError("\(error)")
        }
        return path
    }
}
