import Foundation
import ItemBankModel
import Testing

@testable import ItemBankInterop

@Suite("GIFT parser")
struct GIFTParserTests {
    private func parse(_ text: String) -> ([GIFTQuestion], [Diagnostic]) { GIFTParser.parse(text, path: "t.gift") }

    @Test("multiple choice with a title, escapes and feedback")
    func multipleChoice() throws {
        let (questions, errors) = parse(
            "// comment\n::Raccourci\\: copier::Quel raccourci \\{Windows\\} ?{\n  =Ctrl+C#Oui\n  ~Ctrl\\=V\n  ~Ctrl\\~X\n}\n"
        )
        #expect(errors.isEmpty)
        let question = try #require(questions.first)
        #expect(question.kind == .multipleChoice)
        #expect(question.title == "Raccourci: copier")
        #expect(question.stem == "Quel raccourci {Windows} ?")
        #expect(question.answers.map(\.text) == ["Ctrl+C", "Ctrl=V", "Ctrl~X"])
        #expect(question.answers.map(\.isCorrect) == [true, false, false])
        #expect(question.answers[0].feedback == "Oui")
        #expect(question.location == SourceLocation(path: "t.gift", line: 2, column: 1))
    }

    @Test("question kinds: true/false, short answer, numerical, matching, essay, description")
    func kinds() {
        let text = """
            Le PDF fige la mise en page.{T}

            Capitale ?{=Paris =paris}

            Combien ?{#1024:2}

            Intervalle ?{#1..5}

            Associer.{=Canada -> Ottawa =Italie -> Rome}

            Racontez.{}

            Un texte seul.

            Unique {One}
            """
        let (questions, errors) = parse(text)
        #expect(errors.isEmpty)
        #expect(
            questions.map(\.kind) == [
                .trueFalse, .shortAnswer, .numerical, .numerical, .matching, .essay, .description, .shortAnswer,
            ])
        #expect(questions[0].truth == true)
        #expect(
            questions[2].numericalAnswers == [.init(value: 1024, margin: 2, isRange: false, weight: nil, text: "1024")])
        #expect(questions[3].numericalAnswers.first?.isRange == true)
        #expect(questions[4].answers.map { $0.match ?? "" } == ["Ottawa", "Rome"])
        #expect(questions[7].answers.map(\.text) == ["One"])
        #expect(questions.map(\.location.line) == [1, 3, 5, 7, 9, 11, 13, 15])
    }

    @Test("categories apply to the questions after them; weights are read")
    func categoriesAndWeights() {
        let (questions, _) = parse("$CATEGORY: $course$/top/A\n\nQ1{~%50%a ~%50%b ~%-100%c}\n\n$CATEGORY: B\nQ2{T}\n")
        #expect(questions.map(\.category) == ["$course$/top/A", "B"])
        #expect(questions[0].answers.map(\.weight) == [50, 50, -100])
    }

    @Test("missing-word form keeps the text after the answer block")
    func missingWord() {
        let (questions, _) = parse("Grant is {~buried =entombed ~living} in Grant's tomb.")
        #expect(questions.first?.stem == "Grant is")
        #expect(questions.first?.stemAfter == "in Grant's tomb.")
    }

    @Test("syntax errors are diagnostics with their line, never a crash")
    func errors() {
        for (text, line, message) in [
            ("Q1\n{=a", 2, "the answer block ({…}) is not closed"),
            ("\n\nQ2{#}", 3, "numerical answer \"\" is not a number"),
            ("::title without end", 1, "the title (::title::) is not closed"),
            ("Q3\n{=a}\n{=b}", 2, "a question has one answer block; a second { follows"),
        ] {
            let (questions, errors) = parse(text)
            #expect(questions.isEmpty)
            #expect(errors.map(\.ruleID) == ["import.gift-syntax"])
            #expect(errors.map(\.location.line) == [line], "\(text)")
            #expect(errors.map(\.message) == [message])
        }
    }

    @Test(
        "every GIFT corpus file parses to the kinds of its expected JSON",
        .enabled(if: FileManager.default.fileExists(atPath: Paths.shared + "/corpora/gift")))
    func corpus() throws {
        let folder = Paths.shared + "/corpora/gift"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".gift") }
            .sorted()
        #expect(files.count == 51)
        var mismatches: [String] = []
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let (questions, _) = GIFTParser.parse(text, path: file)
            let json = folder + "/" + file.replacingOccurrences(of: ".gift", with: ".json")
            guard let data = FileManager.default.contents(atPath: json),
                let expected = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            else { continue }
            let kinds = expected.compactMap { $0["type"] as? String }.filter { $0 != "Category" }
            let ours = questions.map { $0.kind.rawValue }
            if kinds != ours { mismatches.append("\(file): expected \(kinds), parsed \(ours)") }
        }
        #expect(mismatches == [])
    }
}
