import Foundation
import Hummingbird
import ItemBankServer

/// The campaign part of the learner page (HTML, under `/learn`, the learner's `SameSite=Strict` cookie):
/// join with a code, see the campaign's competences, start or continue a positioning.
enum CampaignLearnerRoutes {
    /// Every route, as registered (HTML pages: not part of the JSON API's OpenAPI document).
    static let table: [(method: String, path: String)] = [
        ("POST", "/learn/campaigns"), ("GET", "/learn/campaigns/{code}"), ("POST", "/learn/campaigns/{code}/sessions"),
        ("POST", "/learn/resume"),
    ]

    static func add(to router: Router<BasicRequestContext>, campaigns: CampaignService, maxBody: Int) {
        let service = campaigns.journey
        router.post("/learn/campaigns") { request, _ in
            await LearnerRoutes.page {
                guard let learner = try await LearnerRoutes.learner(request, service: service, required: true) else {
                    return LearnerRoutes.redirect("/learn")
                }
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                // The form's name field is optional: left blank, the learner joins without a name.
                let name = form.last { $0.name == "name" }?.value.trimmingCharacters(in: .whitespacesAndNewlines)
                let join = JoinCampaignRequest(
                    code: form.last { $0.name == "code" }?.value ?? "", name: name?.isEmpty == false ? name : nil)
                let (participation, _) = try await campaigns.join(learner: learner, request: join)
                return LearnerRoutes.redirect("/learn/campaigns/\(participation.code)#item")
            }
        }
        router.post("/learn/resume") { request, _ in
            await LearnerRoutes.page {
                // Another site's form cannot sign a browser in to someone else's tests (login CSRF).
                if request.headers.contains(where: {
                    $0.name.canonicalName == "sec-fetch-site" && $0.value == "cross-site"
                }) {
                    return LearnerRoutes.redirect("/learn")
                }
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                let typed = form.last { $0.name == "code" }?.value ?? ""
                guard let token = LearnerPages.token(personalCode: typed),
                    await service.isKnownLearner(token: token)
                else {
                    throw ServiceError.unauthorized(
                        "this personal code is not known: copy it again from your campaign page (32 letters and digits)"
                    )
                }
                _ = try await service.authenticate(token: token)
                var response = LearnerRoutes.redirect("/learn")
                response.headers[.setCookie] =
                    "\(LearnerPages.cookieName)=\(token); Path=/learn; HttpOnly; SameSite=Strict; Max-Age=31536000"
                return response
            }
        }
        router.get("/learn/campaigns/:code") { request, context in
            await LearnerRoutes.page {
                guard let learner = try await LearnerRoutes.learner(request, service: service, required: true) else {
                    return LearnerRoutes.redirect("/learn")
                }
                let participation = try await campaigns.participation(
                    learner: learner, code: CampaignRoutes.code(context))
                return LearnerRoutes.html(
                    LearnerPages.campaign(
                        participation, competences: service.competenceTitles(),
                        token: LearnerRoutes.cookie(request, name: LearnerPages.cookieName),
                        language: service.releases.current.bank.frameworkLanguage))
            }
        }
        router.post("/learn/campaigns/:code/sessions") { request, context in
            await LearnerRoutes.page {
                guard let learner = try await LearnerRoutes.learner(request, service: service, required: true) else {
                    return LearnerRoutes.redirect("/learn")
                }
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                let start = CampaignSessionRequest(competence: form.last { $0.name == "competence" }?.value ?? "")
                let (session, _) = try await campaigns.startSession(
                    learner: learner, code: CampaignRoutes.code(context), request: start)
                return LearnerRoutes.redirect("/learn/sessions/\(session.session)#item")
            }
        }
    }
}
