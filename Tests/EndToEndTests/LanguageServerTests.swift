import Foundation
import Testing

/// `itembank lsp` driven through its standard input and output as an editor drives it.
@Suite(.serialized) struct LanguageServerTests {
    typealias Client = LanguageServerClient

    /// A planted item: a QCU with two keys, French text (2-byte and 4-byte UTF-8, a UTF-16 surrogate
    /// pair: 🔎) before a straight apostrophe.
    static let planted = """
        <?xml version="1.0" encoding="UTF-8"?>
        <item xmlns="urn:itembank:item:1" id="guillemets" skill="@rechercheWeb3" type="qcu" status="validated" xml:lang="fr-FR">
          <stem>Quelle requête « énergie » 🔎 cherche l'expression exacte ?</stem>
          <choices>
            <choice key="true"><code>"énergie solaire"</code></choice>
            <choice key="true"><code>énergie solaire</code></choice>
            <choice><code>intitle:"énergie solaire"</code></choice>
          </choices>
        </item>

        """

    /// A copy of Tests/Fixtures/clean-bank (canonical path: the server resolves symbolic links).
    func bank() throws -> String {
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: folder + "/bank")
        return URL(fileURLWithPath: folder + "/bank").resolvingSymlinksInPath().path
    }

    func open(_ client: Client, _ uri: String, _ text: String) throws {
        try client.notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": uri, "languageId": "xml", "version": 1, "text": text] as [String: Any]])
    }

    func change(_ client: Client, _ uri: String, version: Int, _ text: String) throws {
        try client.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": uri, "version": version] as [String: Any],
                "contentChanges": [["text": text]],
            ])
    }

    func at(_ uri: String, _ line: Int, _ character: Int) -> [String: Any] {
        ["textDocument": ["uri": uri], "position": ["line": line, "character": character]]
    }

    func range(_ value: Any?) -> String {
        let range = value as? [String: Any] ?? [:]
        let start = range["start"] as? [String: Any] ?? [:]
        let end = range["end"] as? [String: Any] ?? [:]
        return "\(start["line"] as? Int ?? -1):\(start["character"] as? Int ?? -1)-"
            + "\(end["line"] as? Int ?? -1):\(end["character"] as? Int ?? -1)"
    }

    /// Each edit of an action's workspace edit for `uri`: "range newText".
    func edits(_ action: [String: Any], _ uri: String) -> [String] {
        let changes = (action["edit"] as? [String: Any])?["changes"] as? [String: Any] ?? [:]
        return (changes[uri] as? [[String: Any]] ?? []).map {
            range($0["range"]) + " " + ($0["newText"] as? String ?? "")
        }
    }

    @Test func diagnosticsQuickFixesAndSuppressions() throws {
        let root = try bank()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let client = try Client()
        let initialize = try client.request("initialize", ["processId": NSNull(), "rootUri": Client.uri(root)])
        let capabilities = (initialize["result"] as? [String: Any])?["capabilities"] as? [String: Any] ?? [:]
        #expect(capabilities["hoverProvider"] as? Bool == true)
        #expect(capabilities["definitionProvider"] as? Bool == true)
        #expect((capabilities["textDocumentSync"] as? [String: Any])?["change"] as? Int == 2)
        try client.notify("initialized", [:])

        let uri = Client.uri(root + "/items/1.1/guillemets.xml")
        try open(client, uri, Self.planted)
        let diagnostics = try client.diagnostics(for: uri)
        #expect(
            diagnostics.map(Client.summary) == [
                "typo.nbsp-in-guillemets@2:24-2:25", "typo.nbsp-in-guillemets@2:32-2:33",
                "typo.straight-apostrophe@2:47-2:48", "typo.nbsp-before-punctuation@2:65-2:66",
                "key.qcu-single-key@5:4-5:11",
            ])
        let apostrophe = diagnostics[2]
        #expect(apostrophe["severity"] as? Int == 2)
        #expect(apostrophe["source"] as? String == "itembank")
        #expect(apostrophe["message"] as? String == "straight apostrophe: French typography uses ’")
        #expect(
            (apostrophe["codeDescription"] as? [String: Any])?["href"] as? String
                == "https://github.com/itembank/itembank/blob/main/docs/rules.md#typostraight-apostrophe")
        #expect(diagnostics[4]["severity"] as? Int == 1)
        #expect(
            diagnostics[4]["message"] as? String
                == "qcu item guillemets has 2 keys\nhelp: keep key=\"true\" on one choice, or make the item a qcm")

        // Quick fixes on the apostrophe's line.
        let response = try client.request(
            "textDocument/codeAction",
            [
                "textDocument": ["uri": uri],
                "range": ["start": ["line": 2, "character": 47], "end": ["line": 2, "character": 47]],
                "context": ["diagnostics": [] as [Any]],
            ])
        let actions = response["result"] as? [[String: Any]] ?? []
        let byTitle = Dictionary(actions.map { ($0["title"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let fix = try #require(byTitle["replace ' with ’ (U+2019)"])
        #expect(fix["kind"] as? String == "quickfix")
        #expect(edits(fix, uri) == ["2:47-2:48 ’"])
        let element = try #require(byTitle["Disable typo.straight-apostrophe for this <stem> element"])
        #expect(edits(element, uri) == ["2:2-2:2 <?itembank-disable typo.straight-apostrophe?>\n  "])
        let file = try #require(byTitle["Disable typo.straight-apostrophe for this file"])
        #expect(edits(file, uri) == ["1:0-1:0 <?itembank-disable-file typo.straight-apostrophe?>\n"])
        let all = try #require(byTitle["Fix all typography in this file (4 fixes)"])
        #expect(edits(all, uri) == ["2:24-2:25 \u{202F}", "2:32-2:33 \u{202F}", "2:47-2:48 ’", "2:65-2:66 \u{202F}"])
        // The key error's line offers no typography fix but its suppressions.
        let keyActions =
            try client.request(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": uri],
                    "range": ["start": ["line": 5, "character": 4], "end": ["line": 5, "character": 4]],
                    "context": ["diagnostics": [] as [Any]],
                ])["result"] as? [[String: Any]] ?? []
        #expect(
            keyActions.compactMap { $0["title"] as? String } == [
                "Disable key.qcu-single-key for this <choice> element", "Disable key.qcu-single-key for this file",
                "Fix all typography in this file (4 fixes)",
            ])

        // Applying the element suppression silences the apostrophe (the lines below move down by one).
        let suppressed = Self.planted.replacingOccurrences(
            of: "  <stem>", with: "  <?itembank-disable typo.straight-apostrophe?>\n  <stem>")
        try change(client, uri, version: 2, suppressed)
        #expect(
            try client.diagnostics(for: uri).map(Client.summary) == [
                "typo.nbsp-in-guillemets@3:24-3:25", "typo.nbsp-in-guillemets@3:32-3:33",
                "typo.nbsp-before-punctuation@3:65-3:66", "key.qcu-single-key@6:4-6:11",
            ])
        // Hover on the rule id in the suppression: its explanation.
        let hover = try client.request("textDocument/hover", at(uri, 2, 30))
        let hoverResult = hover["result"] as? [String: Any] ?? [:]
        let explanation = (hoverResult["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(explanation.hasPrefix("```text\ntypo.straight-apostrophe (typo, warning by default)\n"))
        #expect(range(hoverResult["range"]) == "2:21-2:45")
        // A suppression of a rule that finds nothing is reported.
        try change(client, uri, version: 3, suppressed.replacingOccurrences(of: "l'expression", with: "l’expression"))
        #expect(
            try client.diagnostics(for: uri).map(Client.summary) == [
                "bank.unused-suppression@2:2-2:20", "typo.nbsp-in-guillemets@3:24-3:25",
                "typo.nbsp-in-guillemets@3:32-3:33", "typo.nbsp-before-punctuation@3:65-3:66",
                "key.qcu-single-key@6:4-6:11",
            ])
        #expect(try client.stop() == 0)
    }

    @Test func crossFileDiagnosticsAndTheFramework() throws {
        let root = try bank()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let client = try Client()
        _ = try client.request("initialize", ["processId": NSNull(), "rootUri": Client.uri(root)])
        let guillemets = Client.uri(root + "/items/1.1/guillemets.xml")
        let operateur = Client.uri(root + "/items/1.1/operateur.xml")
        let guillemetsText = try String(contentsOfFile: root + "/items/1.1/guillemets.xml", encoding: .utf8)
        try open(client, guillemets, guillemetsText)
        #expect(try client.diagnostics(for: guillemets).isEmpty)
        try open(client, operateur, try String(contentsOfFile: root + "/items/1.1/operateur.xml", encoding: .utf8))
        #expect(try client.diagnostics(for: operateur).isEmpty)

        // guillemets takes operateur's id: operateur (later in path order) gets the duplicate, with a
        // related location in guillemets.
        try change(
            client, guillemets, version: 2,
            guillemetsText.replacingOccurrences(of: "id=\"guillemets\"", with: "id=\"operateur\""))
        #expect(try client.diagnostics(for: guillemets).isEmpty)
        let duplicate = try client.diagnostics(for: operateur)
        #expect(duplicate.map(Client.summary) == ["ref.duplicate-item-id@1:38-1:47"])
        let related = duplicate.first?["relatedInformation"] as? [[String: Any]] ?? []
        #expect(related.count == 1)
        let relatedLocation = related.first?["location"] as? [String: Any] ?? [:]
        #expect(relatedLocation["uri"] as? String == guillemets)
        #expect(range(relatedLocation["range"]) == "1:38-1:47")
        #expect(related.first?["message"] as? String == "id operateur first used here")
        // Back to its own id: the duplicate goes away in operateur.
        try change(client, guillemets, version: 3, guillemetsText)
        #expect(try client.diagnostics(for: guillemets).isEmpty)
        #expect(try client.diagnostics(for: operateur).isEmpty)

        // framework.xml renames @rechercheWeb3: the open item that uses it is checked again.
        let frameworkURI = Client.uri(root + "/framework.xml")
        let framework = try String(contentsOfFile: root + "/framework.xml", encoding: .utf8)
        try open(client, frameworkURI, framework)
        #expect(try client.diagnostics(for: frameworkURI).isEmpty)
        try change(
            client, frameworkURI, version: 2,
            framework.replacingOccurrences(of: "@rechercheWeb3\" level=\"3\"", with: "@rechercheWeb5\" level=\"5\""))
        let unknown = try client.diagnostics(for: guillemets).map(Client.summary)
        #expect(unknown == ["ref.unknown-skill@1:57-1:71"])
        #expect(try client.stop() == 0)
    }

    @Test func completionHoverDefinitionAndSymbols() throws {
        let root = try bank()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let client = try Client()
        _ = try client.request("initialize", ["processId": NSNull(), "rootUri": Client.uri(root)])
        let uri = Client.uri(root + "/items/1.1/guillemets.xml")
        try open(client, uri, Self.planted)
        _ = try client.diagnostics(for: uri)

        // Skill ids in skill="…", in framework order, with the tube's title and level.
        let skills = try client.request("textDocument/completion", at(uri, 1, 58))
        let skillItems = (skills["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(
            skillItems.compactMap { $0["label"] as? String } == [
                "@rechercheWeb1", "@rechercheWeb2", "@rechercheWeb3", "@formatsFichiers1", "@formatsFichiers2",
                "@formatsFichiers4",
            ])
        #expect(skillItems[2]["detail"] as? String == "Formuler une requête · level 3")
        #expect(range((skillItems[2]["textEdit"] as? [String: Any])?["range"]) == "1:57-1:58")
        let documentation = (skillItems[2]["documentation"] as? [String: Any])?["value"] as? String ?? ""
        #expect(documentation.contains("- competence 1.1: Mener une recherche et une veille d’information"))

        // Enumerated values of type="…" from the schema.
        let types = try client.request("textDocument/completion", at(uri, 1, 80))
        let typeItems = (types["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(typeItems.compactMap { $0["label"] as? String } == ["qcu", "qcm", "qroc", "qrocm-ind", "qrocm-dep"])
        #expect(range((typeItems.first?["textEdit"] as? [String: Any])?["range"]) == "1:79-1:80")

        // Hover on the skill: competence, tube, level.
        let hover = try client.request("textDocument/hover", at(uri, 1, 60))
        let hoverResult = hover["result"] as? [String: Any] ?? [:]
        #expect(
            (hoverResult["contents"] as? [String: Any])?["value"] as? String
                == "**@rechercheWeb3** (level 3, active)\n\n- competence 1.1: Mener une recherche et une veille "
                + "d’information\n- tube @rechercheWeb: Formuler une requête\n")
        #expect(range(hoverResult["range"]) == "1:57-1:71")

        // Definition of the skill: its <skill> in framework.xml.
        let definition = try client.request("textDocument/definition", at(uri, 1, 60))
        let location = definition["result"] as? [String: Any] ?? [:]
        #expect(location["uri"] as? String == Client.uri(root + "/framework.xml"))
        #expect(range(location["range"]) == "13:23-13:37")

        // Document symbols: the item, its stem and its choices.
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": uri]])
        let item = (symbols["result"] as? [[String: Any]])?.first ?? [:]
        #expect(item["name"] as? String == "guillemets")
        #expect(item["detail"] as? String == "qcu · @rechercheWeb3")
        let children = item["children"] as? [[String: Any]] ?? []
        #expect(children.compactMap { $0["name"] as? String } == ["stem", "choices"])
        #expect(range(children.first?["range"]) == "2:2-2:74")
        let choices = children.last?["children"] as? [[String: Any]] ?? []
        #expect(choices.compactMap { $0["name"] as? String } == ["choice 1", "choice 2", "choice 3"])
        #expect(choices.compactMap { $0["detail"] as? String }.first == "key: \"énergie solaire\"")

        // A new variant (not saved yet): prototype ids, media files, and definition of its prototype.
        let variantURI = Client.uri(root + "/items/1.1/variante.xml")
        let variant = """
            <?xml version="1.0" encoding="UTF-8"?>
            <item xmlns="urn:itembank:item:1" id="variante" skill="@rechercheWeb2" type="qroc" status="proposed" xml:lang="fr-FR" genealogy="variant" prototype="operateur">
              <stem>Quel mot-clé limite une recherche à un site ? <blank response="r"/></stem>
              <illustration src="" alt="Une barre de recherche vide."/>
              <responses>
                <response id="r" format="short"><accept>site:</accept></response>
              </responses>
            </item>

            """
        try open(client, variantURI, variant)
        let variantDiagnostics = try client.diagnostics(for: variantURI).map(Client.summary)
        // An empty src="" does not pass the schema (MediaPath).
        #expect(variantDiagnostics == ["xml.schema@3:21-3:22"])
        let prototypes = try client.request("textDocument/completion", at(variantURI, 1, 150))
        #expect(
            ((prototypes["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []).compactMap {
                $0["label"] as? String
            } == ["extensions", "guillemets", "lecteurs", "moteur", "operateur"])
        let media = try client.request("textDocument/completion", at(variantURI, 3, 21))
        #expect(
            ((media["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []).compactMap {
                $0["label"] as? String
            } == ["requete.svg"])
        let prototype = try client.request("textDocument/definition", at(variantURI, 1, 155))
        let prototypeLocation = prototype["result"] as? [String: Any] ?? [:]
        #expect(prototypeLocation["uri"] as? String == Client.uri(root + "/items/1.1/operateur.xml"))
        #expect(range(prototypeLocation["range"]) == "1:38-1:47")
        #expect(try client.stop() == 0)
    }

    @Test func requestsBeforeInitializeAndAfterShutdown() throws {
        let client = try Client()
        let early = try client.request("textDocument/hover", at("file:///nowhere.xml", 0, 0))
        #expect((early["error"] as? [String: Any])?["code"] as? Int == -32002)
        _ = try client.request("initialize", ["processId": NSNull()])
        let unknown = try client.request("workspace/unknownThing")
        #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
        _ = try client.request("shutdown")
        let late = try client.request("textDocument/hover", at("file:///nowhere.xml", 0, 0))
        #expect((late["error"] as? [String: Any])?["code"] as? Int == -32600)
        try client.notify("exit", [:])
        client.process.waitUntilExit()
        #expect(client.process.terminationStatus == 0)
    }
}
