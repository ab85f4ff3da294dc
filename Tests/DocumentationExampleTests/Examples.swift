import AdaptiveTesting
import Foundation
import ItemBankCompiler
import ItemBankModel
import ItemBankRuntime
import ItemBankXML

// Every ```swift block of README.md, of the DocC catalogues (Sources/*/*.docc) and of the doc comments
// under Sources/, verbatim between `// docs-example: <file> <n>` and `// docs-example: end` (indented
// by the function around it; <n> counts the file's swift blocks from 1). Compiled with the tests, so
// an example that stops compiling fails the build; DocumentationExampleTests checks that each block
// and its copy here are the same text, so an edit to either side is caught. Names an example leaves
// undefined are the parameters of its function; `import` lines are the imports of this file.

func readmeOpeningABank() throws {
    // docs-example: README.md 1
    let bank = try Bank(contentsOf: "crcn.itembank")  // read into memory + header/section checks
    try bank.verify()  // optional: every CRC, SHA-256, reference
    if let item = bank.item(id: "recherche-web-expression-exacte") {
        print(item.type, item.skill?.name ?? "", item.keyPositions)  // qcm @rechercheWeb3 [1, 4]
    }
    let level3 = bank.competence(code: "1.1")?.skills(level: 3).map(\.name) ?? []
    print(level3)  // the skills of competence 1.1 at level 3
    // docs-example: end
}

func adaptiveTestingPositioning(assessmentSeed: UInt64, learnerAnswer: LearnerAnswer) throws {
    // docs-example: Sources/AdaptiveTesting/AdaptiveTesting.docc/AdaptiveTesting.md 1
    let engine = JourneyEngine(bank: try Bank(contentsOf: "crcn.itembank"), locale: "fr-FR")
    var state = try engine.startPositioning(competence: "1.1", seed: assessmentSeed)
    while let item = try engine.next(state) {
        let check = try item.check(learnerAnswer, context: AnswerContext())  // ItemBankRuntime
        state = try engine.record(state, item: item.id, outcome: check.outcome, at: Date())
    }
    let result = try engine.result(state)  // level, pix, knowledge elements
    print(result.competences)
    // docs-example: end
}

func irtEngineSession(engine: IRTEngine, answer: (Int) -> Bool) throws {
    // docs-example: Sources/AdaptiveTesting/IRT/IRTEngine.swift 1
    var session = engine.startSession(seed: 42)
    while engine.stopReason(for: session) == nil, let item = try engine.nextItem(in: &session) {
        try engine.record(item: item, correct: answer(item), in: &session)
    }
    // docs-example: end
}

func compilerWritingABank(sources: BankSources) throws {
    // docs-example: Sources/ItemBankCompiler/ItemBankCompiler.docc/ItemBankCompiler.md 1
    let bytes = try BankCompiler.compile(sources)
    try BankFileWriter.write(bytes, to: "crcn.itembank")
    // docs-example: end
}

func runtimeOpeningABank() throws {
    // docs-example: Sources/ItemBankRuntime/ItemBankRuntime.docc/ItemBankRuntime.md 1
    let bank = try Bank(contentsOf: "crcn.itembank")
    try bank.verify()  // optional full verification: CRC32C of every section, SHA-256, references
    let item = bank.item(id: "recherche-web-expression-exacte")
    if let item { print(item.type, item.keyPositions) }
    // docs-example: end
}

func runtimeCheckingAnAnswer(item: ItemView) throws {
    // docs-example: Sources/ItemBankRuntime/ItemBankRuntime.docc/ItemBankRuntime.md 2
    let check = try item.check(
        .texts(["n1": "Chrome", "n2": "firefox"]),
        context: AnswerContext(elapsedSeconds: 42))
    print(check.outcome)  // .ok, .ko, .skipped, .timedOut or .focusedOut
    print(check.responses)  // which responses were right; for a qrocm-dep, the group each one matched
    // docs-example: end
}

func xmlReadingABank() throws {
    // docs-example: Sources/ItemBankXML/ItemBankXML.docc/ItemBankXML.md 1
    let schemas = try SchemaSet.builtIn()
    let result = try BankReader(schemas: schemas).read(root: "Banks/crcn")
    print(result.diagnostics.count, result.sources == nil ? "not read" : "read")
    // docs-example: end
}
