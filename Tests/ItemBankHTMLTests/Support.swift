import Foundation
import ItemBankCompiler
import ItemBankRuntime
import ItemBankTestSupport
import ItemBankXML

/// A bank folder of the repository compiled in memory (nil when it does not read cleanly).
func compiledBank(_ folder: String) -> Bank? {
    guard let schemas = try? SchemaSet(directory: repositoryRoot + "/Schemas"),
        let result = try? BankReader(schemas: schemas).read(root: repositoryRoot + "/" + folder),
        let sources = result.sources, let bytes = try? BankCompiler.compile(sources)
    else { return nil }
    return try? Bank(bytes: bytes)
}

/// Tests/Fixtures/render-bank: one item of each type, with media, an embed and a timer.
let renderBank = compiledBank("Tests/Fixtures/render-bank")

/// Banks/crcn, the reference bank.
let crcnBank = compiledBank("Banks/crcn")

func fixtureItem(_ id: String) -> ItemView? {
    renderBank?.allItems.first { $0.id == id }
}
