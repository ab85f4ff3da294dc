import Foundation
import Testing

@testable import ItemBankCalibration

@Suite struct ResponseSetTests {
    func read(_ text: String, path: String = "r.csv") throws -> ResponseSet {
        try ResponseSet.read(files: [(path: path, contents: Array(text.utf8))])
    }

    func problems(_ text: String) -> [CalibrationInputError.Problem] {
        do {
            _ = try read(text)
            return []
        } catch let error as CalibrationInputError {
            return error.problems
        } catch {
            return [.init(file: "?", line: 0, message: "\(error)")]
        }
    }

    @Test func groupsByPersonInFirstAppearanceOrder() throws {
        let set = try read("person,item,score\np1,i1,1\np2,i1,0\np1,i2,0\n")
        #expect(set.personIDs == ["p1", "p2"])
        #expect(set.itemIDs == ["i1", "i2"])
        #expect(set.personStart == [0, 2, 3])
        #expect(set.codes == [1, 2, 0])
    }

    @Test func headerVariantsCRLFAndBOM() throws {
        let text = "\u{FEFF}\"Score\",time,Item_ID,Person_ID\r\n1,12,i1,p1\r\n0,13,i2,p1\r\n\r\n"
        let set = try read(text)
        #expect(set.personIDs == ["p1"])
        #expect(set.itemIDs == ["i1", "i2"])
        #expect(set.codes == [1, 2])
    }

    @Test func scoreNotZeroOrOne() {
        let found = problems("person,item,score\np1,i1,1\np1,i2,2\np2,i1,0.5\n")
        #expect(found.map(\.line) == [3, 4])
        #expect(found[0].file == "r.csv")
        #expect(found[0].message.hasPrefix("score \"2\" is not 0 or 1"))
    }

    @Test func missingHeader() {
        let found = problems("p1,i1,1\n")
        #expect(found.count == 1)
        #expect(found[0].line == 1)
        #expect(found[0].message.hasPrefix("expected a header row naming the columns person,item,score"))
    }

    @Test func duplicatePersonItem() {
        let found = problems("person,item,score\np1,i1,1\np2,i1,1\np1,i1,0\n")
        #expect(found.count == 1)
        #expect(found[0].line == 4)
        #expect(found[0].message.contains("(first at r.csv:2)"))
    }

    @Test func shortRowAndEmptyFile() {
        #expect(problems("person,item,score\np1,i1\n").map(\.line) == [2])
        #expect(
            problems("").map(\.message) == [
                "the file is empty; expected a header row person,item,score and one row per response"
            ])
    }

    @Test func personsAcrossFiles() throws {
        let set = try ResponseSet.read(files: [
            (path: "a.csv", contents: Array("person,item,score\np1,i1,1\n".utf8)),
            (path: "b.csv", contents: Array("person,item,score\np1,i2,0\n".utf8)),
        ])
        #expect(set.personIDs == ["p1"])
        #expect(set.codes == [1, 2])
        #expect(throws: CalibrationInputError.self) {
            try ResponseSet.read(files: [
                (path: "a.csv", contents: Array("person,item,score\np1,i1,1\n".utf8)),
                (path: "b.csv", contents: Array("person,item,score\np1,i1,0\n".utf8)),
            ])
        }
    }
}
