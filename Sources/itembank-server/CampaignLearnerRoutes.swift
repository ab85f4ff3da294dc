import Foundation
import Hummingbird
import ItemBankServer

/// The campaign part of the learner page (HTML, under `/learn`, the learner's `SameSite=Strict` cookie):
/// join with a code, see the campaign's competences, start or continue a positioning.
enum CampaignLearnerRoutes {
    /// Every route, as registered (HTML pages: not part of the JSON API's OpenAPI document).
    static let table: [(method: String, path: String)] = [
        ("POST", "/learn/campaigns"), ("GET", "/learn/campaigns/{code}"), ("POST", "/learn/campaigns/{code}/sessions"),
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
                let join = JoinCampaignRequest(
                    code: form.last { $0.name == "code" }?.value ?? "", name: form.last { $0.name == "name" }?.value)
                let (participation, _) = try await campaigns.join(learner: learner, request: join)
                return LearnerRoutes.redirect("/learn/campaigns/\(participation.code)#item")
            }
        }
        router.get("/learn/campaigns/:code") { request, context in
            await LearnerRoutes.page {
                guard let learner = try await LearnerRoutes.learner(request, service: service, required: true) else {
                    return LearnerRoutes.redirect("/learn")
                }
                let participation = try await campaigns.participation(
                    learner: learner, code: context.parameters.get("code") ?? "")
                return LearnerRoutes.html(
                    LearnerPages.campaign(participation, competences: service.competenceTitles()))
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
                    learner: learner, code: context.parameters.get("code") ?? "", request: start)
                return LearnerRoutes.redirect("/learn/sessions/\(session.session)#item")
            }
        }
    }
}
