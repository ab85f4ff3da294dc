import Hummingbird

/// GET on a page address that only takes form posts — the address a browser shows after a refused form
/// (a failed sign-in, a 422) and that a learner may bookmark or reload — leads to the page the form
/// belongs to (303) rather than to the API's problem+json 404.
enum PageRedirects {
    /// Form-post addresses and the page each belongs to; `{name}` segments are carried over.
    static let table: [(path: String, page: String)] = [
        ("/organise/sign-in", "/organise"), ("/organise/sign-out", "/organise"),
        ("/organise/campaigns", "/organise"), ("/learn/start", "/learn"), ("/learn/sessions", "/learn"),
        ("/learn/campaigns", "/learn"), ("/learn/resume", "/learn"),
        ("/learn/sessions/:session/answers", "/learn/sessions/:session"),
        ("/learn/campaigns/:code/sessions", "/learn/campaigns/:code"),
    ]

    static func add(to router: Router<BasicRequestContext>) {
        for (path, page) in table {
            router.get(RouterPath(path)) { _, context in
                var location = page
                for name in ["session", "code"] {
                    guard let value = context.parameters.get(name) else { continue }
                    // The captured segment is a path segment already; letters and digits only are kept.
                    let safe = String(
                        value.unicodeScalars.filter {
                            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                        })
                    location = location.replacingOccurrences(of: ":" + name, with: safe)
                }
                return LearnerRoutes.redirect(location)
            }
        }
    }
}
