import Foundation
import Testing

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A ```swift block of a documentation file: its file (relative to the repository root), its number
/// among the file's swift blocks (from 1), the line of its fence, and its lines.
struct DocumentationExample: Equatable, CustomStringConvertible {
    var file: String
    var number: Int
    var line: Int
    var lines: [String]
    var key: String { "\(file) \(number)" }
    var description: String { "\(file):\(line) (swift block \(number))" }
}

enum DocumentationExamples {
    /// The ```swift blocks of `text`; in a Swift source, those of its `///` doc comments (the `/// `
    /// prefix removed).
    static func blocks(in text: String, file: String) -> [DocumentationExample] {
        let isSwiftSource = file.hasSuffix(".swift")
        var found: [DocumentationExample] = []
        var current: DocumentationExample?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if isSwiftSource {
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix("///") else {
                    current = nil
                    continue
                }
                line = String(trimmed.dropFirst(3).drop { $0 == " " }.isEmpty ? "" : trimmed.dropFirst(4))
            }
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" {
                current = DocumentationExample(file: file, number: found.count + 1, line: index + 1, lines: [])
            } else if var block = current {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    found.append(block)
                    current = nil
                } else {
                    block.lines.append(line)
                    current = block
                }
            }
        }
        return found
    }

    /// README.md, Sources/*/*.docc/*.md and Sources/**/*.swift, relative to the repository root, sorted.
    static func documentationFiles() throws -> [String] {
        var files = ["README.md"]
        let sources = repositoryRoot + "/Sources"
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources))
        while let path = enumerator.nextObject() as? String {
            let isCatalogue =
                path.hasSuffix(".md") && path.split(separator: "/").dropLast().last?.hasSuffix(".docc") == true
            if isCatalogue || path.hasSuffix(".swift") { files.append("Sources/" + path) }
        }
        return files.sorted()
    }

    /// Every swift block of the documentation.
    static func all() throws -> [DocumentationExample] {
        try documentationFiles().flatMap { file in
            blocks(in: try String(contentsOfFile: repositoryRoot + "/" + file, encoding: .utf8), file: file)
        }
    }

    /// The compiled copies: `// docs-example: <file> <n>` … `// docs-example: end` in this target's
    /// Swift files, indentation of the marker removed; with the imports of the file they are in.
    static func compiledCopies() throws -> [String: (lines: [String], imports: Set<String>, location: String)] {
        let folder = repositoryRoot + "/Tests/DocumentationExampleTests"
        var copies: [String: (lines: [String], imports: Set<String>, location: String)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".swift")
        {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let imports = Set(lines.filter { $0.hasPrefix("import ") })
            var key: String?
            var indent = 0
            var body: [String] = []
            for (index, line) in lines.enumerated() {
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("// docs-example: ") {
                    let name = String(trimmed.dropFirst("// docs-example: ".count))
                    if name == "end", let open = key {
                        #expect(copies[open] == nil, "\(open) is copied twice")
                        copies[open] = (body, imports, "Tests/DocumentationExampleTests/\(name):\(index + 1)")
                        key = nil
                    } else {
                        key = name
                        indent = line.count - trimmed.count
                        body = []
                    }
                } else if key != nil {
                    let prefix = String(repeating: " ", count: indent)
                    #expect(line.isEmpty || line.hasPrefix(prefix), "\(name):\(index + 1) is outdented")
                    body.append(line.isEmpty ? "" : String(line.dropFirst(indent)))
                }
            }
        }
        return copies
    }
}

/// Issue 11, item 5: the README's and the DocC catalogues' code examples are compiled code.
@Suite("documentation examples")
struct DocumentationExampleTests {
    @Test("the README, the DocC catalogues and doc comments have swift blocks (the checker finds them)")
    func blocksAreFound() throws {
        let keys = try DocumentationExamples.all().map(\.key)
        #expect(keys.contains("README.md 1"))
        #expect(keys.contains("Sources/ItemBankRuntime/ItemBankRuntime.docc/ItemBankRuntime.md 2"))
        #expect(keys.contains("Sources/AdaptiveTesting/IRT/IRTEngine.swift 1"))
    }

    @Test("every swift block of the documentation is, verbatim, compiled code of this target, and nothing else is")
    func examplesAreCompiled() throws {
        let examples = try DocumentationExamples.all()
        let copies = try DocumentationExamples.compiledCopies()
        for example in examples {
            guard let copy = copies[example.key] else {
                Issue.record(
                    "\(example) has no compiled copy: add it between `// docs-example: \(example.key)` and `// docs-example: end` in Tests/DocumentationExampleTests"
                )
                continue
            }
            // `import` lines are the compiled file's imports; the rest is the same text, line for line.
            let imports = example.lines.filter { $0.hasPrefix("import ") }
            var code = Array(example.lines.drop { $0.hasPrefix("import ") })
            if !imports.isEmpty, code.first == "" { code.removeFirst() }
            #expect(
                imports.allSatisfy(copy.imports.contains), "\(example): \(imports) not all imported by \(copy.location)"
            )
            #expect(code == copy.lines, "\(example) differs from its compiled copy at \(copy.location)")
        }
        let documented = Set(examples.map(\.key))
        let stale = copies.keys.filter { !documented.contains($0) }.sorted()
        #expect(stale == [], "compiled copies of swift blocks the documentation no longer has")
    }

    @Test("the checker reads fenced blocks of Markdown and of doc comments")
    func parsing() {
        let markdown = "Text\n```swift\nlet a = 1\n\nprint(a)\n```\n```\nnot swift\n```\n```swift\nb()\n```\n"
        #expect(
            DocumentationExamples.blocks(in: markdown, file: "X.md") == [
                DocumentationExample(file: "X.md", number: 1, line: 2, lines: ["let a = 1", "", "print(a)"]),
                DocumentationExample(file: "X.md", number: 2, line: 10, lines: ["b()"]),
            ])
        let source = "/// Doc.\n///\n/// ```swift\n/// f(x)\n///     g()\n/// ```\nstruct S {}\n"
        #expect(
            DocumentationExamples.blocks(in: source, file: "S.swift") == [
                DocumentationExample(file: "S.swift", number: 1, line: 3, lines: ["f(x)", "    g()"])
            ])
    }
}
