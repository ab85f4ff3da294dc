import AdaptiveTesting
import Foundation
import ItemBankRuntime

/// Drives one session through the HTTP API, answering with a policy computed from the bank.
struct SessionDriver {
    let server: ServerProcess
    let token: String
    let bank: Bank

    struct Run {
        var sessionID: String
        var final: [String: Any]
        /// (item id, outcome) in order.
        var answers: [(item: String, outcome: String)]
        /// Every learner-facing body received.
        var bodies: [String]
    }

    static func json(_ answer: LearnerAnswer) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(answer))
    }

    /// Starts a session with `start` and answers until it finishes (or `limit` answers).
    func run(
        _ start: [String: Any], limit: Int = 1000, policy: (ItemView, Int) -> LearnerAnswer
    ) async throws -> Run {
        let started = try await server.request("POST", "/v1/sessions", token: token, json: start)
        guard started.status == 201 else { throw HarnessError("start: \(started.status) \(started.text)") }
        var session = try started.json()
        guard let id = session["session"] as? String else { throw HarnessError("no session id: \(started.text)") }
        var run = Run(sessionID: id, final: session, answers: [], bodies: [started.text])
        while let item = session["item"] as? [String: Any], run.answers.count < limit {
            guard let itemID = item["id"] as? String, let view = bank.item(id: itemID) else {
                throw HarnessError("served an unknown item: \(item)")
            }
            let answer = policy(view, run.answers.count)
            let reply = try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: token,
                json: ["item": itemID, "answer": try Self.json(answer)])
            guard reply.status == 200 else { throw HarnessError("answer: \(reply.status) \(reply.text)") }
            run.bodies.append(reply.text)
            let object = try reply.json()
            run.answers.append((itemID, object["outcome"] as? String ?? "?"))
            session = object["session"] as? [String: Any] ?? [:]
            run.final = session
        }
        return run
    }
}
