import Foundation
import Hummingbird
import ItemBankServer

/// The organiser's pages (HTML, under `/organise`): thin adapters between form posts and
/// ``CampaignService``, rendered by ``OrganiserPages``. The organiser token travels in an `HttpOnly`,
/// `SameSite=Strict` cookie; every post of a signed-in page carries the page's CSRF token, and a post the
/// browser marks as coming from another site (`Sec-Fetch-Site`) is refused.
enum OrganiserRoutes {
    /// Every route, as registered (HTML pages: not part of the JSON API's OpenAPI document).
    static let table: [(method: String, path: String)] = [
        ("GET", "/organise"), ("POST", "/organise/sign-in"), ("POST", "/organise/sign-out"),
        ("GET", "/organise/campaigns/new"), ("POST", "/organise/campaigns"), ("GET", "/organise/campaigns/{code}"),
        ("GET", "/organise/campaigns/{code}/results"), ("POST", "/organise/campaigns/{code}/close"),
    ]

    /// A signed-in browser: the organiser, and the token its cookie holds.
    struct SignedIn {
        var organiser: String
        var token: String
        var csrf: String { OrganiserPages.csrfToken(for: token) }
    }

    /// Why a page cannot be shown to this browser as it is.
    enum Refusal: Error {
        /// No cookie, or one that is no organiser's token (any more): the sign-in page.
        case signIn(error: String?, next: String)
        /// A post from another site, or without the page's CSRF token: nothing done.
        case forged
    }

    static func add(to router: Router<BasicRequestContext>, campaigns: CampaignService, maxBody: Int) {
        let service = campaigns.journey
        router.get("/organise") { request, _ in
            await page(request) {
                let signedIn = try await signedIn(request, campaigns: campaigns, next: "/organise")
                return html(
                    OrganiserPages.campaigns(
                        try await campaigns.overviews(organiser: signedIn.organiser), csrf: signedIn.csrf))
            } signedOut: {
                let notice = request.uri.queryParameters["signed-out"] != nil ? "You are signed out." : nil
                return html(OrganiserPages.signIn(notice: notice))
            }
        }
        router.post("/organise/sign-in") { request, _ in
            await page(request) {
                try refuseCrossSite(request)
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                let next = OrganiserPages.safeNext(form.last { $0.name == "next" }?.value)
                let token = (form.last { $0.name == "token" }?.value ?? "").trimmingCharacters(in: .whitespaces)
                guard !token.isEmpty else {
                    return html(
                        OrganiserPages.signIn(error: "Type your organiser token.", next: next), status: .unauthorized)
                }
                do {
                    _ = try await campaigns.authenticateOrganiser(token: token)
                } catch let error as ServiceError where error.status == 401 {
                    return html(
                        OrganiserPages.signIn(
                            error: "This is not an organiser token: check it and type it again.", next: next),
                        status: .unauthorized)
                }
                var response = LearnerRoutes.redirect(next)
                response.headers[.setCookie] = OrganiserPages.signInCookie(token: token, secure: isHTTPS(request))
                return response
            }
        }
        router.post("/organise/sign-out") { request, _ in
            await page(request) {
                try refuseCrossSite(request)
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                // Signing out needs the page's CSRF token when the cookie is still valid; a stale cookie is
                // simply dropped.
                if let token = cookieToken(request), await isOrganiser(token, campaigns: campaigns) {
                    guard OrganiserPages.isValidCSRF(form.last { $0.name == "csrf" }?.value, token: token) else {
                        throw Refusal.forged
                    }
                }
                var response = LearnerRoutes.redirect("/organise?signed-out=1")
                response.headers[.setCookie] = OrganiserPages.signOutCookie(secure: isHTTPS(request))
                return response
            }
        }
        router.get("/organise/campaigns/new") { request, _ in
            await page(request) {
                let signedIn = try await signedIn(request, campaigns: campaigns, next: "/organise/campaigns/new")
                return html(
                    OrganiserPages.newCampaign(
                        competences: service.competenceTitles(), language: language(service), csrf: signedIn.csrf))
            }
        }
        router.post("/organise/campaigns") { request, _ in
            await page(request) {
                try refuseCrossSite(request)
                let signedIn = try await signedIn(request, campaigns: campaigns, next: "/organise/campaigns/new")
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                guard OrganiserPages.isValidCSRF(form.last { $0.name == "csrf" }?.value, token: signedIn.token) else {
                    throw Refusal.forged
                }
                let typed = OrganiserPages.CampaignForm(
                    title: form.last { $0.name == "title" }?.value ?? "",
                    competences: form.filter { $0.name == "competences" }.map(\.value))
                let create = CreateCampaignRequest(title: typed.title, competences: typed.competences)
                let problems = campaigns.problems(in: create)
                guard problems.isEmpty else {
                    return html(
                        OrganiserPages.newCampaign(
                            form: typed, problems: problems, competences: service.competenceTitles(),
                            language: language(service), csrf: signedIn.csrf), status: .unprocessableContent)
                }
                let created = try await campaigns.createCampaign(organiser: signedIn.organiser, request: create)
                return LearnerRoutes.redirect("/organise/campaigns/\(created.code)?created=1")
            }
        }
        router.get("/organise/campaigns/:code") { request, context in
            await page(request) {
                let code = CampaignRoutes.code(context)
                let signedIn = try await signedIn(request, campaigns: campaigns, next: request.uri.path)
                let progress = try await ownCampaign(code: code) {
                    try await campaigns.progress(organiser: signedIn.organiser, code: code)
                }
                let host = request.head.authority.map { (isHTTPS(request) ? "https://" : "http://") + $0 + "/learn" }
                return html(
                    OrganiserPages.campaign(
                        progress, competences: service.competenceTitles(), language: language(service),
                        learnerPage: host, created: request.uri.queryParameters["created"] != nil,
                        closed: request.uri.queryParameters["closed"] != nil, csrf: signedIn.csrf))
            }
        }
        router.post("/organise/campaigns/:code/close") { request, context in
            await page(request) {
                try refuseCrossSite(request)
                let code = CampaignRoutes.code(context)
                let signedIn = try await signedIn(request, campaigns: campaigns, next: "/organise/campaigns/\(code)")
                var request = request
                let form = try await LearnerRoutes.form(&request, maxBody: maxBody)
                guard OrganiserPages.isValidCSRF(form.last { $0.name == "csrf" }?.value, token: signedIn.token) else {
                    throw Refusal.forged
                }
                let closed = try await ownCampaign(code: code) {
                    try await campaigns.closeCampaign(organiser: signedIn.organiser, code: code)
                }
                return LearnerRoutes.redirect("/organise/campaigns/\(closed.code)?closed=1")
            }
        }
        router.get("/organise/campaigns/:code/results") { request, context in
            await page(request) {
                let code = CampaignRoutes.code(context)
                let signedIn = try await signedIn(request, campaigns: campaigns, next: request.uri.path)
                let csv = try await ownCampaign(code: code) {
                    try await campaigns.resultsCSV(organiser: signedIn.organiser, code: code)
                }
                return CampaignRoutes.csv(csv, code: code)
            }
        }
    }

    // MARK: helpers

    /// Runs a page handler: the sign-in page when the browser is not signed in (401 but on `/organise`
    /// itself), a 403 page for a forged post, a service error as an HTML page with its status; never a 500.
    static func page(
        _ request: Request, _ body: () async throws -> Response,
        signedOut: (() -> Response)? = nil
    ) async -> Response {
        let csrf: String? =
            if let token = cookieToken(request) { OrganiserPages.csrfToken(for: token) } else { nil }
        do {
            return try await body()
        } catch Refusal.signIn(let error, let next) {
            if error == nil, let signedOut { return signedOut() }
            var response = html(OrganiserPages.signIn(error: error, next: next), status: .unauthorized)
            // A stale cookie is dropped, so the next visit starts signed out.
            if error != nil {
                response.headers[.setCookie] = OrganiserPages.signOutCookie(secure: isHTTPS(request))
            }
            return response
        } catch Refusal.forged {
            let error = ServiceError(
                status: 403, code: "forged-form", title: "Form refused",
                detail: "this form did not come from your organiser page (another site, or a page opened with "
                    + "another organiser's token): nothing was done; open the page again and resend it")
            return html(OrganiserPages.problem(error, csrf: csrf), status: .forbidden)
        } catch let error as ServiceError {
            return html(OrganiserPages.problem(error, csrf: csrf), status: .init(code: error.status))
        } catch {
            let problem = ServiceError.unavailable("the page could not be produced: try again")
            return html(OrganiserPages.problem(problem, csrf: csrf), status: .serviceUnavailable)
        }
    }

    /// The signed-in organiser of this browser.
    /// - Throws: ``Refusal/signIn(error:next:)`` without a cookie (no message) or with one that is not an
    ///   organiser's token (a message); a store failure as its ``ServiceError``.
    static func signedIn(_ request: Request, campaigns: CampaignService, next: String) async throws -> SignedIn {
        guard let token = cookieToken(request) else { throw Refusal.signIn(error: nil, next: next) }
        do {
            return SignedIn(organiser: try await campaigns.authenticateOrganiser(token: token), token: token)
        } catch  where error.status == 401 {
            throw Refusal.signIn(
                error: "Your sign-in is no longer valid (the token is not an organiser token): sign in again.",
                next: next)
        }
    }

    static func isOrganiser(_ token: String, campaigns: CampaignService) async -> Bool {
        do {
            _ = try await campaigns.authenticateOrganiser(token: token)
            return true
        } catch {
            return false
        }
    }

    /// A campaign of the organiser's; an unknown code's 404 says where their campaigns are.
    static func ownCampaign<Value>(
        code: String, _ body: () async throws -> Value
    ) async throws -> Value {
        do {
            return try await body()
        } catch let error as ServiceError where error.code == "campaign-not-found" {
            throw ServiceError.notFound(
                "campaign-not-found",
                "there is no campaign with the code \(code.prefix(40)): your campaigns are listed at /organise")
        }
    }

    static func cookieToken(_ request: Request) -> String? {
        LearnerRoutes.cookie(request, name: OrganiserPages.cookieName).flatMap { OrganiserPages.token(cookieValue: $0) }
    }

    /// Refuses a post the browser says came from another site (`Sec-Fetch-Site: cross-site` or `same-site`:
    /// a sibling subdomain gets `SameSite=Strict` cookies too).
    static func refuseCrossSite(_ request: Request) throws {
        let site = request.headers.first { $0.name.canonicalName == "sec-fetch-site" }?.value
        if site == "cross-site" || site == "same-site" { throw Refusal.forged }
    }

    /// Whether the browser reached the server over HTTPS (through a TLS-terminating proxy that says so in
    /// `X-Forwarded-Proto` or `Forwarded`): the cookie then gets `Secure`.
    static func isHTTPS(_ request: Request) -> Bool {
        for field in request.headers {
            switch field.name.canonicalName {
            case "x-forwarded-proto":
                if field.value.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased()
                    == "https"
                {
                    return true
                }
            case "forwarded":
                if field.value.lowercased().contains("proto=https") { return true }
            default: continue
            }
        }
        return false
    }

    static func language(_ service: JourneyService) -> String {
        service.releases.current.bank.frameworkLanguage
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        LearnerRoutes.html(text, status: status)
    }
}
