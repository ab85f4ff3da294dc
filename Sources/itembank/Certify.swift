import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankRuntime

struct Certify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assemble a certification (v2) from a learner's profile, and score it with --answers.",
        discussion: """
            Eligibility: level 1 or more in at least 5 competences. The test asks 3 items per certifiable
            competence, from skills the learner validated directly, hardest first, avoiding items already seen
            and repeated tubes. With --answers (the format of `session --answers`, plus "neutralised": [ids]),
            the test is scored with Pix's reproducibility table; the certificate is valid 3 years
            (docs/algorithms.md). Exit status: 0 assembled or scored, 1 not eligible, 2 usage or I/O error.
            """)

    @Argument(help: "A compiled bank file (itembank build).")
    var bank: String

    @Option(help: "The learner's profile (JSON written by `session --save-profile`).")
    var profile: String

    @Option(help: "Locale of the items served.")
    var locale = "fr-FR"

    @Option(help: "Seed of the deterministic picks.")
    var seed: UInt64 = 1

    @Option(help: "Scripted answers (JSON) to score the test.")
    var answers: String?

    @Option(help: "Date of the certification (ISO 8601); default: now.")
    var date: String?

    @Flag(help: "Print eligibility, test and certificate as JSON.")
    var json = false

    func run() throws {
        let opened = try BankOpening.openVerified(bank)
        let engine = JourneyEngine(bank: opened, locale: locale)
        let learner = try JourneyFiles.read(LearnerProfile.self, from: profile, what: "learner profile")
        let script = try answers.map { try JourneyFiles.read(ScriptedLearner.self, from: $0, what: "answers file") }
        let when = try JourneyFiles.date(date)
        let eligibility = engine.eligibility(learner)
        guard eligibility.isEligible else {
            if json {
                Terminal.out(try JSONOutput.encode(Output(eligibility: eligibility)))
            } else {
                Terminal.out(
                    "not eligible: level 1 is reached in \(eligibility.certifiable.count) competences, "
                        + "\(eligibility.certifiable.count + eligibility.missing) are required "
                        + "(\(eligibility.missing) more among \(eligibility.notReached.joined(separator: ", ")))\n")
            }
            throw CommandError.findings()
        }
        let test: CertificationTest
        do {
            test = try engine.assembleCertification(learner, seed: seed)
        } catch {
            throw CommandError.usage("\(bank): \(journeyMessage(error))")
        }
        guard let script else {
            if json {
                Terminal.out(try JSONOutput.encode(Output(eligibility: eligibility, test: test)))
            } else {
                Terminal.out("eligible: \(eligibility.certifiable.map(\.competence).joined(separator: ", "))\n")
                for (index, question) in test.questions.enumerated() {
                    Terminal.out(
                        "\(index + 1). [\(question.competence)] \(question.item) (\(question.skill))"
                            + (question.seenBefore ? " — seen before" : "") + "\n")
                }
            }
            return
        }
        let neutralised = Set(script.neutralised ?? [])
        let testItems = Set(test.questions.map(\.item))
        if let stray = (script.neutralised ?? []).first(where: { !testItems.contains($0) }) {
            throw CommandError.usage("\(answers ?? ""): neutralised item \(stray) is not in the test")
        }
        if let unknown = script.answers.keys.sorted().first(where: { opened.item(id: $0) == nil }) {
            throw CommandError.usage("\(answers ?? ""): no item \(unknown) in the bank")
        }
        var answersGiven: [CertificationAnswer] = []
        for question in test.questions {
            guard let item = opened.item(id: question.item) else { continue }
            guard let answer = script.answer(to: item) else {
                throw CommandError.usage(
                    "\(answers ?? ""): no scripted answer for item \(item.id); add it to \"answers\" or set \"otherwise\""
                )
            }
            let outcome: AnswerOutcome
            do {
                outcome = try item.check(answer, context: AnswerContext()).outcome
            } catch {
                throw CommandError.usage("\(answers ?? ""): item \(item.id): \(error)")
            }
            answersGiven.append(.init(item: item.id, outcome: outcome, neutralised: neutralised.contains(item.id)))
        }
        let certificate: Certificate
        do {
            certificate = try engine.scoreCertification(test, answers: answersGiven, date: when)
        } catch {
            throw CommandError.usage("\(bank): \(journeyMessage(error))")
        }
        if json {
            Terminal.out(try JSONOutput.encode(Output(eligibility: eligibility, test: test, certificate: certificate)))
            return
        }
        Terminal.out(
            "certification \(certificate.status.rawValue)"
                + (certificate.rejectionReason.map { " (\($0))" } ?? "")
                + ": \(certificate.totalPix) pix, taken \(certificate.date)"
                + (certificate.expiry.map { ", valid until \($0)" } ?? "") + "\n")
        Terminal.out("reproducibility: \(String(format: "%.1f", certificate.reproducibilityRate)) %\n")
        for competence in certificate.competences {
            Terminal.out(
                "competence \(competence.competence): positioned level \(competence.positionedLevel) "
                    + "(\(competence.positionedPix) pix), \(competence.right)/\(competence.asked) right"
                    + (competence.neutralised > 0 ? ", \(competence.neutralised) neutralised" : "")
                    + " → \(competence.decision.rawValue): level \(competence.level), \(competence.pix) pix\n")
        }
    }

    struct Output: Encodable {
        var eligibility: Eligibility
        var test: CertificationTest?
        var certificate: Certificate?
    }
}
