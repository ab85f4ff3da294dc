import Foundation
import Testing

/// `itembank session` and `itembank certify` on Banks/crcn, with scripted learners.
@Suite("itembank session and certify")
struct JourneyCommandTests {
    /// Builds Banks/crcn into `directory`.
    func crcn(in directory: String) throws -> String {
        let bank = directory + "/crcn.itembank"
        let build = try CLI.run(["build", "Banks/crcn", "-o", bank])
        try #require(build.status == 0, "\(build.stderr)")
        return bank
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(
        "a scripted learner is positioned in 5 competences, then certified with one level lowered and one invalidated")
    func positioningThenCertification() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = try crcn(in: directory)
        let right = directory + "/right.json"
        try write(#"{"otherwise": "right"}"#, to: right)
        let profile = directory + "/profile.json"
        for (index, competence) in ["1.1", "1.2", "1.3", "2.1", "3.1"].enumerated() {
            var arguments = [
                "session", bank, "--competence", competence, "--answers", right, "--date", "2026-11-29", "--seed",
                "3", "--save-profile", profile, "--json",
            ]
            if index > 0 { arguments += ["--profile", profile] }
            let session = try CLI.run(arguments)
            #expect(session.status == 0, "\(session.stderr)")
            let output = try json(session.stdout)
            let result = try #require(output["result"] as? [String: Any])
            let scores = result["competences"] as? [[String: Any]] ?? []
            // Every skill of levels 1–6 of both tubes has an item: a learner who answers everything right
            // validates 6 levels × 8 pix.
            #expect(scores.first?["competence"] as? String == competence)
            #expect(scores.first?["level"] as? Int == 6)
            #expect(scores.first?["pix"] as? Int == 48)
            #expect(result["ended"] as? Bool == true)
            let answers = result["answers"] as? [[String: Any]] ?? []
            #expect(answers.allSatisfy { $0["outcome"] as? String == "ok" })
            #expect((3...12).contains(answers.count))
        }

        // Assemble: 3 questions per competence.
        let assembled = try CLI.run(["certify", bank, "--profile", profile, "--seed", "4", "--json"])
        #expect(assembled.status == 0, "\(assembled.stderr)")
        let test = try #require(try json(assembled.stdout)["test"] as? [String: Any])
        let questions = test["questions"] as? [[String: Any]] ?? []
        let competences = questions.map { $0["competence"] as? String ?? "" }
        #expect(
            competences == [
                "1.1", "1.1", "1.1", "1.2", "1.2", "1.2", "1.3", "1.3", "1.3", "2.1", "2.1", "2.1", "3.1", "3.1", "3.1",
            ])
        let items = questions.map { $0["item"] as? String ?? "" }

        // One wrong answer in 1.2, two in 2.1 (one skipped), one neutralised item in 1.3, the rest right:
        // 11 right of 14 counted = 78.6 %, the middle band: 1.2 (3 asked, 2 right) is lowered, 2.1
        // (1 right) invalidated, 1.3 (2 right, 1 neutralised) validated.
        // A passed item counts as not right (only `ok` does); the wrong answers are scripted as passes.
        let answersFile = directory + "/certification.json"
        try write(
            """
            {"answers": {"\(items[3])": {"skipped": true}, "\(items[9])": {"skipped": true},
                         "\(items[10])": {"skipped": true}},
             "otherwise": "right", "neutralised": ["\(items[6])"]}
            """, to: answersFile)
        let scored = try CLI.run([
            "certify", bank, "--profile", profile, "--seed", "4", "--answers", answersFile, "--date", "2026-11-29",
        ])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(
            scored.stdoutLines == [
                "certification validated: 184 pix, taken 2026-11-29, valid until 2029-11-29",
                "reproducibility: 78.6 %",
                "competence 1.1: positioned level 6 (48 pix), 3/3 right → validated: level 6, 48 pix",
                "competence 1.2: positioned level 6 (48 pix), 2/3 right → lowered: level 5, 40 pix",
                "competence 1.3: positioned level 6 (48 pix), 2/3 right, 1 neutralised → validated: level 6, 48 pix",
                "competence 2.1: positioned level 6 (48 pix), 1/3 right → invalidated: level 0, 0 pix",
                "competence 3.1: positioned level 6 (48 pix), 3/3 right → validated: level 6, 48 pix",
            ])
    }

    @Test("interactive: the stem and choices are shown, answers read from standard input, errors re-asked")
    func interactive() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/answers.itembank"
        #expect(try CLI.run(["build", "Tests/Fixtures/answers-bank", "-o", bank]).status == 0)
        // Competence 1.1 of the fixture: one tube, levels 1 (qcu), 2 (qroc), 3 (qcm). The first item is
        // the level-2 qroc; a wrong answer invalidates levels 2 and 3, so the level-1 qcu comes next,
        // where choice 9 is refused and asked again, then an empty line passes it.
        let run = try CLI.run(
            ["session", bank, "--competence", "1.1", "--date", "2026-11-29"], input: "un annuaire\n9\n\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Question 1\n"))
        #expect(run.stdout.contains("Question 2\n"))
        #expect(run.stdout.contains("  1. "))
        #expect(run.stdout.contains("[choice-out-of-range]: choice 9 is not in 1...3; try again"))
        #expect(run.stdout.contains("1. service-qroc (@rechercheWeb2): ko"))
        #expect(run.stdout.contains("2. moteur-qcu (@rechercheWeb1): skipped"))
        #expect(run.stdoutLines.last == "competence 1.1: level 0, 0 pix (2 items)")
    }

    @Test("simulate --journey positioning: the same seed gives the same report; bad options are usage errors")
    func simulation() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = try crcn(in: directory)
        let arguments = [
            "simulate", bank, "--journey", "positioning", "--learners", "30", "--seed", "5", "--competence", "1.1",
            "--competence", "4.2", "--json",
        ]
        let first = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try CLI.run(arguments).stdout == first.stdout)
        let report = try json(first.stdout)
        #expect(report["positionings"] as? Int == 60)
        let settings = try #require(report["settings"] as? [String: Any])
        #expect(settings["slip"] as? Double == 0.1)
        #expect(settings["competences"] as? [String] == ["1.1", "4.2"])
        let exact = try #require(report["exact"] as? Double)
        let withinOne = try #require(report["withinOne"] as? Double)
        #expect(exact <= withinOne && withinOne <= 1)
        let levels = report["byTrueLevel"] as? [[String: Any]] ?? []
        #expect(levels.reduce(0) { $0 + ($1["positionings"] as? Int ?? 0) } == 60)
        // With neither slips nor guesses the engine positions every learner at the true level.
        let perfect = try CLI.run([
            "simulate", bank, "--journey", "positioning", "--learners", "20", "--slip", "0", "--guess", "0", "--json",
        ])
        #expect(try json(perfect.stdout)["exact"] as? Double == 1)

        let badJourney = try CLI.run(["simulate", bank, "--journey", "training"])
        #expect(badJourney.status == 2)
        #expect(
            badJourney.stderr.hasPrefix(
                "Error: The value 'training' is invalid for '--journey <journey>'. Please provide one of 'positioning'."
            ))
        let badSlip = try CLI.run(["simulate", bank, "--journey", "positioning", "--slip", "2"])
        #expect(badSlip.status == 2)
        #expect(badSlip.stderr.contains("--slip and --guess are probabilities"))
        let unknown = try CLI.run(["simulate", bank, "--journey", "positioning", "--competence", "8.8"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no competence 8.8 in the bank"))
    }

    @Test("nothing is lost: an unfinished session, a bad output path, a corrupt bank, an unknown locale or key")
    func nothingLost() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = try crcn(in: directory)
        let right = directory + "/right.json"
        try write(#"{"otherwise": "right"}"#, to: right)
        let profile = directory + "/profile.json"
        let first = try CLI.run([
            "session", bank, "--competence", "1.1", "--answers", right, "--date", "2026-11-29", "--save-profile",
            profile,
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let saved = try String(contentsOfFile: profile, encoding: .utf8)

        // Input ends at the first question: exit 2, the profile is left as it was.
        let unfinished = try CLI.run(
            ["session", bank, "--competence", "1.1", "--profile", profile, "--save-profile", profile], input: "")
        #expect(unfinished.status == 2)
        #expect(unfinished.stderr.contains("the input ended before the session did; the result above is partial"))
        #expect(unfinished.stderr.contains("\(profile) was not written"))
        #expect(try String(contentsOfFile: profile, encoding: .utf8) == saved)

        // A bad output path is refused before any question.
        let missingFolder = try CLI.run([
            "session", bank, "--competence", "1.1", "--answers", right, "--save-profile", directory + "/no/p.json",
        ])
        #expect(missingFolder.status == 2)
        #expect(missingFolder.stderr.contains("does not exist"))
        #expect(!missingFolder.stdout.contains("1. "))
        let folderTarget = try CLI.run([
            "session", bank, "--competence", "1.1", "--answers", right, "--save-profile", directory,
        ])
        #expect(folderTarget.status == 2)
        #expect(folderTarget.stderr.contains("it is a folder; refusing to replace it"))

        // A locale without items, and an empty training list, are errors, not an empty level 0.
        let locale = try CLI.run(["session", bank, "--competence", "1.1", "--locale", "xx", "--answers", right])
        #expect(locale.status == 2)
        #expect(locale.stderr.contains("no item of competence 1.1 can be served in locale xx"))
        let training = try CLI.run(["session", bank, "--training", "", "--profile", profile])
        #expect(training.status == 2)
        #expect(training.stderr.contains("no competence given"))

        // Impossible dates and misspelt keys are refused.
        let date = try CLI.run(["session", bank, "--competence", "1.1", "--answers", right, "--date", "2025-02-30"])
        #expect(date.status == 2)
        #expect(date.stderr.contains("--date 2025-02-30: expected an ISO 8601 date"))
        let misspelt = directory + "/misspelt.json"
        try write(#"{"answer": {}, "otherwise": "right"}"#, to: misspelt)
        let key = try CLI.run(["session", bank, "--competence", "1.1", "--answers", misspelt])
        #expect(key.status == 2)
        #expect(key.stderr.contains(#"unknown key "answer" (expected answers, otherwise, neutralised)"#))

        // A corrupt bank (one byte of the string pool changed) is refused by every journey command.
        var bytes = try #require(FileManager.default.contents(atPath: bank))
        bytes[bytes.count / 2] ^= 0x20
        let corrupt = directory + "/corrupt.itembank"
        try bytes.write(to: URL(fileURLWithPath: corrupt))
        for arguments in [
            ["session", corrupt, "--competence", "1.1", "--answers", right],
            ["certify", corrupt, "--profile", profile],
            ["simulate", corrupt, "--journey", "positioning", "--learners", "2"],
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 3, "\(arguments[0])")
            #expect(run.stderr.contains("corrupt.itembank: not a valid bank:"), "\(arguments[0])")
        }
    }

    @Test("bad input: unknown competence, missing mode, bad answers file, unscripted item, not eligible")
    func badInput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = try crcn(in: directory)
        let unknown = try CLI.run(["session", bank, "--competence", "9.9"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no competence 9.9 in the bank"))
        let noMode = try CLI.run(["session", bank])
        #expect(noMode.status == 2)
        #expect(noMode.stderr.contains("give either --competence CODE (positioning) or --training CODES"))
        let bad = directory + "/bad.json"
        try write(#"{"answers": {"x": {"choices": "1"}}}"#, to: bad)
        let badFile = try CLI.run(["session", bank, "--competence", "1.1", "--answers", bad])
        #expect(badFile.status == 2)
        #expect(badFile.stderr.contains("bad.json: not a valid answers file:"))
        let empty = directory + "/empty.json"
        try write("{}", to: empty)
        let unscripted = try CLI.run(["session", bank, "--competence", "1.1", "--answers", empty])
        #expect(unscripted.status == 2)
        #expect(unscripted.stderr.contains("no scripted answer for item"))
        let profile = directory + "/p.json"
        try write(#"{"knowledge": [], "answeredItems": []}"#, to: profile)
        let notEligible = try CLI.run(["certify", bank, "--profile", profile])
        #expect(notEligible.status == 1)
        #expect(notEligible.stdout.hasPrefix("not eligible: level 1 is reached in 0 competences, 5 are required"))
    }
}
