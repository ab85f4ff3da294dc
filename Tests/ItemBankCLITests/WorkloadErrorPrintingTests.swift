import AdaptiveTesting
import ItemBankSystem
import Testing

@testable import itembank

/// How `itembank simulate --workload` prints a workload that cannot be used: the library's message,
/// control characters escaped.
@Suite struct WorkloadErrorPrintingTests {
    func printed(bank: String, thetas: String = "examinee,theta\n0,0\n") -> String? {
        do {
            _ = try CATWorkload.parse(bank: bank, bankFile: "bank.csv", thetas: thetas, thetasFile: "thetas.csv")
            return nil
        } catch {
            return PrintableText.escaped(error.description)
        }
    }

    @Test func workloadErrorsAreNeverPrintedRaw() {
        // Old Mac line ends (CR alone): the whole file is one line.
        #expect(
            printed(bank: "item,a,b\r0,1,0\r")
                == "bank.csv:1: a carriage return (\\r) inside a line: lines must end with LF or CRLF (not CR alone)")
        #expect(
            printed(bank: "item,a,b\n0,1,0\r1,1,0\n")
                == "bank.csv:2: a carriage return (\\r) inside a line: lines must end with LF or CRLF (not CR alone)")
        #expect(
            printed(bank: "item\u{1},a,b\n")
                == "bank.csv:1: header \"item\\u{1},a,b\" is not \"item,a,b\" or \"item,a,b,c,d\"")
        #expect(
            printed(bank: "item,a,b\n0,1,\u{1B}[31m\n")
                == "bank.csv:2: difficulty b = \"\\u{1B}[31m\" is not a decimal number in [-10, 10]")
        #expect(
            printed(bank: "item,a,b\n0,1\t\u{202E},0\n")
                == "bank.csv:2: discrimination a = \"1\\t\\u{202E}\" is not a decimal number in (0, 10]")
        let file = CATWorkloadError(file: "bad\nname.csv", line: 2, "no item")
        #expect(PrintableText.escaped(file.description) == "bad\\nname.csv:2: no item")
        // A long header is cut after 80 characters.
        let long = String(repeating: "x", count: 200)
        #expect(
            printed(bank: long + "\n")
                == "bank.csv:1: header \"\(long.prefix(80))…\" is not \"item,a,b\" or \"item,a,b,c,d\"")
    }
}
