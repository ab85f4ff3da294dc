import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankRuntime
import ItemBankSystem

struct Session: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a positioning test (or training) on a compiled bank, in the terminal or from a script.",
        discussion: """
            Positioning: --competence 1.1. Training: --training 1.1,2.3 with --profile (the learner's knowledge
            from earlier sessions). Interactively, each item is shown with its choices or responses; type the
            choice numbers (1,3), a text, or an empty line to pass. --answers FILE replays a scripted learner
            (JSON: {"answers": {"item-id": {"choices": [2]}, …}, "otherwise": "right" | "wrong" | "skip"}).
            The algorithm is Pix's "smart random" (docs/algorithms.md). Same bank, seed and answers: same items.
            Exit status: 0 done, 2 usage or I/O error (unknown competence, bad file, unscripted item).
            """)

    @Argument(help: "A compiled bank file (itembank build).")
    var bank: String

    @Option(help: "Competence to position, for example 1.1.")
    var competence: String?

    @Option(help: "Competences to train, comma-separated (continues from --profile).")
    var training: String?

    @Option(help: "Locale of the items served.")
    var locale = "fr-FR"

    @Option(help: "Seed of the deterministic picks (derive it from the assessment id).")
    var seed: UInt64 = 1

    @Option(help: "The learner's profile (JSON written by --save-profile).")
    var profile: String?

    @Option(name: .customLong("save-profile"), help: "Write the learner's updated profile to this file.")
    var saveProfile: String?

    @Option(help: "Scripted answers (JSON) instead of the terminal.")
    var answers: String?

    @Option(help: "Date of the session (ISO 8601); default: now.")
    var date: String?

    @Flag(help: "Print the result and the updated profile as JSON.")
    var json = false

    func run() throws {
        try JourneyFiles.checkOutput(saveProfile)
        let opened = try BankOpening.openVerified(bank)
        let engine = JourneyEngine(bank: opened, locale: locale)
        let learner =
            try profile.map { try JourneyFiles.read(LearnerProfile.self, from: $0, what: "learner profile") }
            ?? LearnerProfile()
        let script = try answers.map { try JourneyFiles.read(ScriptedLearner.self, from: $0, what: "answers file") }
        if let script, let unknown = script.answers.keys.sorted().first(where: { opened.item(id: $0) == nil }) {
            throw CommandError.usage("\(answers ?? ""): no item \(unknown) in the bank")
        }
        let unknownSkills = learner.knowledge.filter { opened.skill(named: $0.skill) == nil }.count
        if unknownSkills > 0 {
            Terminal.note(
                "note: \(unknownSkills) knowledge elements of the profile name skills this bank does not have "
                    + "(kept in the profile, not scored)")
        }
        let when = try JourneyFiles.date(date)
        var state: SessionState
        do {
            switch (competence, training) {
            case (let code?, nil):
                state = try engine.startPositioning(competence: code, profile: learner, seed: seed)
            case (nil, let list?):
                let codes = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                state = try engine.startTraining(competences: codes, profile: learner, seed: seed, now: when)
            default:
                throw CommandError.usage("give either --competence CODE (positioning) or --training CODES")
            }
        } catch let error as JourneyError {
            throw CommandError.usage("\(bank): \(journeyMessage(error))")
        }
        let prompt = Prompt(toStandardError: json)
        var stoppedEarly = false
        while let item = try journey({ () throws(JourneyError) in try engine.next(state) }) {
            let number = state.answers.count + 1
            var check: AnswerCheck?
            if let script {
                guard let answer = script.answer(to: item) else {
                    throw CommandError.usage(
                        "\(answers ?? ""): no scripted answer for item \(item.id); add it to \"answers\" or set \"otherwise\""
                    )
                }
                do {
                    check = try item.check(answer, context: AnswerContext())
                } catch {
                    throw CommandError.usage("\(answers ?? ""): item \(item.id): \(error)")
                }
            } else {
                prompt.show(item, number: number)
                while check == nil {
                    guard let answer = prompt.read(item) else { break }
                    do {
                        check = try item.check(answer, context: AnswerContext())
                    } catch {
                        prompt.say("  \(error); try again")
                    }
                }
            }
            guard let check else {
                stoppedEarly = true
                break
            }
            state = try journey { () throws(JourneyError) in
                try engine.record(state, item: item.id, outcome: check.outcome, at: when)
            }
            if !json { Terminal.out("\(number). \(item.id) (\(item.skill?.name ?? "?")): \(check.outcome.rawValue)\n") }
        }
        let result = try journey { () throws(JourneyError) in try engine.result(state) }
        let updated = try journey { () throws(JourneyError) in try engine.updatedProfile(learner, with: state) }
        // An unfinished session measures nothing: its profile is not saved (the earlier one stays).
        if let saveProfile, !stoppedEarly { try JourneyFiles.write(updated, to: saveProfile) }
        if json {
            Terminal.out(try JSONOutput.encode(SessionOutput(result: result, profile: updated)))
        } else {
            for score in result.competences {
                let items = result.answers.count
                Terminal.out(
                    "competence \(score.competence): level \(score.level), \(score.pix) pix "
                        + "(\(items) \(items == 1 ? "item" : "items"))\n")
            }
        }
        if stoppedEarly {
            throw CommandError.usage(
                "the input ended before the session did; the result above is partial"
                    + (saveProfile.map { " and \($0) was not written" } ?? ""))
        }
    }

    /// Runs a journey step; a journey error exits with status 2.
    func journey<Value>(_ body: () throws(JourneyError) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            throw CommandError.usage("\(bank): \(journeyMessage(error))")
        }
    }

    struct SessionOutput: Encodable {
        var result: SessionResult
        var profile: LearnerProfile
    }
}

/// Shows an item in the terminal and reads the learner's answer.
struct Prompt {
    var toStandardError: Bool

    func say(_ text: String) {
        if toStandardError { Terminal.note(text) } else { Terminal.out(text + "\n") }
    }

    func show(_ item: ItemView, number: Int) {
        say("")
        say("Question \(number)")
        say(item.stemText)
        switch item.type {
        case .qcu, .qcm:
            for (index, choice) in item.choices.enumerated() { say("  \(index + 1). \(choice.plainText)") }
            say(
                item.type == .qcu
                    ? "(one number; empty line to pass)" : "(numbers separated by commas; empty line to pass)")
        case .qroc, .qrocmInd, .qrocmDep:
            say("(empty line to pass)")
        }
    }

    /// The learner's answer; nil when the input ended.
    func read(_ item: ItemView) -> LearnerAnswer? {
        switch item.type {
        case .qcu, .qcm:
            guard let line = ask("> ") else { return nil }
            let parts = line.split(whereSeparator: { $0 == "," || $0 == " " })
            if parts.isEmpty { return .skipped }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count else {
                let bad = parts.first { Int($0) == nil }.map(String.init) ?? line
                say("  \(PrintableText.quoted(bad)) is not a choice number; type numbers such as 1 or 1,3")
                return read(item)
            }
            return .choices(numbers)
        case .qroc:
            guard let line = ask("> ") else { return nil }
            return line.trimmingCharacters(in: .whitespaces).isEmpty ? .skipped : .text(line)
        case .qrocmInd, .qrocmDep:
            var texts: [String: String] = [:]
            for response in item.responses {
                if response.isDropdown {
                    say(
                        "  \(response.label ?? response.id): "
                            + response.options.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(
                                separator: "  "))
                }
                guard let line = ask("  \(response.label ?? response.id) > ") else { return nil }
                if response.isDropdown, let choice = Int(line), response.options.indices.contains(choice - 1) {
                    texts[response.id] = response.options[choice - 1]
                } else {
                    texts[response.id] = line
                }
            }
            return texts.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
                ? .skipped : .texts(texts)
        }
    }

    func ask(_ text: String) -> String? {
        if toStandardError {
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            Terminal.out(text)
        }
        return readLine(strippingNewline: true)
    }
}
