import ItemBankFormat
import Testing

@testable import ItemBankRuntime

/// Adding computed sections to a built bank (`calibrate-exposure`) and the plain text of choices.
@Suite struct BankRewritingTests {
    @Test func replacingNothingGivesTheSameBytes() throws {
        try withFixture { bytes in
            let bank = try Bank(bytes: bytes)
            #expect(bank.replacingSections([]) == bytes)
        }
    }

    @Test func anAddedSectionIsVerifiedAndReadBack() throws {
        try withFixture { bytes in
            let bank = try Bank(bytes: bytes)
            let parameters = (0..<bank.itemCount).map { 1 - Double($0) / 100 }
            let expo = BankSection(
                id: .exposureParameters, payload: BankWriter.exposureParametersPayload(parameters), recordSize: 8,
                flags: 0)
            let rewritten = try Bank(bytes: bank.replacingSections([expo]))
            try rewritten.verify(.full)
            #expect(rewritten.sectionInfo.map(\.id) == bank.sectionInfo.map(\.id) + ["EXPO"])
            #expect(rewritten.allItems.map(\.id) == bank.allItems.map(\.id))
            #expect(rewritten.exposureParameters == parameters)
            // Replaced, not added twice: the last section is the new one.
            let halves = parameters.map { $0 / 2 }
            let again = try Bank(
                bytes: rewritten.replacingSections([
                    BankSection(
                        id: .exposureParameters, payload: BankWriter.exposureParametersPayload(halves),
                        recordSize: 8, flags: 0)
                ]))
            #expect(again.sectionInfo.map(\.id) == bank.sectionInfo.map(\.id) + ["EXPO"])
            #expect(again.rawSections.last?.payload == BankWriter.exposureParametersPayload(halves))
        }
    }

    @Test func plainTextOfAChoice() {
        #expect(
            MarkupText.plain("<code>intitle:&quot;énergie&quot;</code> &amp; <em>plus</em>")
                == "intitle:\"énergie\" & plus")
        #expect(MarkupText.plain("a &amp;lt; b") == "a &lt; b")
        #expect(MarkupText.plain("1 &lt; 2 &gt; 0, l&apos;image") == "1 < 2 > 0, l'image")
    }

    @Test func choicesOfABankAsPlainText() throws {
        try withFixture { bytes in
            let bank = try Bank(bytes: bytes)
            let choices = bank.allItems.flatMap(\.choices)
            #expect(!choices.isEmpty)
            for choice in choices {
                #expect(!choice.plainText.contains("<"))
                #expect(choice.plainText == MarkupText.plain(choice.text))
            }
        }
    }
}
