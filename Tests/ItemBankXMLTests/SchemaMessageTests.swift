import Foundation
import ItemBankModel
import Testing

@testable import ItemBankXML

/// libxml2's schema messages rewritten in the project's words, with what to do (issue 11, did-you-mean).
@Suite("schema messages")
struct SchemaMessageTests {
    /// An item of type qcu with `body`, the root's status `status` and the choices' start tag `choices`.
    func diagnostics(status: String = "validated", body: String) -> [Diagnostic] {
        let text = """
            <item xmlns="urn:itembank:item:1" id="x" skill="@web1" type="qcu" status="\(status)" xml:lang="fr">
            \(body)
            </item>
            """
        return readItem(text).1
    }

    static let choices = #"<choices><choice key="true">a</choice><choice>b</choice></choices>"#

    @Test("a misspelt enumeration value: the allowed values and the closest one")
    func enumeration() throws {
        let found = diagnostics(status: "valided", body: "<stem>Q</stem>" + Self.choices)
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.ruleID == "xml.schema")
        #expect(
            diagnostic.message
                == "value 'valided' of attribute status on <item> is not one of proposed, validated, archived or obsolete"
        )
        #expect(diagnostic.help == "did you mean status=\"validated\"?")
        let far = try #require(diagnostics(status: "done", body: "<stem>Q</stem>" + Self.choices).first)
        #expect(far.help == "write one of proposed, validated, archived or obsolete")
    }

    @Test("a misspelt element: what was expected and the closest name")
    func element() throws {
        let found = diagnostics(
            body: #"<stem>Q</stem><choices><choice key="true">a</choice><choise>b</choise></choices>"#)
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.message == "element <choise> is not expected here; expected <choice>")
        #expect(diagnostic.help == "did you mean <choice>?")
        #expect(diagnostic.location.line == 2)
    }

    @Test("elements out of order: what was expected, and the order rule as help")
    func order() throws {
        let found = diagnostics(body: Self.choices + "<stem>Q</stem>")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message == "element <choices> is not expected here; expected <stem>")
        #expect(
            diagnostic.help
                == "elements come in the order their schema gives (Schemas/item.xsd, framework.xsd, bank.xsd; docs/authoring.md)"
        )
    }

    @Test("a misspelt attribute: the closest attribute name of the schemas")
    func attribute() throws {
        let found = diagnostics(
            body: #"<stem>Q</stem><choices shufle="true"><choice key="true">a</choice><choice>b</choice></choices>"#)
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.message == "attribute shufle is not allowed on <choices>")
        #expect(diagnostic.help == "did you mean shuffle?")
        #expect(SchemaMessages.attributeNames.contains("tolerances"))
    }

    @Test("another message is kept as humanize gives it, without help")
    func other() {
        let (message, help) = SchemaMessages.rewrite(
            "element <calibration>, attribute 'difficulty': 'NaN' is not a valid value")
        #expect(message == "element <calibration>, attribute 'difficulty': 'NaN' is not a valid value")
        #expect(help == nil)
        #expect(SchemaMessages.closest(to: "qcn", among: ["qcu", "qcm"]) == nil)  // two as close: no guess
    }
}
