import AdaptiveTesting
import Foundation
import ItemBankCompiler
import ItemBankGenerator
import ItemBankRuntime
import ItemBankTestSupport
import ItemBankXML

/// A generated bank (16 competences × 2 tubes × levels 1–7, 2000 items: every skill has items),
/// compiled once for all journey tests.
let generatedBank: Bank? = {
    guard let folder = try? writeGeneratedBank(itemCount: 2000, seed: 7, label: "journey") else { return nil }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        let result = try BankReader(schemas: SchemaSet.builtIn()).read(root: folder)
        guard let sources = result.sources, result.diagnostics.isEmpty else { return nil }
        return try Bank(bytes: BankCompiler.compile(sources))
    } catch {
        return nil
    }
}()

let fixedDate = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30T…Z

/// Runs a positioning with a learner who answers right exactly the skills at or below `trueLevel`.
func position(
    _ engine: JourneyEngine, competence: String, trueLevel: Int, seed: UInt64 = 1
) throws -> (state: SessionState, items: [ItemView]) {
    var state = try engine.startPositioning(competence: competence, seed: seed)
    var items: [ItemView] = []
    while let item = try engine.next(state) {
        items.append(item)
        let right = (item.skill?.level ?? 99) <= trueLevel
        state = try engine.record(state, item: item.id, outcome: right ? .ok : .ko, at: fixedDate)
    }
    return (state, items)
}
