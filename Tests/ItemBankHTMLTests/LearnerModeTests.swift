import ItemBankRuntime
import Testing

@testable import ItemBankHTML

/// Learner mode gives nothing away, for every item of the reference bank.
@Suite struct LearnerModeTests {
    @Test func crcnCompiles() throws {
        let bank = try #require(crcnBank, "Banks/crcn did not compile")
        #expect(bank.itemCount > 300)
    }

    @Test func noKeyNoAcceptedAnswerInLearnerMode() throws {
        let bank = try #require(crcnBank, "Banks/crcn did not compile")
        let renderer = ItemHTMLRenderer()
        var checkedAnswers = 0
        for item in bank.allItems {
            let html = renderer.render(item)
            for leak in ["ib-key", "ib-is-key", "checked", "selected", "Solution", "Accepted", "tolerances"] {
                #expect(!html.contains(leak), "\(item.id): learner HTML contains \(leak)")
            }
            // Every choice is written the same way, key or not.
            #expect(html.components(separatedBy: "<div class=\"ib-choice\">").count - 1 == item.choices.count)
            // An accepted answer (typed, or of a group) never appears as text or value, unless the
            // learner is shown it anyway (a drop-down option, or words of the stem).
            let shown = item.responses.flatMap(\.options) + [item.stemText]
            let answers =
                item.responses.filter { !$0.isDropdown }.flatMap(\.acceptedAnswers) + item.answerGroups.flatMap { $0 }
            for answer in answers where !shown.contains(where: { $0.contains(answer) }) {
                let escaped = HTMLText.escape(answer)
                #expect(!html.contains(">\(escaped)<"), "\(item.id): accepted answer \(answer) in learner HTML")
                #expect(!html.contains("value=\"\(HTMLText.escapeAttribute(answer))\""), "\(item.id): \(answer)")
                #expect(!html.contains("<q>"), "\(item.id)")
                checkedAnswers += 1
            }
        }
        #expect(checkedAnswers > 100)
    }

    @Test func reviewerModeShowsEveryKey() throws {
        let bank = try #require(crcnBank, "Banks/crcn did not compile")
        let renderer = ItemHTMLRenderer(mode: .reviewer)
        for item in bank.allItems where item.type == .qcu || item.type == .qcm {
            let html = renderer.render(item)
            #expect(
                html.components(separatedBy: "<div class=\"ib-choice ib-is-key\">").count - 1
                    == item.keyPositions.count,
                "\(item.id)")
        }
    }
}
