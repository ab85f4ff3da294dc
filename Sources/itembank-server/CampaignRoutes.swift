import Foundation
import Hummingbird
import ItemBankServer

/// The campaign routes: organisers (their own bearer token) create campaigns and follow them; learners
/// join with the code and take the positionings. Thin adapters to ``CampaignService``.
enum CampaignRoutes {
    /// Every route, as registered (part of ``APIRoutes/table`` and of the OpenAPI document).
    static let table: [(method: String, path: String)] = [
        ("POST", "/v1/admin/organisers"), ("GET", "/v1/admin/organisers"),
        ("DELETE", "/v1/admin/organisers/{organiser}"),
        ("POST", "/v1/campaigns"), ("GET", "/v1/campaigns"), ("GET", "/v1/campaigns/{code}"),
        ("GET", "/v1/campaigns/{code}/results"), ("POST", "/v1/campaigns/{code}/close"),
        ("POST", "/v1/learner/campaigns"), ("GET", "/v1/learner/campaigns"), ("GET", "/v1/learner/campaigns/{code}"),
        ("POST", "/v1/learner/campaigns/{code}/sessions"),
    ]

    static func add(
        to router: Router<BasicRequestContext>, campaigns: CampaignService, adminToken: String?, maxBody: Int
    ) {
        let service = campaigns.journey
        router.post("/v1/admin/organisers") { request, _ in
            try APIRoutes.admin(request, token: adminToken)
            var request = request
            let body = try await APIRoutes.body(&request, maxBody: maxBody)
            let create = try StrictJSON.decode(
                CreateOrganiserRequest.self, from: body.isEmpty ? Data("{}".utf8) : body,
                fields: CreateOrganiserRequest.fields)
            return try APIRoutes.json(await campaigns.registerOrganiser(create), status: .created)
        }

        router.get("/v1/admin/organisers") { request, _ in
            try APIRoutes.admin(request, token: adminToken)
            return try APIRoutes.json(await campaigns.organisers())
        }
        router.delete("/v1/admin/organisers/:organiser") { request, context in
            try APIRoutes.admin(request, token: adminToken)
            try await campaigns.revokeOrganiser(id: context.parameters.get("organiser") ?? "")
            return Response(status: .noContent)
        }

        router.post("/v1/campaigns") { request, _ in
            let organiser = try await campaigns.authenticateOrganiser(token: APIRoutes.bearer(request))
            var request = request
            let body = try await APIRoutes.body(&request, maxBody: maxBody)
            let create = try StrictJSON.decode(
                CreateCampaignRequest.self, from: body, fields: CreateCampaignRequest.fields)
            return try APIRoutes.json(
                await campaigns.createCampaign(organiser: organiser, request: create), status: .created)
        }
        router.get("/v1/campaigns") { request, _ in
            let organiser = try await campaigns.authenticateOrganiser(token: APIRoutes.bearer(request))
            return try APIRoutes.json(await campaigns.campaigns(organiser: organiser))
        }
        router.get("/v1/campaigns/:code") { request, context in
            let organiser = try await campaigns.authenticateOrganiser(token: APIRoutes.bearer(request))
            return try APIRoutes.json(await campaigns.progress(organiser: organiser, code: code(context)))
        }
        router.get("/v1/campaigns/:code/results") { request, context in
            let organiser = try await campaigns.authenticateOrganiser(token: APIRoutes.bearer(request))
            let code = code(context)
            return csv(try await campaigns.resultsCSV(organiser: organiser, code: code), code: code)
        }

        router.post("/v1/campaigns/:code/close") { request, context in
            let organiser = try await campaigns.authenticateOrganiser(token: APIRoutes.bearer(request))
            return try APIRoutes.json(await campaigns.closeCampaign(organiser: organiser, code: code(context)))
        }

        router.post("/v1/learner/campaigns") { request, _ in
            let learner = try await service.authenticate(token: APIRoutes.bearer(request))
            var request = request
            let body = try await APIRoutes.body(&request, maxBody: maxBody)
            let join = try StrictJSON.decode(JoinCampaignRequest.self, from: body, fields: JoinCampaignRequest.fields)
            let (participation, created) = try await campaigns.join(learner: learner, request: join)
            return try APIRoutes.json(participation, status: created ? .created : .ok)
        }
        router.get("/v1/learner/campaigns") { request, _ in
            let learner = try await service.authenticate(token: APIRoutes.bearer(request))
            return try APIRoutes.json(await campaigns.participations(learner: learner))
        }
        router.get("/v1/learner/campaigns/:code") { request, context in
            let learner = try await service.authenticate(token: APIRoutes.bearer(request))
            return try APIRoutes.json(await campaigns.participation(learner: learner, code: code(context)))
        }
        router.post("/v1/learner/campaigns/:code/sessions") { request, context in
            let learner = try await service.authenticate(token: APIRoutes.bearer(request))
            var request = request
            let body = try await APIRoutes.body(&request, maxBody: maxBody)
            let start = try StrictJSON.decode(
                CampaignSessionRequest.self, from: body, fields: CampaignSessionRequest.fields)
            let (session, created) = try await campaigns.startSession(
                learner: learner, code: code(context), request: start)
            return try APIRoutes.json(session, status: created ? .created : .ok)
        }
    }

    /// The campaign results CSV as a download (`campaign-<CODE>.csv`): the API's and the organiser page's.
    static func csv(_ csv: String, code: String) -> Response {
        let file = CampaignCode.normalised(code) ?? "campaign"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"campaign-\(file).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// The campaign code of the path, percent-decoded (`B9KR%20PBVY` is the code shown as `B9KR PBVY`;
    /// the service then drops spaces and hyphens and upper-cases it).
    static func code(_ context: BasicRequestContext) -> String {
        let raw = context.parameters.get("code") ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}
