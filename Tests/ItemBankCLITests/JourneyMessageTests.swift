import AdaptiveTesting
import Testing

@testable import itembank

/// The journey's errors speak of the bank; the CLI adds its flags and commands.
@Suite struct JourneyMessageTests {
    @Test func theCommandLineAddsItsFlags() {
        let locale = JourneyError.noPlayableItems(competences: ["1.1"], locale: "en")
        #expect(
            locale.description
                == "no item of competence 1.1 can be served in locale en (validated or archived, with that locale)")
        #expect(
            journeyMessage(locale)
                == "no item of competence 1.1 can be served in locale en (validated or archived, with that locale); "
                + "check --locale")
        #expect(
            journeyMessage(JourneyError.unknownCompetence("9.9"))
                == "no competence 9.9 in the bank (see `itembank inspect`)")
        #expect(journeyMessage(JourneyError.sessionEnded) == "the session has ended: nothing is left to ask")
    }
}
