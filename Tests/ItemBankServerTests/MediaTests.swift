import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@testable import ItemBankServer

/// The bank's media served from `--media DIR`: confined to the folder, content type from the extension,
/// 404 problem+json for anything else; the learner page's <img> points there.
@Suite("itembank-server media (built binary)", .serialized)
struct MediaTests {
    @Test func mediaAreServedFromTheFolderOnly() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let media = folder + "/media"
        try FileManager.default.copyItem(atPath: Harness.root + "/Banks/crcn/media", toPath: media)
        try FileManager.default.createDirectory(atPath: media + "/sub dir", withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: URL(fileURLWithPath: media + "/sub dir/é.PNG"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: media + "/notes.unknown"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: folder + "/secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: media + "/escape.txt", withDestinationPath: folder + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: media + "/up", withDestinationPath: folder)
        try FileManager.default.createSymbolicLink(
            atPath: media + "/inside.svg", withDestinationPath: media + "/agenda-disponibilites.svg")
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: folder + "/store.sqlite", extra: ["--media", media])
        defer { server.stop() }

        // Every illustration and attachment the bank names is served, with the file's bytes.
        let bank = try Harness.openBank(Harness.crcnBank)
        let sources = Set(bank.allItems.flatMap { $0.media.map(\.source) })
        #expect(sources.count >= 10)
        for source in sources.sorted() {
            let reply = try await server.request("GET", "/v1/media/" + source)
            #expect(reply.status == 200, "\(source)")
            #expect(reply.body == FileManager.default.contents(atPath: media + "/" + source))
            #expect(reply.contentType == (source.hasSuffix(".svg") ? "image/svg+xml" : "text/csv; charset=utf-8"))
        }
        let nested = try await server.request("GET", "/v1/media/sub%20dir/%C3%A9.PNG")
        #expect(nested.status == 200)
        #expect(nested.contentType == "image/png")
        #expect(try await server.request("GET", "/v1/media/notes.unknown").contentType == "application/octet-stream")
        #expect(try await server.request("GET", "/v1/media/inside.svg").status == 200)

        // Outside the folder, missing, a directory: 404 problem+json, and the bytes never leak.
        for path in [
            "/v1/media/..%2Fsecret.txt", "/v1/media/%2E%2E/secret.txt", "/v1/media/escape.txt",
            "/v1/media/up/secret.txt", "/v1/media/missing.svg", "/v1/media/sub%20dir", "/v1/media/a%5C..%5Csecret.txt",
            "/v1/media/%00.svg", "/v1/media/", "/v1/media", "/v1/media/%ff%fe",
        ] {
            let reply = try await server.request("GET", path)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.contentType == "application/problem+json", "\(path)")
            #expect(try reply.json()["type"] as? String == "urn:itembank:problem:media-not-found", "\(path)")
            #expect(!reply.text.contains("secret\""))
        }
        let empty = try await server.request("GET", "/v1/media/")
        #expect(try empty.json()["detail"] as? String == "give the media file's path: /v1/media/{path}")
        let undecodable = try await server.request("GET", "/v1/media/%ff%fe")
        #expect(
            try undecodable.json()["detail"] as? String
                == "the media path's segment %ff%fe is not valid UTF-8 once percent-decoded")
        let posted = try await server.request("POST", "/v1/media/agenda-disponibilites.svg")
        #expect(posted.status == 405)
        #expect(
            try posted.json()["detail"] as? String
                == "POST is not allowed on /v1/media/agenda-disponibilites.svg; use GET")
    }

    @Test func withoutAMediaFolderEveryMediaIs404() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let reply = try await server.request("GET", "/v1/media/agenda-disponibilites.svg")
        #expect(reply.status == 404)
        #expect(try reply.json()["detail"] as? String == "this server has no media folder: start it with --media DIR")
        let refused = try Harness.run(
            Harness.executable("itembank-server"), ["--bank", Harness.crcnBank, "--media", folder + "/nothing"])
        #expect(refused.status == 2)
        #expect(refused.output.contains("--media: \(folder)/nothing is not a directory"))
    }

    /// The learner page's illustration points at the media route.
    @Test func learnerPageImagesUseTheMediaRoute() throws {
        let bank = try Harness.openBank(Harness.crcnBank)
        let item = try #require(bank.allItems.first { $0.media.contains { $0.kind == .illustration } })
        let illustration = try #require(item.media.first { $0.kind == .illustration })
        let reply = SessionReply(
            session: String(repeating: "a", count: 32), learner: "l-1", kind: "positioning", locale: "fr-FR",
            bankDigest: bank.contentDigest, status: "in-progress", answered: 0, item: ItemScreen(item, number: 1))
        let html = LearnerPages.session(reply, item: item, outcome: nil, competences: [])
        #expect(html.contains("<img src=\"/v1/media/\(illustration.source)\""))
    }
}
