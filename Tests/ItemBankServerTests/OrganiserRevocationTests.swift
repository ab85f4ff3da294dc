import Foundation
import Testing

/// Organisers are revoked by the admin (`DELETE /v1/admin/organisers/{organiser}`), and a token that
/// `--organiser-token` no longer gives at a start stops working; the same tests on both stores.
@Suite("itembank-server: organiser tokens are revoked", .serialized)
struct OrganiserRevocationTests {
    @Test func revocationOnSQLite() async throws { try await Self.revocation(.sqlite) }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func revocationOnPostgreSQL() async throws { try await Self.revocation(.postgres) }

    /// The admin's list, with a revoked organiser and both sources, matches the OpenAPI document
    /// (schemathesis sends no admin token, so it never sees this reply).
    @Test(.enabled(if: OpenAPIConformance.validatorAvailable, "pip install jsonschema"))
    func organiserListMatchesTheDocument() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: folder + "/store.sqlite", extra: ["--organiser-token", Self.first])
        defer { server.stop() }
        let made = try await server.request(
            "POST", "/v1/admin/organisers", token: server.adminToken, json: ["name": "Mme Durand"])
        let id = try #require(try made.json()["organiser"] as? String)
        #expect(
            try await server.request("DELETE", "/v1/admin/organisers/\(id)", token: server.adminToken).status == 204)
        let list = try await server.request("GET", "/v1/admin/organisers", token: server.adminToken)
        #expect(try OpenAPIConformance.errors(list.body, schema: "Organisers") == "")
        #expect(!list.text.contains(Self.first))
        // The validator does fail: an unknown source.
        let wrong = Data(list.text.replacingOccurrences(of: "command-line", with: "cli").utf8)
        #expect(try OpenAPIConformance.errors(wrong, schema: "Organisers").contains("is not one of"))
    }

    static let first = "first-teacher-token-0123456789"
    static let second = "second-teacher-token-0123456789"

    static func revocation(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try store.database(in: folder)
        var server = try ServerProcess(
            bank: Harness.crcnBank, database: database,
            extra: ["--organiser-token", first, "--organiser-token", second])
        let admin = server.adminToken
        // An organiser made by the admin creates a campaign.
        let made = try await server.request("POST", "/v1/admin/organisers", token: admin, json: ["name": "Mme Durand"])
        #expect(made.status == 201)
        let madeID = try #require(try made.json()["organiser"] as? String)
        let madeToken = try #require(try made.json()["token"] as? String)
        let created = try await server.request(
            "POST", "/v1/campaigns", token: madeToken, json: ["title": "4e B", "competences": ["1.1"]])
        #expect(created.status == 201)
        let code = try #require(try created.json()["code"] as? String)

        var listed = try await organisers(server)
        #expect(listed.map(\.source) == ["command-line", "command-line", "admin"])
        #expect(listed.map(\.name) == ["", "", "Mme Durand"])
        #expect(listed.allSatisfy { $0.revokedAt == nil })
        #expect(listed[2].id == madeID)

        // The admin revokes it: its token stops working at once; a second DELETE finds nothing to revoke.
        try expectProblem(try await server.request("DELETE", "/v1/admin/organisers/\(madeID)"), 401, "unauthorized")
        let revoked = try await server.request("DELETE", "/v1/admin/organisers/\(madeID)", token: admin)
        #expect(revoked.status == 204)
        #expect(revoked.body.isEmpty)
        try expectProblem(try await server.request("GET", "/v1/campaigns", token: madeToken), 401, "unauthorized")
        try expectProblem(
            try await server.request("DELETE", "/v1/admin/organisers/\(madeID)", token: admin), 404,
            "organiser-not-found")
        try expectProblem(
            try await server.request("DELETE", "/v1/admin/organisers/o-0000000000000000", token: admin), 404,
            "organiser-not-found")
        listed = try await organisers(server)
        #expect(listed.map { $0.revokedAt != nil } == [false, false, true])
        // Its campaign stays: a learner still joins it.
        let learner = try await server.newLearner()
        #expect(
            try await server.request("POST", "/v1/learner/campaigns", token: learner.token, json: ["code": code])
                .status == 201)
        #expect(try await server.request("GET", "/v1/campaigns", token: first).status == 200)
        #expect(try await server.request("GET", "/v1/campaigns", token: second).status == 200)

        // The next start gives the first token only: the second is revoked.
        server.stop()
        server = try ServerProcess(
            bank: Harness.crcnBank, database: database, extra: ["--organiser-token", Self.first])
        #expect(try await server.request("GET", "/v1/campaigns", token: first).status == 200)
        try expectProblem(try await server.request("GET", "/v1/campaigns", token: second), 401, "unauthorized")
        try expectProblem(try await server.request("GET", "/v1/campaigns", token: madeToken), 401, "unauthorized")
        listed = try await organisers(server)
        #expect(listed.filter { $0.revokedAt == nil }.count == 1)
        #expect(server.log.contains("organisers revoked: their --organiser-token is no longer given"))

        // Given again, it works again (the same organiser, reinstated).
        server.stop()
        server = try ServerProcess(
            bank: Harness.crcnBank, database: database,
            extra: ["--organiser-token", first, "--organiser-token", second])
        defer { server.stop() }
        #expect(try await server.request("GET", "/v1/campaigns", token: second).status == 200)
        let relisted = try await organisers(server)
        #expect(relisted.map(\.id) == listed.map(\.id))
        #expect(relisted.map { $0.revokedAt != nil } == [false, false, true])
    }

    /// `GET /v1/admin/organisers`, oldest first.
    static func organisers(
        _ server: ServerProcess
    ) async throws -> [(id: String, name: String, source: String, revokedAt: String?)] {
        let reply = try await server.request("GET", "/v1/admin/organisers", token: server.adminToken)
        #expect(reply.status == 200)
        let list = try #require(try reply.json()["organisers"] as? [[String: Any]])
        return list.map {
            (
                $0["organiser"] as? String ?? "", $0["name"] as? String ?? "", $0["source"] as? String ?? "",
                $0["revokedAt"] as? String
            )
        }
    }
}
