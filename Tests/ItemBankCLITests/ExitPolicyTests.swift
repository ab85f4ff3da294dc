import ArgumentParser
import Testing

@testable import itembank

/// One exit-status policy, in one place: what each kind of error prints and the status it exits with.
@Suite struct ExitPolicyTests {
    struct LibraryError: Error, CustomStringConvertible {
        var description: String { "the library's message" }
    }

    @Test func statusesAreTheREADMEs() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3])
    }

    @Test func commandErrorsPrintTheirMessageOnce() {
        #expect(
            ExitPolicy.outcome(for: CommandError.usage("x.json: no such file"))
                == .init(message: "itembank: error: x.json: no such file\n", status: 2))
        #expect(
            ExitPolicy.outcome(for: CommandError.invalidBank("b.itembank: not a valid bank: [truncated]"))
                == .init(message: "itembank: error: b.itembank: not a valid bank: [truncated]\n", status: 3))
        #expect(ExitPolicy.outcome(for: CommandError.findings()) == .init(message: "", status: 1))
        #expect(
            ExitPolicy.outcome(for: CommandError.findings("not written"))
                == .init(message: "itembank: error: not written\n", status: 1))
    }

    @Test func usageErrorsOfTheParserExitWith2Not64() throws {
        #expect(ItemBankCommand.exitCode(for: ValidationError("x")) == .validationFailure)
        let outcome = try #require(ExitPolicy.outcome(for: ValidationError("give a bank folder or item files")))
        #expect(outcome.status == 2)
        #expect(outcome.message.hasPrefix("Error: give a bank folder or item files\n"))
        do {
            _ = try ItemBankCommand.parseAsRoot(["lint", "Banks/crcn", "--fail-on", "info"])
            Issue.record("--fail-on info was accepted")
        } catch {
            let refused = try #require(ExitPolicy.outcome(for: error))
            #expect(refused.status == 2)
            #expect(
                refused.message.hasPrefix(
                    "Error: The value 'info' is invalid for '--fail-on <severity>'. "
                        + "Please provide one of 'error' and 'warning'.\n"))
        }
    }

    @Test func otherErrorsAreUsageOrIOErrors() {
        #expect(ExitPolicy.outcome(for: ExitCode(1)) == .init(message: "", status: 1))
        #expect(
            ExitPolicy.outcome(for: LibraryError())
                == .init(message: "itembank: error: the library's message\n", status: 2))
    }

    @Test func helpAndVersionAreLeftToTheParser() {
        do {
            _ = try ItemBankCommand.parseAsRoot(["--version"])
            Issue.record("--version parsed as a command")
        } catch {
            #expect(ExitPolicy.outcome(for: error) == nil)
        }
    }
}
