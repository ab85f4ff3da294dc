import ArgumentParser
import ItemBankLanguageServer
import ItemBankXML

struct LanguageServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP 3.17 over standard input and output) for editors.",
        discussion: """
            Diagnostics as you type (the rules, settings and suppressions of `itembank lint`), quick \
            fixes, completion of skills, schema names and values, media files and prototypes, hover, \
            go to definition and document symbols. Each bank is read once, when its first file opens. \
            Editor set-up: docs/editors.md. Exit status: 0 after the client's shutdown and exit, 1 when \
            the input ends without them.
            """)

    func run() throws {
        let schemas: SchemaSet
        do {
            schemas = try SchemaSet.builtIn()
        } catch {
            throw CommandError.usage("the built-in schemas do not load: \(error)")
        }
        var server = LanguageServer(schemas: schemas)
        let status = server.run()
        if status != 0 { throw ExitCode(status) }
    }
}
