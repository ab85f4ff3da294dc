import Foundation
import Testing

@testable import AdaptiveTesting

@Suite struct CATWorkloadTests {
    @Test func portableAnswersCheckValues() {
        // The two check values of ../shared/bench/cat-500/README.md.
        let answers = PortableAnswers(itemCount: 500)
        #expect(answers.uniform(examinee: 0, item: 0) == 0.7377056182045093)
        #expect(answers.uniform(examinee: 1, item: 2) == 0.5741938939268829)
    }

    @Test func parsesBothFiles() throws {
        let workload = try CATWorkload.parse(
            bank: "item,a,b,c,d\r\n0, 0.94,0.30,0,1\n1,1.5,-2,0.0,1.0\n\n", bankFile: "bank.csv",
            thetas: "examinee,theta\n0,0.25\n1,-1e0\n", thetasFile: "thetas.csv")
        #expect(workload.itemIDs == ["0", "1"])
        #expect(
            workload.items == [
                IRTItem(discrimination: 0.94, difficulty: 0.30), IRTItem(discrimination: 1.5, difficulty: -2),
            ])
        #expect(workload.examineeIDs == ["0", "1"])
        #expect(workload.thetas == [0.25, -1])
    }

    func error(bank: String = "item,a,b\n0,1,0\n", thetas: String = "examinee,theta\n0,0\n") -> CATWorkloadError? {
        do {
            _ = try CATWorkload.parse(bank: bank, bankFile: "bank.csv", thetas: thetas, thetasFile: "thetas.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test func badRowsAreNamed() {
        #expect(
            error(bank: "item,a,b\n0,1,0\n1,-1,0\n")?.description
                == "bank.csv:3: discrimination a = \"-1\" is not a finite number > 0")
        #expect(
            error(bank: "item,a,b\n0,1,nan\n")?.description
                == "bank.csv:2: difficulty b = \"nan\" is not a finite number")
        #expect(
            error(bank: "item,a,b\n0,1,inf\n")?.description
                == "bank.csv:2: difficulty b = \"inf\" is not a finite number")
        #expect(
            error(bank: "item,a,b,c,d\n0,1,0,0.2,1\n")?.description
                == "bank.csv:2: guessing c = \"0.2\": only 2PL items are supported (c must be 0)")
        #expect(error(bank: "item,a,b\n0,1\n")?.description == "bank.csv:2: 2 fields, expected 3")
        #expect(
            error(bank: "item,a,b\n0,1,0\n0,1,1\n")?.description == "bank.csv:3: item id \"0\" is empty or repeated")
        #expect(
            error(bank: "id,a,b\n")?.description
                == "bank.csv:1: header \"id,a,b\" is not \"item,a,b\" or \"item,a,b,c,d\"")
        #expect(error(bank: "")?.description == "bank.csv: empty file (no header)")
        #expect(error(bank: "item,a,b\n")?.description == "bank.csv: no item")
        #expect(
            error(thetas: "examinee,theta\n0,0\n1,abc\n")?.description
                == "thetas.csv:3: theta = \"abc\" is not a finite number")
        #expect(error(bank: "item,a,b\n0,1,0\n") == nil)
    }

    @Test func missingFileIsNamed() {
        #expect(throws: CATWorkloadError(file: "/nonexistent/bank.csv", line: nil, "cannot read the file")) {
            try CATWorkload.load(directory: "/nonexistent")
        }
    }
}
