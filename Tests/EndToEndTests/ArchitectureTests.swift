import Foundation
import ItemBankTestSupport
import Testing

/// docs/architecture.md's module graph is Package.swift's: the `dependencies` block of the document
/// lists each module (test targets aside) with its direct dependencies, and the arrows go one way.
@Suite struct ArchitectureTests {
    typealias Graph = [String: Set<String>]

    /// Targets of Package.swift (`.target`, `.executableTarget`, `.systemLibrary`) and their direct
    /// dependencies; a product dependency by its product name.
    static func packageGraph(_ manifest: String) throws -> Graph {
        let start = try Regex(#"\.(?:target|executableTarget|systemLibrary)\("#)
        let name = try Regex(#"name:\s*"([^"]+)""#)
        let product = try Regex(#"\.product\(name:\s*"([^"]+)",\s*package:\s*"[^"]+"\)"#)
        let quoted = try Regex(#""([^"]+)""#)
        var graph: Graph = [:]
        for match in manifest.matches(of: start) {
            // The call's arguments, up to its balanced closing parenthesis.
            var depth = 1
            var end = match.range.upperBound
            while depth > 0, end < manifest.endIndex {
                if manifest[end] == "(" { depth += 1 }
                if manifest[end] == ")" { depth -= 1 }
                end = manifest.index(after: end)
            }
            let arguments = String(manifest[match.range.upperBound..<end])
            guard let target = arguments.firstMatch(of: name)?.output[1].substring else { continue }
            var dependencies = Set<String>()
            if let list = arguments.range(of: "dependencies:"),
                let open = arguments[list.upperBound...].firstIndex(of: "["),
                let close = arguments[open...].firstIndex(of: "]")
            {
                let text = String(arguments[open...close]).replacing(product) { "\"\($0.output[1].substring ?? "")\"" }
                for dependency in text.matches(of: quoted) {
                    if let value = dependency.output[1].substring { dependencies.insert(String(value)) }
                }
            }
            graph[String(target)] = dependencies
        }
        return graph
    }

    /// The ```dependencies block of docs/architecture.md: `Module: A, B` per line.
    static func documentedGraph(_ document: String) -> Graph? {
        guard let open = document.range(of: "```dependencies\n"),
            let close = document.range(of: "```", range: open.upperBound..<document.endIndex)
        else { return nil }
        var graph: Graph = [:]
        for line in document[open.upperBound..<close.lowerBound].split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let dependencies = parts.count == 2 ? parts[1].split(separator: ",") : []
            graph[parts[0].trimmingCharacters(in: .whitespaces)] = Set(
                dependencies.map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return graph
    }

    @Test func theDocumentedGraphIsThePackagesGraph() throws {
        let package = try Self.packageGraph(String(contentsOfFile: repositoryRoot + "/Package.swift", encoding: .utf8))
        let document = try String(contentsOfFile: repositoryRoot + "/docs/architecture.md", encoding: .utf8)
        let documented = try #require(
            Self.documentedGraph(document), "docs/architecture.md has no ```dependencies block")
        #expect(package.count >= 16)
        for module in Set(package.keys).union(documented.keys).sorted() {
            #expect(
                documented[module] == package[module],
                "\(module): Package.swift \(package[module]?.sorted() ?? []), docs/architecture.md \(documented[module]?.sorted() ?? [])"
            )
        }
    }

    @Test func theArrowsGoOneWay() throws {
        let package = try Self.packageGraph(String(contentsOfFile: repositoryRoot + "/Package.swift", encoding: .utf8))
        func reaches(_ module: String) -> Set<String> {
            var seen = Set<String>()
            var stack = Array(package[module] ?? [])
            while let next = stack.popLast() {
                if seen.insert(next).inserted { stack += package[next] ?? [] }
            }
            return seen
        }
        // Item response theory needs no bank; the runtime no XML; the leaves nothing of the project.
        #expect(reaches("ItemResponseTheory") == ["ItemBankSystem"])
        #expect(!reaches("ItemBankRuntime").contains("ItemBankXML"))
        #expect(!reaches("ItemBankRuntime").contains("CItemBankLibXML2"))
        #expect(!reaches("AdaptiveTesting").contains("CItemBankLibXML2"))
        #expect(reaches("ItemBankVocabulary").isEmpty)
        #expect(reaches("ItemBankSystem").isEmpty)
        for module in package.keys { #expect(!reaches(module).contains(module), "\(module) depends on itself") }
    }

    @Test func theManifestParserReadsProductsAndMultilineLists() throws {
        let manifest = """
            .target(name: "A"),
            .target(
                name: "B",
                dependencies: [
                    "A", .product(name: "Crypto", package: "swift-crypto"),
                ]
            ),
            .testTarget(name: "BTests", dependencies: ["B"]),
            """
        #expect(try Self.packageGraph(manifest) == ["A": [], "B": ["A", "Crypto"]])
    }
}
