import AdaptiveTesting
import Foundation
import ItemBankHTML
import ItemBankLint
import ItemBankModel
import ItemBankRuntime

/// The bank report: a static site of plain files (HTML, one stylesheet, one small script, the media the
/// items use) that shows every item as a learner sees it with its keys on a toggle, its diagnostics, its
/// calibration curves, and the bank at a glance (counts, coverage heatmap, lint summary, test
/// information, key positions, θ tables, changes since a previous release).
///
/// Site layout: `index.html`, `items.html` (the list, searchable), `rules.html`, `changes.html` (with a
/// previous release), `competences/<code>.html`, `items/<id>.html`, `assets/`, `media/`. Links are
/// relative, nothing loads from the network, and the same input gives the same bytes.
public enum BankReport {
    /// Cells with fewer validated items per skill than this are marked thin in the coverage heatmap.
    public static let thinCellItemsPerSkill = 2

    /// Builds the site.
    /// - Throws: ``ReportError`` when a media file the items use cannot be read.
    public static func site(_ input: ReportInput) throws(ReportError) -> ReportSite {
        let builder = SiteBuilder(input: input)
        var files: [String: [UInt8]] = [:]
        func add(_ path: String, _ text: String) { files[path] = Array(text.utf8) }
        add("assets/report.css", Assets.stylesheet)
        add("assets/search.js", Assets.script)
        // The bank's pages (overview, item list, rules, changes, competences) on all cores, each a job.
        var pages: [(String, @Sendable () -> String)] = [
            ("index.html", { builder.index() }), ("items.html", { builder.itemList() }),
            ("rules.html", { builder.rules() }),
        ]
        if input.previous != nil { pages.append(("changes.html", { builder.changes() })) }
        for competence in input.bank.allCompetences {
            pages.append(
                ("competences/\(builder.competenceFile(competence.code))", { builder.competencePage(competence) }))
        }
        let jobs = pages
        let rendered = PageBuffer(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            rendered.set(index, [(jobs[index].0, Array(jobs[index].1().utf8))])
        }
        for (path, bytes) in rendered.all { files[path] = bytes }
        for (path, bytes) in builder.itemPages() { files[path] = bytes }
        for (path, bytes) in try builder.mediaFiles() { files[path] = bytes }
        return ReportSite(files: files)
    }
}

/// Renders the pages of one report.
struct SiteBuilder: Sendable {
    let input: ReportInput
    let bank: Bank
    let shell: PageShell
    /// Diagnostics by source path.
    let diagnosticsByPath: [String: [Diagnostic]]
    /// Item id → index in the bank.
    let itemIndex: [String: Int]
    /// Prototype id → its variants' ids (sorted).
    let variants: [String: [String]]

    init(input: ReportInput) {
        self.input = input
        bank = input.bank
        shell = PageShell(
            bankTitle: bank.title.isEmpty ? bank.id : bank.title, bankVersion: bank.version,
            footer: "Bank \(HTMLText.escape(bank.id)) \(HTMLText.escape(bank.version)), content sha256 "
                + "<code>\(bank.contentDigest.prefix(16))</code>. Made by <code>itembank report</code>.",
            hasChanges: input.previous != nil)
        diagnosticsByPath = Dictionary(grouping: input.diagnostics, by: \.location.path)
        var index: [String: Int] = [:]
        var variants: [String: [String]] = [:]
        for item in bank.allItems {
            index[item.id] = item.index
            if let prototype = item.prototypeID { variants[prototype, default: []].append(item.id) }
        }
        itemIndex = index
        self.variants = variants.mapValues { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    func itemFile(_ id: String) -> String { HTMLText.url(id) + ".html" }
    func competenceFile(_ code: String) -> String { HTMLText.url(code) + ".html" }

    func displayPath(_ path: String) -> String {
        let root = input.bankRoot.hasSuffix("/") ? input.bankRoot : input.bankRoot + "/"
        return !input.bankRoot.isEmpty && path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    func diagnostics(of item: ItemView) -> [Diagnostic] {
        input.itemSources[item.id].flatMap { diagnosticsByPath[$0] } ?? []
    }

    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    // MARK: - Index

    func index() -> String {
        var body = "<h1>\(HTMLText.escape(shell.bankTitle))</h1>\n"
        body += "<form class=\"search\" role=\"search\" action=\"items.html\" method=\"get\">"
        body += "<label for=\"q\">Search items by id or stem</label> <input id=\"q\" name=\"q\" type=\"search\">"
        body += " <button type=\"submit\">Search</button></form>\n"
        body += "<dl class=\"meta\">"
        body += "<dt>Bank</dt><dd><code>\(HTMLText.escape(bank.id))</code> \(HTMLText.escape(bank.version))</dd>"
        body +=
            "<dt>Framework</dt><dd>\(HTMLText.escape(bank.frameworkTitle)) (<code>\(HTMLText.escape(bank.frameworkID))</code>"
        body += "\(bank.frameworkVersion.map { " " + HTMLText.escape($0) } ?? ""))</dd>"
        body += "<dt>Content</dt><dd>\(Self.plural(bank.itemCount, "item")), \(Self.plural(bank.skillCount, "skill")), "
        body += "\(Self.plural(bank.competenceCount, "competence")); levels open: 1–\(bank.maxLevel)</dd>"
        let errors = input.diagnostics.filter { $0.severity == .error }.count
        let warnings = input.diagnostics.filter { $0.severity == .warning }.count
        body +=
            "<dt>Lint</dt><dd><a href=\"#lint\">\(Self.plural(errors, "error")), \(Self.plural(warnings, "warning")),"
        body += " \(input.diagnostics.count - errors - warnings) info</a></dd></dl>\n"
        if let previous = input.previous {
            let diff = BankDiff.between(previous, bank)
            body += "<p>Since \(HTMLText.escape(previous.version)): <a href=\"changes.html\">"
            body +=
                "\(Self.plural(diff.items.count, "item change")), \(Self.plural(diff.framework.count, "framework change"))"
            body += "</a>.</p>\n"
        }
        body += counts()
        body += heatmap()
        body += lintSummary()
        body += testInformation()
        body += keyPositions()
        body += thetaTables()
        return shell.page(title: "Overview", depth: 0, section: .overview, body: body)
    }

    private func countTable(_ caption: String, _ column: String, _ counts: [String: Int], order: [String]) -> String {
        var out = "<table><caption>\(caption)</caption><thead><tr><th scope=\"col\">\(column)"
        out += "</th><th scope=\"col\" class=\"num\">Items</th></tr></thead><tbody>"
        let keys = order + counts.keys.filter { !order.contains($0) }.sorted()
        for key in keys {
            out +=
                "<tr><th scope=\"row\"><code>\(HTMLText.escape(key))</code></th><td class=\"num\">\(counts[key] ?? 0)</td></tr>"
        }
        out += "</tbody></table>"
        return out
    }

    func counts() -> String {
        var types: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        var locales: [String: Int] = [:]
        for item in bank.allItems {
            types[item.type.rawValue, default: 0] += 1
            statuses[item.status.rawValue, default: 0] += 1
            let itemLocales = item.locales.isEmpty ? [item.language] : item.locales
            for locale in itemLocales { locales[locale, default: 0] += 1 }
        }
        var out = "<h2 id=\"counts\">Items by type, status and locale</h2>\n<div class=\"grid-cards\">"
        out +=
            "<div class=\"card\">"
            + countTable("By type", "Type", types, order: ItemBankRuntime.ItemType.allCases.map(\.rawValue)) + "</div>"
        out += "<div class=\"card\">"
        let statusOrder = ItemBankRuntime.ItemStatus.allCases.map(\.rawValue)
        out += countTable("By status", "Status", statuses, order: statusOrder) + "</div>"
        out += "<div class=\"card\">" + countTable("By locale", "Locale", locales, order: []) + "</div></div>\n"
        return out
    }

    func heatmap() -> String {
        var out = "<h2 id=\"coverage\">Coverage: validated items per competence and level</h2>\n"
        out += "<p>Each cell counts the validated items of the competence’s skills at that level and links to them. "
        out +=
            "<strong>gap</strong>: a skill of the cell has no validated item; <strong>thin</strong>: a skill has fewer than "
        out +=
            "\(BankReport.thinCellItemsPerSkill); an empty cell has no skill; levels above \(bank.maxLevel) are not open.</p>\n"
        out += "<p class=\"legend\"><span class=\"gap\">gap</span><span class=\"thin\">thin</span>"
        out +=
            "<span class=\"h1\">2–3 per skill</span><span class=\"h2\">4–5</span><span class=\"h3\">6 or more</span></p>\n"
        out += "<div class=\"scroll\" role=\"region\" aria-label=\"Coverage heatmap\" tabindex=\"0\">"
        out += "<table class=\"heat\"><thead><tr><th scope=\"col\">Competence</th>"
        for level in 1...8 { out += "<th scope=\"col\">Level \(level)</th>" }
        out += "</tr></thead><tbody>\n"
        for competence in bank.allCompetences {
            let file = "competences/" + competenceFile(competence.code)
            out += "<tr><th scope=\"row\"><a href=\"\(file)\">\(HTMLText.escape(competence.code))</a> "
            out += "<span class=\"muted\">\(HTMLText.escape(competence.title))</span></th>"
            for level in 1...8 {
                let skills = competence.skills(level: level)
                if skills.isEmpty {
                    out += level > bank.maxLevel ? "<td class=\"closed\">–</td>" : "<td>–</td>"
                    continue
                }
                let perSkill = skills.map { skill in skill.items.filter { $0.status == .validated }.count }
                let total = perSkill.reduce(0, +)
                let least = perSkill.min() ?? 0
                let average = Double(total) / Double(perSkill.count)
                let (cellClass, mark) =
                    least == 0
                    ? ("gap", " gap")
                    : least < BankReport.thinCellItemsPerSkill
                        ? ("thin", " thin") : average >= 6 ? ("h3", "") : average >= 4 ? ("h2", "") : ("h1", "")
                let label =
                    "\(competence.code) level \(level): \(Self.plural(total, "validated item")), "
                    + "\(Self.plural(perSkill.count, "skill"))\(mark.isEmpty ? "" : ",\(mark)")"
                out += "<td class=\"\(cellClass)\"><a href=\"\(file)#level-\(level)\" aria-label=\"\(label)\">"
                out += "\(total)\(mark)</a></td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    func lintSummary() -> String {
        var out = "<h2 id=\"lint\">Lint summary</h2>\n"
        guard !input.diagnostics.isEmpty else { return out + "<p>No diagnostic.</p>\n" }
        var pathToItem: [String: String] = [:]
        for (id, path) in input.itemSources { pathToItem[path] = id }
        struct Key: Hashable {
            var rule: String
            var severity: Severity
        }
        let groups = Dictionary(grouping: input.diagnostics) { Key(rule: $0.ruleID, severity: $0.severity) }
        let keys = groups.keys.sorted { ($1.severity, $0.rule) < ($0.severity, $1.rule) }
        out += "<div class=\"scroll\" role=\"region\" aria-label=\"Lint summary\" tabindex=\"0\"><table>"
        out +=
            "<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th><th scope=\"col\" class=\"num\">Count</th>"
        out += "<th scope=\"col\">Where</th></tr></thead><tbody>\n"
        for key in keys {
            let diagnostics = groups[key] ?? []
            out += "<tr><th scope=\"row\">" + ruleLink(key.rule, up: "") + "</th>"
            out += "<td><span class=\"sev sev-\(key.severity.rawValue)\">\(key.severity.rawValue)</span></td>"
            out += "<td class=\"num\">\(diagnostics.count)</td><td>"
            var seen: Set<String> = []
            var links: [String] = []
            for diagnostic in diagnostics where seen.insert(diagnostic.location.path).inserted {
                if let id = pathToItem[diagnostic.location.path], itemIndex[id] != nil {
                    links.append("<a href=\"items/\(itemFile(id))\">\(HTMLText.escape(id))</a>")
                } else {
                    links.append("<code>\(HTMLText.escape(displayPath(diagnostic.location.path)))</code>")
                }
            }
            if links.count <= 5 {
                out += links.joined(separator: ", ")
            } else {
                out += "<details><summary>\(links.count) files</summary>" + links.joined(separator: ", ") + "</details>"
            }
            out += "</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    func ruleLink(_ rule: String, up: String) -> String {
        Catalogue.description(of: rule) != nil
            ? "<a href=\"\(up)rules.html#\(HTMLText.escapeAttribute(rule))\"><code>\(HTMLText.escape(rule))</code></a>"
            : "<code>\(HTMLText.escape(rule))</code>"
    }

    static func irtItem(_ item: ItemView) -> CalibratedItem? {
        item.calibration.map { CalibratedItem(discrimination: $0.discrimination, difficulty: $0.difficulty) }
    }

    func testInformation() -> String {
        var out = "<h2 id=\"information\">Test information per competence</h2>\n"
        out +=
            "<p>Sum of the information a²·P·(1 − P) of the competence’s validated, calibrated items, by ability θ.</p>\n"
        out += "<div class=\"grid-cards\">"
        for competence in bank.allCompetences {
            let items = competence.items.filter { $0.status == .validated }.compactMap(Self.irtItem)
            out += "<div class=\"card\"><h3>\(HTMLText.escape(competence.code)) "
            out += "<span class=\"muted\">\(HTMLText.escape(competence.title))</span></h3>"
            if items.isEmpty {
                out += "<p>No validated, calibrated item.</p></div>"
                continue
            }
            let peak = ThetaChart.peak(items)
            let title =
                "Test information of competence \(competence.code) by ability θ: "
                + "\(Self.plural(items.count, "item")), highest (\(decimal(peak.information, 1))) at θ = \(decimal(peak.theta, 1))"
            out += ThetaChart.testInformation(
                id: "tif-\(HTMLText.escapeAttribute(competence.code))", title: title, items)
            out +=
                "<p>\(Self.plural(items.count, "calibrated item")); highest information \(decimal(peak.information, 1)) "
            out += "at θ = \(decimal(peak.theta, 1)).</p></div>"
        }
        out += "</div>\n"
        return out
    }

    func keyPositions() -> String {
        var out = "<h2 id=\"keys\">Key positions</h2>\n"
        out += "<p>How many keys sit at each choice position (document order), by number of choices: "
        out += "a skew shows a habit that test-wise learners can use.</p>\n"
        for type in [ItemBankRuntime.ItemType.qcu, .qcm] {
            var table: [Int: [Int: Int]] = [:]
            var widest = 0
            for item in bank.allItems where item.type == type {
                let count = item.choices.count
                widest = max(widest, count)
                for position in item.keyPositions { table[count, default: [:]][position, default: 0] += 1 }
                if table[count] == nil { table[count] = [:] }
            }
            guard widest > 0 else { continue }
            out +=
                "<div class=\"scroll\" role=\"region\" aria-label=\"Key positions of \(type.rawValue) items\" tabindex=\"0\">"
            out += "<table><caption>\(type.rawValue) items</caption><thead><tr><th scope=\"col\">Choices</th>"
            for position in 1...widest { out += "<th scope=\"col\" class=\"num\">Position \(position)</th>" }
            out += "</tr></thead><tbody>"
            for count in table.keys.sorted() {
                out += "<tr><th scope=\"row\">\(count)</th>"
                for position in 1...widest {
                    out += position > count ? "<td></td>" : "<td class=\"num\">\(table[count]?[position] ?? 0)</td>"
                }
                out += "</tr>"
            }
            out += "</tbody></table></div>\n"
        }
        return out
    }

    func thetaTables() -> String {
        var out = "<h2 id=\"theta\">θ level tables</h2>\n"
        let rows = bank.allCompetences.compactMap { competence in competence.thetaLevels.map { (competence, $0) } }
        guard !rows.isEmpty else { return out + "<p>The bank stores no θ tables.</p>\n" }
        let widest = rows.map(\.1.count).max() ?? 0
        out += "<p>The ability θ (logits) from which a learner is at each level.</p>\n"
        out += "<div class=\"scroll\" role=\"region\" aria-label=\"θ level tables\" tabindex=\"0\"><table><thead><tr>"
        out += "<th scope=\"col\">Competence</th>"
        for level in 0..<widest { out += "<th scope=\"col\" class=\"num\">Level \(level + 1)</th>" }
        out += "</tr></thead><tbody>"
        for (competence, thresholds) in rows {
            out += "<tr><th scope=\"row\">\(HTMLText.escape(competence.code))</th>"
            for level in 0..<widest {
                out += level < thresholds.count ? "<td class=\"num\">\(decimal(thresholds[level]))</td>" : "<td></td>"
            }
            out += "</tr>"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    // MARK: - Item list, rules, changes

    func itemList() -> String {
        var body = "<h1>Items</h1>\n"
        body +=
            "<form id=\"search-form\" class=\"search\" role=\"search\" hidden><label for=\"search\">Search items by id or stem</label> "
        body += "<input id=\"search\" type=\"search\"> <span id=\"search-status\" role=\"status\"></span></form>\n"
        body +=
            "<div class=\"scroll\" role=\"region\" aria-label=\"Items\" tabindex=\"0\"><table id=\"item-list\"><thead><tr>"
        body +=
            "<th scope=\"col\">Item</th><th scope=\"col\">Type</th><th scope=\"col\">Status</th><th scope=\"col\">Skill</th>"
        body += "<th scope=\"col\">Stem</th></tr></thead><tbody>\n"
        for item in bank.allItems {
            var stem = item.stemText
            if stem.count > 140 { stem = String(stem.prefix(139)) + "…" }
            body += "<tr><th scope=\"row\"><a href=\"items/\(itemFile(item.id))\">\(HTMLText.escape(item.id))</a></th>"
            body += "<td>\(item.type.rawValue)</td><td>\(item.status.rawValue)</td>"
            body += "<td><code>\(HTMLText.escape(item.skill?.name ?? ""))</code></td>"
            body += "<td lang=\"\(HTMLText.escapeAttribute(item.language))\">\(HTMLText.escape(stem))</td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        return shell.page(title: "Items", depth: 0, section: .items, body: body, script: true)
    }

    func rules() -> String {
        var body = "<h1>Rules</h1>\n<p>What each rule checks and why (the text of <code>itembank explain</code>).</p>\n"
        let used = Set(input.diagnostics.map(\.ruleID))
        body += "<ul class=\"inline\">"
        for rule in Catalogue.descriptions {
            body += "<li><a href=\"#\(HTMLText.escapeAttribute(rule.id))\">\(HTMLText.escape(rule.id))</a></li>"
        }
        body += "</ul>\n"
        for rule in Catalogue.descriptions {
            body += "<section id=\"\(HTMLText.escapeAttribute(rule.id))\"><h2><code>\(HTMLText.escape(rule.id))</code>"
            body += used.contains(rule.id) ? " <span class=\"muted\">(reported in this bank)</span>" : ""
            body +=
                "</h2>\n<pre class=\"excerpt\">\(HTMLText.escape(RuleReference.explanation(rule)))</pre></section>\n"
        }
        return shell.page(title: "Rules", depth: 0, section: .rules, body: body)
    }

    func changes() -> String {
        guard let previous = input.previous else { return "" }
        let diff = BankDiff.between(previous, bank)
        var body = "<h1>Changes since \(HTMLText.escape(previous.id)) \(HTMLText.escape(previous.version))</h1>\n"
        let counts = [BankDiff.Change.Kind.added, .removed, .changed].map { kind in
            diff.items.filter { $0.kind == kind }.count
        }
        body += "<p>Items: \(counts[0]) added, \(counts[1]) removed, \(counts[2]) changed, "
        body += "\(diff.unchangedItemCount) unchanged. Framework: \(Self.plural(diff.framework.count, "change")).</p>\n"
        body += changeTable("Framework", diff.framework)
        body += changeTable("Items", diff.items)
        return shell.page(title: "Changes", depth: 0, section: .changes, body: body)
    }

    private func changeTable(_ title: String, _ changes: [BankDiff.Change]) -> String {
        var out = "<h2>\(title)</h2>\n"
        guard !changes.isEmpty else { return out + "<p>No change.</p>\n" }
        out += "<div class=\"scroll\" role=\"region\" aria-label=\"\(title) changes\" tabindex=\"0\"><table><thead><tr>"
        out += "<th scope=\"col\">Change</th><th scope=\"col\">Entity</th><th scope=\"col\">Key</th>"
        out += "<th scope=\"col\">What changed</th></tr></thead><tbody>\n"
        for change in changes {
            let key =
                change.entity == "item" && change.kind != .removed && itemIndex[change.key] != nil
                ? "<a href=\"items/\(itemFile(change.key))\">\(HTMLText.escape(change.key))</a>"
                : "<code>\(HTMLText.escape(change.key))</code>"
            let fields = change.fields.map { field in
                HTMLText.escape(change.details[field].map { "\(field): \($0)" } ?? field)
            }
            out +=
                "<tr><td>\(change.kind.rawValue)</td><td>\(HTMLText.escape(change.entity))</td><th scope=\"row\">\(key)</th>"
            out += "<td>\(fields.joined(separator: "<br>"))</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    // MARK: - Competence pages

    func competencePage(_ competence: CompetenceView) -> String {
        var body =
            "<p class=\"muted\">\(HTMLText.escape(competence.area.map { "\($0.code). \($0.title)" } ?? ""))</p>\n"
        body += "<h1>\(HTMLText.escape(competence.code)) \(HTMLText.escape(competence.title))</h1>\n"
        if let description = competence.description { body += "<p>\(HTMLText.escape(description))</p>\n" }
        let skills = competence.skills
        var tubes: [(TubeView, [SkillView])] = []
        for skill in skills {
            guard let tube = skill.tube else { continue }
            if let last = tubes.last, last.0.index == tube.index {
                tubes[tubes.count - 1].1.append(skill)
            } else {
                tubes.append((tube, [skill]))
            }
        }
        body += "<h2>Tubes and levels</h2>\n"
        body += "<div class=\"scroll\" role=\"region\" aria-label=\"Tubes by level\" tabindex=\"0\"><table><thead><tr>"
        body += "<th scope=\"col\">Tube</th>"
        for level in 1...8 { body += "<th scope=\"col\">Level \(level)</th>" }
        body += "</tr></thead><tbody>\n"
        for (tube, tubeSkills) in tubes {
            body += "<tr><th scope=\"row\"><code>\(HTMLText.escape(tube.name))</code> "
            body += "<span class=\"muted\">\(HTMLText.escape(tube.title))</span></th>"
            for level in 1...8 {
                guard let skill = tubeSkills.first(where: { $0.level == level }) else {
                    body += "<td></td>"
                    continue
                }
                let validated = skill.items.filter { $0.status == .validated }.count
                body +=
                    "<td><a href=\"#\(HTMLText.escapeAttribute(skill.name))\"><code>\(HTMLText.escape(skill.name))</code></a>"
                body += "<br>\(validated)/\(skill.items.count) validated"
                if skill.status != .active { body += "<br><span class=\"muted\">\(skill.status.rawValue)</span>" }
                body += "</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table></div>\n"
        for level in 1...8 {
            let levelSkills = skills.filter { $0.level == level }
            guard !levelSkills.isEmpty else { continue }
            body += "<section id=\"level-\(level)\"><h2>Level \(level)</h2>\n"
            for skill in levelSkills {
                body += "<h3 id=\"\(HTMLText.escapeAttribute(skill.name))\"><code>\(HTMLText.escape(skill.name))</code>"
                body += " <span class=\"muted\">\(skill.status.rawValue), \(decimal(skill.pix)) pix</span></h3>\n"
                if let description = skill.description { body += "<p>\(HTMLText.escape(description))</p>\n" }
                if skill.items.isEmpty {
                    body += "<p>No item.</p>\n"
                    continue
                }
                body += "<ul>"
                for item in skill.items {
                    var stem = item.stemText
                    if stem.count > 120 { stem = String(stem.prefix(119)) + "…" }
                    body += "<li><a href=\"../items/\(itemFile(item.id))\">\(HTMLText.escape(item.id))</a> "
                    body += "<span class=\"muted\">\(item.type.rawValue), \(item.status.rawValue)</span> "
                    body +=
                        "<span lang=\"\(HTMLText.escapeAttribute(item.language))\">\(HTMLText.escape(stem))</span></li>"
                }
                body += "</ul>\n"
            }
            body += "</section>\n"
        }
        return shell.page(title: "Competence \(competence.code)", depth: 1, section: .competence, body: body)
    }
}
