import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

/// Replies that schemathesis never sees (it has no eligible learner, so no certificate and no IRT
/// result) validated against the committed OpenAPI document by a JSON Schema validator (Python's
/// `jsonschema`, which schemathesis installs; CI installs it): v2 and v3 certificates, the profile with
/// its abilities, finished sessions of both certification kinds.
@Suite(
    "itembank-server replies match openapi.json (certificates, profile, finished sessions)", .serialized,
    .enabled(if: OpenAPIConformance.validatorAvailable, "pip install jsonschema"))
struct OpenAPIConformanceTests {
    @Test func certificatesProfileAndFinishedSessionsMatchTheDocument() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 20 calibrated items: the v3 form ends early (pool-exhausted) but is validated.
        let path = try IRTSessionTests.bankWithCalibratedItems(20, folder: folder)
        let bank = try Harness.openBank(path)
        let server = try ServerProcess(bank: path, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        for competence in ["1.1", "1.2", "1.3", "2.1", "2.2"] {
            _ = try await driver.run(["kind": "positioning", "competence": competence]) { item, _ in
                ScriptedLearner.rightAnswer(to: item)
            }
        }
        let v3 = try await driver.run(["kind": "pix-certification"]) { item, _ in ScriptedLearner.rightAnswer(to: item)
        }
        let v2 = try await driver.run(["kind": "certification"]) { item, _ in ScriptedLearner.rightAnswer(to: item) }
        let campaign = try await driver.run(["kind": "pix-campaign"]) { item, index in
            index % 2 == 0 ? ScriptedLearner.rightAnswer(to: item) : .skipped
        }
        for run in [v3, v2, campaign] {
            let session = try await server.request("GET", "/v1/sessions/\(run.sessionID)", token: learner.token)
            #expect(try OpenAPIConformance.errors(session.body, schema: "Session") == "")
        }
        let certificates = try await server.request("GET", "/v1/learner/certificates", token: learner.token)
        let forms = try (certificates.json()["certificates"] as? [[String: Any]])?.map { $0["form"] as? String }
        #expect(forms == ["pix-certification", "certification"])
        #expect(try OpenAPIConformance.errors(certificates.body, schema: "Certificates") == "")
        let profile = try await server.request("GET", "/v1/learner", token: learner.token)
        #expect((try profile.json()["abilities"] as? [Any])?.count == 2)
        #expect(try OpenAPIConformance.errors(profile.body, schema: "Profile") == "")
        // The validator does fail: a v2 certificate that claims to be a v3 one matches no schema.
        let claimed = Data(
            #"{"learner":"l","certificates":[{"form":"pix-certification","status":"validated","date":"2026-12-07","reproducibilityRate":100,"totalPix":8,"competences":[]}]}"#
                .utf8)
        #expect(try OpenAPIConformance.errors(claimed, schema: "Certificates").contains("is not valid under any of"))
    }
}

/// A JSON Schema (2020-12) validation of a reply against `components/schemas/NAME` of
/// Sources/ItemBankServer/openapi.json, by Python's `jsonschema`.
enum OpenAPIConformance {
    static let validatorAvailable: Bool = {
        (try? Harness.run("/usr/bin/env", ["python3", "-c", "import jsonschema"]).status) == 0
    }()

    static let script = """
        import json, sys, jsonschema
        document = json.load(open(sys.argv[1]))
        schema = {"$ref": "#/components/schemas/" + sys.argv[2], "components": document["components"]}
        instance = json.load(open(sys.argv[3]))
        for error in jsonschema.Draft202012Validator(schema).iter_errors(instance):
            print(error.json_path, error.message)
        """

    /// The validator's findings (one line each: JSON path and message), empty when `body` is valid.
    static func errors(_ body: Data, schema name: String) throws -> String {
        let file = NSTemporaryDirectory() + "itembank-openapi-instance-" + UUID().uuidString + ".json"
        try body.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Harness.run(
            "/usr/bin/env",
            ["python3", "-c", script, Harness.root + "/Sources/ItemBankServer/openapi.json", name, file])
        guard result.status == 0 else { throw HarnessError("the validator failed: \(result.output)") }
        return result.output
    }
}
