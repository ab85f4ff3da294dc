import Foundation
import Hummingbird
import ItemBankServer

/// The learner page's routes (HTML, under `/learn`): thin adapters between form posts and
/// ``JourneyService``, rendered by ``LearnerPages``. The learner token travels in an `HttpOnly`,
/// `SameSite=Strict` cookie, so another site cannot post a form on the learner's behalf (CSRF).
enum LearnerRoutes {
    /// Every route, as registered (HTML pages: not part of the JSON API's OpenAPI document).
    static let table: [(method: String, path: String)] = [
        ("GET", "/learn"), ("POST", "/learn/start"), ("POST", "/learn/sessions"),
        ("GET", "/learn/sessions/{session}"), ("POST", "/learn/sessions/{session}/answers"),
    ]

    static func add(to router: Router<BasicRequestContext>, campaigns: CampaignService, maxBody: Int) {
        let service = campaigns.journey
        router.get("/learn") { request, _ in
            await page {
                let learner = try await learner(request, service: service, required: false)
                let profile: ProfileReply? =
                    if let learner { try await service.profile(learner: learner) } else { nil }
                let joined: [ParticipationReply] =
                    if let learner { try await campaigns.participations(learner: learner).campaigns } else { [] }
                let certificates: CertificatesReply? =
                    if let learner { try await service.certificates(learner: learner) } else { nil }
                return html(
                    LearnerPages.home(
                        competences: service.competenceTitles(), scores: profile?.competences, campaigns: joined,
                        certification: profile.map { ($0.eligibility, certificates?.certificates ?? []) },
                        language: service.releases.current.bank.frameworkLanguage))
            }
        }
        CampaignLearnerRoutes.add(to: router, campaigns: campaigns, maxBody: maxBody)
        router.post("/learn/start") { _, _ in
            await page {
                let registration = try await service.registerLearner()
                var response = redirect("/learn")
                response.headers[.setCookie] =
                    "\(LearnerPages.cookieName)=\(registration.token); Path=/learn; HttpOnly; SameSite=Strict; "
                    + "Max-Age=31536000"
                return response
            }
        }
        router.post("/learn/sessions") { request, _ in
            await page {
                guard let learner = try await learner(request, service: service, required: true) else {
                    return redirect("/learn")
                }
                var request = request
                let form = try await form(&request, maxBody: maxBody)
                let kind = form.last { $0.name == "kind" }?.value ?? ""
                let start: StartSessionRequest
                switch kind {
                case "positioning":
                    start = StartSessionRequest(
                        kind: kind, competence: form.last { $0.name == "competence" }?.value ?? "")
                case "training":
                    let codes = form.filter { $0.name == "competences" }.map(\.value)
                    guard !codes.isEmpty else {
                        throw ServiceError.unprocessable("invalid-session", "choose at least one competence to train")
                    }
                    start = StartSessionRequest(kind: kind, competences: codes)
                case "certification":
                    start = StartSessionRequest(kind: kind)
                default:
                    throw ServiceError.unprocessable(
                        "invalid-session", "the learner page starts a positioning, a training or a certification")
                }
                let session = try await service.startSession(learner: learner, request: start)
                return redirect("/learn/sessions/\(session.session)#item")
            }
        }
        router.get("/learn/sessions/:session") { request, context in
            await page {
                guard let learner = try await learner(request, service: service, required: true) else {
                    return redirect("/learn")
                }
                let id = try APIRoutes.sessionID(context)
                let (session, item) = try await service.servedItem(learner: learner, session: id)
                let outcome = request.uri.queryParameters["outcome"].map(String.init).flatMap {
                    ["ok", "ko", "skipped", "timed-out", "focused-out"].contains($0) ? $0 : nil
                }
                return html(
                    LearnerPages.session(
                        session, item: item, outcome: outcome, competences: service.competenceTitles(),
                        language: service.releases.current.bank.frameworkLanguage))
            }
        }
        router.post("/learn/sessions/:session/answers") { request, context in
            await page {
                guard let learner = try await learner(request, service: service, required: true) else {
                    return redirect("/learn")
                }
                let id = try APIRoutes.sessionID(context)
                var request = request
                let form = try await form(&request, maxBody: maxBody)
                let (_, served) = try await service.servedItem(learner: learner, session: id)
                guard let served else { return redirect("/learn/sessions/\(id)#item") }
                let itemID = form.last { $0.name == "item" }?.value ?? ""
                guard itemID == served.id else {
                    // an old page posted again (back button, double submit): show where the session stands
                    return redirect("/learn/sessions/\(id)#item")
                }
                let answer = try LearnerPages.answer(form: form, item: served)
                let reply = try await service.answer(
                    learner: learner, session: id, request: AnswerRequest(item: itemID, answer: answer))
                return redirect("/learn/sessions/\(id)?outcome=\(reply.outcome)#item")
            }
        }
    }

    /// Runs a page handler; a service error becomes an HTML page with its status, never a 500.
    static func page(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as ServiceError {
            return html(LearnerPages.problem(error), status: .init(code: error.status))
        } catch {
            let problem = ServiceError.unavailable("the page could not be produced: try again")
            return html(LearnerPages.problem(problem), status: .serviceUnavailable)
        }
    }

    /// The learner of the cookie; nil without a cookie (or with a stale one) when not required.
    static func learner(_ request: Request, service: JourneyService, required: Bool) async throws -> String? {
        let token = cookie(request, name: LearnerPages.cookieName)
        guard let token else { return nil }
        if !required, !(await service.isKnownLearner(token: token)) { return nil }
        return try await service.authenticate(token: token)
    }

    static func cookie(_ request: Request, name: String) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    static func form(_ request: inout Request, maxBody: Int) async throws -> [(name: String, value: String)] {
        let data = try await APIRoutes.body(&request, maxBody: maxBody)
        return LearnerPages.formFields(String(decoding: data, as: UTF8.self))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: LearnerPages.contentSecurityPolicy, .xContentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
