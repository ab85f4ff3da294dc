import Foundation
import ItemBankTestSupport
import ItemBankXML
import Testing

@testable import ItemBankLint

/// A rule cannot be forgotten: every type declared to conform to `Rule` in a file under
/// `Sources/ItemBankLint/Rules/` is in ``Catalogue/rules``, once, and the catalogue lists nothing else;
/// the same for the reading rules (`xml.*`, `: ReadingRule` under `Sources/ItemBankXML/Rules/`) and
/// `XMLRules.rules`; and the catalogue's descriptions are those of both lists.
@Suite struct CatalogueCompletenessTests {
    /// The `Rule` types declared in the sources, by name, with the file that declares each.
    static func declaredRules(
        in folder: String = repositoryRoot + "/Sources/ItemBankLint/Rules", conformingTo protocolName: String = "Rule"
    ) throws -> [String: String] {
        let declaration = try Regex(
            #"(?m)^\s*(?:public\s+|internal\s+)?(?:struct|enum|final\s+class|class|extension)\s+(\w+)\s*:[^{]*\b"#
                + protocolName + #"\b"#
        )
        var found: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
            for match in text.matches(of: declaration) {
                if let name = match.output[1].substring { found[String(name)] = relative }
            }
        }
        return found
    }

    @Test func everyRuleTypeUnderRulesIsInTheCatalogue() throws {
        let declared = try Self.declaredRules()
        let catalogued = Catalogue.rules.map { String(describing: $0) }
        #expect(declared.count >= 56, "the scan missed rule files (56 rules when it was written)")
        let missing = declared.keys.filter { !catalogued.contains($0) }.sorted()
        #expect(missing.isEmpty, "not in Catalogue.rules: \(missing.map { "\($0) (Rules/\(declared[$0] ?? ""))" })")
        let unknown = catalogued.filter { declared[$0] == nil }
        #expect(unknown.isEmpty, "in Catalogue.rules but declared outside Rules/: \(unknown)")
        #expect(Set(catalogued).count == catalogued.count, "a rule listed twice in Catalogue.rules")
    }

    @Test func everyReadingRuleIsListedAndCatalogued() throws {
        let declared = try Self.declaredRules(
            in: repositoryRoot + "/Sources/ItemBankXML/Rules", conformingTo: "ReadingRule")
        let listed = XMLRules.rules.map { String(describing: $0) }
        #expect(declared.count == 8, "8 reading rules (xml.*) when this was written")
        let missing = declared.keys.filter { !listed.contains($0) }.sorted()
        #expect(missing.isEmpty, "not in XMLRules.rules: \(missing.map { "\($0) (Rules/\(declared[$0] ?? ""))" })")
        #expect(listed.filter { declared[$0] == nil }.isEmpty, "in XMLRules.rules but declared outside Rules/")
        #expect(Set(listed).count == listed.count, "a reading rule listed twice in XMLRules.rules")
        // Each reading rule is in its own file, named after its type.
        for (name, file) in declared { #expect(file == name + ".swift") }
        // `itembank rules`, `explain` and docs/rules.md show every rule of both kinds, once.
        let ids = Catalogue.descriptions.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(
            Set(ids)
                == Set(XMLRules.rules.map { $0.description.id } + Catalogue.rules.map { $0.description.id }))
    }

    @Test func theScanFindsEveryFormOfDeclaration() throws {
        let declaration = try Regex(
            #"(?m)^\s*(?:public\s+|internal\s+)?(?:struct|enum|final\s+class|class|extension)\s+(\w+)\s*:[^{]*\bRule\b"#
        )
        let text = """
            struct A: Rule {
            public struct B: Sendable, Rule {
            extension C: Rule {}
            struct D: RuleSet {
            struct E: Sendable {
            """
        let names = text.matches(of: declaration).compactMap { $0.output[1].substring.map(String.init) }
        #expect(names == ["A", "B", "C"])
    }
}
