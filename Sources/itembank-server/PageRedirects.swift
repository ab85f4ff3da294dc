import Hummingbird

/// GET on a page address that only takes form posts — the address a browser shows after a refused form
/// (a failed sign-in, a 422) and that a learner may bookmark or reload — leads to the page the form
/// belongs to (303) rather than to the API's problem+json 404.
enum PageRedirects {
    /// The page routes: the learner's and the organiser's tables.
    static let pages = LearnerRoutes.table + CampaignLearnerRoutes.table + OrganiserRoutes.table

    /// Each form-post address without a GET route, and the page it belongs to: its nearest parent path
    /// that is a GET page (`/learn/sessions/{session}/answers` → `/learn/sessions/{session}`,
    /// `/organise/sign-in` → `/organise`).
    static let table: [(path: String, page: String)] = {
        let gets = Set(pages.filter { $0.method == "GET" }.map(\.path))
        return pages.filter { $0.method == "POST" && !gets.contains($0.path) }.compactMap { route in
            var parent = Substring(route.path)
            while let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
                parent = parent[..<slash]
                if gets.contains(String(parent)) { return (route.path, String(parent)) }
            }
            return nil
        }
    }()

    static func add(to router: Router<BasicRequestContext>) {
        for (path, page) in table {
            router.get(RouterPath(routerSyntax(path))) { _, context in
                var location = page
                for name in ["session", "code"] {
                    guard let value = context.parameters.get(name) else { continue }
                    // The captured segment is a path segment already; letters and digits only are kept.
                    let safe = String(
                        value.unicodeScalars.filter {
                            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                        })
                    location = location.replacingOccurrences(of: "{\(name)}", with: safe)
                }
                return LearnerRoutes.redirect(location)
            }
        }
    }

    /// `/learn/sessions/{session}` as the router writes it: `/learn/sessions/:session`.
    static func routerSyntax(_ path: String) -> String {
        path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
    }
}
