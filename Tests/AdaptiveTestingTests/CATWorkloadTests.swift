import Foundation
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

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
                CalibratedItem(discrimination: 0.94, difficulty: 0.30),
                CalibratedItem(discrimination: 1.5, difficulty: -2),
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
                == "bank.csv:3: discrimination a = \"-1\" is not a decimal number in (0, 10]")
        #expect(
            error(bank: "item,a,b\n0,1,nan\n")?.description
                == "bank.csv:2: difficulty b = \"nan\" is not a decimal number in [-10, 10]")
        #expect(
            error(bank: "item,a,b\n0,1,inf\n")?.description
                == "bank.csv:2: difficulty b = \"inf\" is not a decimal number in [-10, 10]")
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
                == "thetas.csv:3: theta = \"abc\" is not a decimal number in [-10, 10]")
        #expect(error(bank: "item,a,b\n0,1,0\n") == nil)
    }

    @Test func lineEndsCRLFAndByteOrderMark() throws {
        let expected = try CATWorkload.parse(
            bank: "item,a,b\n0,1.2,0.5\n1,0.8,-0.5\n", bankFile: "bank.csv", thetas: "examinee,theta\n0,0.1\n",
            thetasFile: "thetas.csv")
        for (bank, thetas) in [
            // CRLF everywhere, with and without a last line end.
            ("item,a,b\r\n0,1.2,0.5\r\n1,0.8,-0.5\r\n", "examinee,theta\r\n0,0.1"),
            // A file converted to CRLF twice (\r\r\n), and a UTF-8 byte-order mark.
            ("\u{FEFF}item,a,b\r\r\n0,1.2,0.5\r\r\n1,0.8,-0.5\r\r\n", "\u{FEFF}examinee,theta\r\r\n0,0.1\r\r\n"),
            // Mixed LF and CRLF, blank lines of either kind.
            ("item,a,b\n\r\n0,1.2,0.5\r\n\n1,0.8,-0.5\n", "examinee,theta\n0,0.1\r\n\r\n"),
        ] {
            #expect(
                try CATWorkload.parse(bank: bank, bankFile: "bank.csv", thetas: thetas, thetasFile: "thetas.csv")
                    == expected)
        }
        // Line numbers count LF: the bad row of a CRLF file is named where an editor shows it.
        #expect(
            error(bank: "item,a,b\r\n0,1,0\r\n\r\n1,1,oops\r\n")?.description
                == "bank.csv:4: difficulty b = \"oops\" is not a decimal number in [-10, 10]")
    }

    @Test func controlCharactersAreQuotedRawForThePrinterToEscape() {
        // Old Mac line ends (CR alone): the whole file is one line.
        #expect(
            error(bank: "item,a,b\r0,1,0\r")?.description
                == "bank.csv:1: a carriage return (\\r) inside a line: lines must end with LF or CRLF (not CR alone)")
        #expect(
            error(bank: "item\u{1},a,b\n")?.description
                == "bank.csv:1: header \"item\u{1},a,b\" is not \"item,a,b\" or \"item,a,b,c,d\"")
        // A long header is cut after 80 characters.
        let long = String(repeating: "x", count: 200)
        #expect(
            error(bank: long + "\n")?.description
                == "bank.csv:1: header \"\(long.prefix(80))…\" is not \"item,a,b\" or \"item,a,b,c,d\"")
    }

    @Test func numbersAreDecimalAndInRange() {
        #expect(
            error(bank: "item,a,b\n0,0x1p1,0\n")?.description
                == "bank.csv:2: discrimination a = \"0x1p1\" is not a decimal number in (0, 10] (a hexadecimal float: write 2.0)"
        )
        #expect(
            error(bank: "item,a,b\n0,1,1e308\n")?.description
                == "bank.csv:2: difficulty b = \"1e308\" is not a decimal number in [-10, 10]")
        #expect(
            error(bank: "item,a,b\n0,1,1e999\n")?.description
                == "bank.csv:2: difficulty b = \"1e999\" is not a decimal number in [-10, 10]")
        #expect(
            error(bank: "item,a,b\n0,10.5,0\n")?.description
                == "bank.csv:2: discrimination a = \"10.5\" is not a decimal number in (0, 10]")
        #expect(
            error(bank: "item,a,b\n0,0,0\n")?.description
                == "bank.csv:2: discrimination a = \"0\" is not a decimal number in (0, 10]")
        #expect(
            error(bank: "item,a,b\n0,1,-10.01\n")?.description
                == "bank.csv:2: difficulty b = \"-10.01\" is not a decimal number in [-10, 10]")
        #expect(
            error(bank: "item,a,b,c,d\n0,1,0,0x0,1\n")?.description
                == "bank.csv:2: guessing c = \"0x0\": only 2PL items are supported (c must be 0)")
        #expect(
            error(thetas: "examinee,theta\n0,-0x1.8p1\n")?.description
                == "thetas.csv:2: theta = \"-0x1.8p1\" is not a decimal number in [-10, 10] (a hexadecimal float: write -3.0)"
        )
        #expect(
            error(thetas: "examinee,theta\n0,11\n")?.description
                == "thetas.csv:2: theta = \"11\" is not a decimal number in [-10, 10]")
        // The bounds themselves and the decimal forms are accepted.
        #expect(error(bank: "item,a,b,c,d\n0,10,-10,0.0,1e0\n1,.5,10.,0,1\n2,+1E-1,-1.5e+1e,0,1\n") != nil)
        #expect(error(bank: "item,a,b,c,d\n0,10,-10,0.0,1e0\n1,.5,10.,0,1\n2,+1E-1,-1.5e-1,0,1\n") == nil)
        #expect(error(thetas: "examinee,theta\n0,10\n1,-10\n") == nil)
    }

    @Test func decimalNumbers() {
        for (text, value) in [("1", 1.0), ("-0.25", -0.25), (".5", 0.5), ("5.", 5), ("+1.5e-3", 0.0015), ("2E2", 200)] {
            #expect(DecimalNumber.parse(text) == value, "\(text)")
        }
        for text in [
            "", "-", ".", "e5", "1e", "1e+", "0x1p1", "inf", "-infinity", "nan", "1,5", " 1", "1 ", "1.2.3", "١",
        ] {
            #expect(DecimalNumber.parse(text) == nil, "\(text)")
        }
        #expect(DecimalNumber.parse("1e999") == .infinity)
    }

    @Test func missingFileIsNamed() {
        #expect(throws: CATWorkloadError(file: "/nonexistent/bank.csv", line: nil, "cannot read the file")) {
            try CATWorkload.load(directory: "/nonexistent")
        }
    }
}
