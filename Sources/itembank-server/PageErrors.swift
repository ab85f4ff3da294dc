import Hummingbird
import ItemBankServer

/// The router's own refusals on the pages' addresses — a path under `/learn` or `/organise` that no
/// page has (404), a method no page at that address takes (405, with `Allow`) — as HTML pages in the
/// pages' style, as their other errors are, rather than the API's problem+json.
enum PageErrors {
    /// The page routes with their methods: the pages' tables, the GET redirects of their form-post
    /// addresses (``PageRedirects``), and `HEAD` wherever `GET` works (``HeadResponder``).
    static let routes: [(method: String, path: String)] = {
        let gets = PageRedirects.pages + PageRedirects.table.map { ("GET", $0.path) }
        return gets + gets.filter { $0.method == "GET" }.map { ("HEAD", $0.path) }
    }()

    /// The HTML answer to a request the router found no route for (`status` 404 or 405), when its path
    /// is a page's (`/learn`, `/organise` and below); nil for the API's paths.
    static func response(to request: Request, status: Int) -> Response? {
        let path = request.uri.path
        let organiser = path == "/organise" || path.hasPrefix("/organise/")
        guard organiser || path == "/learn" || path.hasPrefix("/learn/"), status == 404 || status == 405 else {
            return nil
        }
        let order = ["GET", "HEAD", "POST"]
        let allowed = Set(APIRoutes.methods(for: path, in: routes)).sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }
        let error: ServiceError
        if allowed.isEmpty {
            error = .notFound(
                "not-found",
                "there is no page at \(path): check the address, or start again from "
                    + (organiser ? "/organise" : "/learn"))
        } else {
            error = ServiceError(
                status: 405, code: "method-not-allowed", title: "Method not allowed",
                detail: "\(request.method.rawValue) is not allowed on \(path); use \(allowed.joined(separator: ", "))")
        }
        var response: Response
        if organiser {
            let csrf = OrganiserRoutes.cookieToken(request).map { OrganiserPages.csrfToken(for: $0) }
            response = OrganiserRoutes.html(
                OrganiserPages.problem(error, csrf: csrf), status: .init(code: error.status))
        } else {
            response = LearnerRoutes.html(LearnerPages.problem(error), status: .init(code: error.status))
        }
        if !allowed.isEmpty { response.headers[.allow] = allowed.joined(separator: ", ") }
        return response
    }
}
