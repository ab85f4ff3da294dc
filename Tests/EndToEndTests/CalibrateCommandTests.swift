import Foundation
import Testing

/// `itembank calibrate` on responses simulated from known parameters, on bad input, and writing back
/// into a copy of the clean-bank fixture.
@Suite struct CalibrateCommandTests {
    /// The clean-bank items and the 2PL parameters the responses are simulated from.
    static let items: [(id: String, a: Double, b: Double)] = [
        ("moteur", 1.4, -1.2), ("operateur", 0.8, -0.3), ("guillemets", 1.1, 0.4), ("extensions", 1.6, 0.9),
        ("lecteurs", 0.9, 1.5),
    ]

    /// 3,000 persons × 5 items, θ ~ N(0, 1), SplitMix64 seed 42; CRLF line ends.
    static func responses() -> String {
        var state: UInt64 = 42
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
        var text = "person,item,score,time\r\n"
        for person in 0..<3000 {
            let theta = (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * Double.pi * uniform())
            for item in items {
                let p = 1 / (1 + exp(-item.a * (theta - item.b)))
                text += "L\(person),\(item.id),\(uniform() < p ? 1 : 0),12\r\n"
            }
        }
        return text
    }

    func workspace() throws -> String {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: directory + "/bank")
        try Data(Self.responses().utf8).write(to: URL(fileURLWithPath: directory + "/responses.csv"))
        return directory
    }

    func rows(_ csv: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[fields[0]] = fields
        }
        return rows
    }

    /// 3,000 responses per item but only 5 items per person (a vague posterior for θ): the reported
    /// standard errors are 0.07–0.13 for a and 0.05–0.10 for b, and each estimate must lie within three
    /// of them of its generating value (a 1-in-370 event per parameter for a correct fit), while a sign,
    /// scale or 1.7-factor error is off by many. The SEs themselves must be in 0.02…0.2.
    @Test func recoversTheGeneratingParameters() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLI.run(["calibrate", "--responses", "responses.csv", "-o", "out.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("calibrated 5 items from 15000 responses of 3000 persons"))
        let csv = try String(contentsOfFile: directory + "/out.csv", encoding: .utf8)
        #expect(csv.hasPrefix("item,a,b,se_a,se_b,n,fit,p\n"))
        let table = rows(csv)
        #expect(table.count == 5)
        for item in Self.items {
            let row = try #require(table[item.id])
            #expect(row.count == 8)
            let (a, b) = (try #require(Double(row[1])), try #require(Double(row[2])))
            let (seA, seB) = (try #require(Double(row[3])), try #require(Double(row[4])))
            #expect(abs(a - item.a) < 3 * seA, "\(item.id) a \(a) se \(seA)")
            #expect(abs(b - item.b) < 3 * seB, "\(item.id) b \(b) se \(seB)")
            #expect(row[5] == "3000")
            #expect(seA > 0.02 && seA < 0.2 && seB > 0.02 && seB < 0.2)
            #expect(Double(row[6])! > 0.85 && Double(row[6])! < 1.15)
        }
        // Same numbers run to run.
        let again = try CLI.run(["calibrate", "--responses", "responses.csv"], in: directory)
        #expect(again.stdout == csv)
    }

    @Test func badScoresGetFileAndLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("person,item,score\np1,i1,1\np1,i2,2\np2,i1,1\np2,i1,0\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/r.csv"))
        let result = try CLI.run(["calibrate", "--responses", "r.csv", "-o", "out.csv"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                r.csv:3: error: score "2" is not 0 or 1; calibration needs dichotomous scores (0 wrong, 1 right)
                itembank: error: the responses cannot be calibrated; fix the lines above

                """)
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.csv"))
    }

    @Test func unknownItemOfTheBank() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("person,item,score\np1,moteur,1\np1,inconnu,0\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/r.csv"))
        let result = try CLI.run(["calibrate", "--responses", "r.csv", "--bank", "bank"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("r.csv:3: error: item \"inconnu\" is not in the bank bank;"))
    }

    @Test func allRightItemAndLonePersonAreListed() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "person,item,score\n"
        for p in 0..<200 { text += "p\(p),x,\(p % 3 == 0 ? 1 : 0)\np\(p),y,\(p % 2)\np\(p),easy,1\n" }
        text += "alone,x,1\n"
        for p in 0..<10 { text += "p\(p),rare,\(p % 2)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/r.csv"))
        let result = try CLI.run(["calibrate", "--responses", "r.csv"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "itembank: warning: item \"easy\" not estimated (all-right, 200 responses); left out of the calibrations"
            ))
        #expect(
            result.stderr.contains(
                "itembank: warning: 1 person(s) with fewer than two usable responses left out: \"alone\""))
        #expect(
            result.stderr.contains(
                "itembank: warning: item \"rare\" not estimated (too-few-responses, 10 responses); left out of the calibrations"
            ))
        #expect(result.stdoutLines.map { String($0.prefix(2)) } == ["it", "x,", "y,"])
    }

    @Test func writeBackTouchesOnlyTheCalibration() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let moteur = directory + "/bank/items/1.1/moteur.xml"
        let guillemets = directory + "/bank/items/1.1/guillemets.xml"
        let before = try String(contentsOfFile: moteur, encoding: .utf8)
        let dry = try CLI.run(
            ["calibrate", "--responses", "responses.csv", "--write", "bank", "--dry-run", "--date", "2026-12-07"],
            in: directory)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("-  <calibration discrimination=\"1.2\" difficulty=\"-2.1\"/>\n"))
        #expect(dry.stderr.contains("would update the calibration of 5 item(s) in bank"))
        #expect(try String(contentsOfFile: moteur, encoding: .utf8) == before)
        let wrote = try CLI.run(
            ["calibrate", "--responses", "responses.csv", "--write", "bank", "--date", "2026-12-07", "-o", "c.csv"],
            in: directory)
        #expect(wrote.status == 0, "\(wrote.stderr)")
        let after = try String(contentsOfFile: moteur, encoding: .utf8)
        let old = before.split(separator: "\n", omittingEmptySubsequences: false)
        let new = after.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(old.count == new.count)
        let changed = zip(old, new).filter { $0 != $1 }
        #expect(changed.count == 1)
        let line = String(changed.first?.1 ?? "")
        #expect(line.hasPrefix("  <calibration discrimination=\"1."))
        #expect(line.contains(" n=\"3000\" date=\"2026-12-07\" fit=\"") && line.hasSuffix("\"/>"))
        // The item without a calibration gets one before </item>.
        let inserted = try String(contentsOfFile: guillemets, encoding: .utf8)
        #expect(inserted.contains("  </choices>\n  <calibration discrimination=\"1."))
        #expect(inserted.hasSuffix("\"/>\n</item>\n"))
        // The bank still lints clean (the new attributes are in the schema).
        let lint = try CLI.run(["lint", "bank"], in: directory)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        // A second write with the same estimates and date changes nothing.
        let again = try CLI.run(
            ["calibrate", "--responses", "responses.csv", "--write", "bank", "--date", "2026-12-07"], in: directory)
        #expect(again.stderr.contains("updated the calibration of 0 item(s) in bank"))
    }
}
