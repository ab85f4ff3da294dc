import ItemBankHTML

/// The frame every page shares: document head, skip link, site navigation, footer.
struct PageShell {
    enum Section: String {
        case overview, items, rules, changes, competence, item
    }

    var bankTitle: String
    var bankVersion: String
    var footer: String
    var hasChanges: Bool

    /// A whole page. `depth` is 0 for pages at the site's root, 1 for `items/…` and `competences/…`.
    func page(title: String, depth: Int, section: Section, body: String, script: Bool = false) -> String {
        let up = depth == 0 ? "" : "../"
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLText.escape(title)) · \(HTMLText.escape(bankTitle))</title>\n"
        out += "<link rel=\"stylesheet\" href=\"\(up)assets/report.css\">\n</head>\n<body>\n"
        out += "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
        out += "<header class=\"site\"><p class=\"bank\">\(HTMLText.escape(bankTitle))"
        out += " <span class=\"muted\">\(HTMLText.escape(bankVersion))</span></p>\n"
        out += "<nav aria-label=\"Report\"><ul>"
        var links: [(Section, String, String)] = [
            (.overview, "index.html", "Overview"), (.items, "items.html", "Items"), (.rules, "rules.html", "Rules"),
        ]
        if hasChanges { links.append((.changes, "changes.html", "Changes")) }
        for (linkSection, href, label) in links {
            let current = linkSection == section ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(up)\(href)\"\(current)>\(label)</a></li>"
        }
        out += "</ul></nav></header>\n<main id=\"main\">\n"
        out += body
        out += "</main>\n<footer><p>\(footer)</p></footer>\n"
        if script { out += "<script src=\"\(up)assets/search.js\"></script>\n" }
        out += "</body>\n</html>\n"
        return out
    }
}
