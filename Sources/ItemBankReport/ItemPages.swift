import AdaptiveTesting
import Foundation
import ItemBankHTML
import ItemBankModel
import ItemBankRuntime

extension SiteBuilder {
    /// Every item page (`items/<id>.html`), rendered in parallel; deterministic.
    func itemPages() -> [(String, [UInt8])] {
        let items = bank.allItems
        let chunkSize = 64
        let chunks = (items.count + chunkSize - 1) / chunkSize
        let results = PageBuffer(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var pages: [(String, [UInt8])] = []
            var sources = SourceFiles()
            for position in (chunk * chunkSize)..<min(items.count, (chunk + 1) * chunkSize) {
                let item = items[position]
                pages.append(("items/" + itemFile(item.id), Array(itemPage(item, sources: &sources).utf8)))
            }
            results.set(chunk, pages)
        }
        return results.all
    }

    /// One item page: where it sits, its status and genealogy, the item as the learner sees it with the
    /// keys on a toggle, its diagnostics and its calibration curves.
    func itemPage(_ item: ItemView, sources: inout SourceFiles) -> String {
        let skill = item.skill
        let tube = skill?.tube
        let competence = skill?.competence
        var body = "<nav aria-label=\"Breadcrumb\" class=\"muted\"><a href=\"../index.html\">Overview</a>"
        if let competence {
            let file = competenceFile(competence.code)
            body += " › <a href=\"../competences/\(file)\">\(HTMLText.escape(competence.code))</a>"
            if let skill {
                body += " › <a href=\"../competences/\(file)#\(HTMLText.escapeAttribute(skill.name))\">"
                body += "\(HTMLText.escape(skill.name))</a>"
            }
        }
        body += "</nav>\n<h1>\(HTMLText.escape(item.id))</h1>\n<dl class=\"meta\">"
        body += "<dt>Type</dt><dd>\(item.type.rawValue)\(item.shufflesChoices ? " (choices shuffled)" : "")</dd>"
        body += "<dt>Status</dt><dd>\(item.status.rawValue)</dd>"
        if let competence {
            body +=
                "<dt>Competence</dt><dd>\(HTMLText.escape(competence.code)) \(HTMLText.escape(competence.title))</dd>"
        }
        if let tube {
            body += "<dt>Tube</dt><dd><code>\(HTMLText.escape(tube.name))</code> \(HTMLText.escape(tube.title))</dd>"
        }
        if let skill {
            body += "<dt>Skill</dt><dd><code>\(HTMLText.escape(skill.name))</code> (level \(skill.level))</dd>"
        }
        let locales = item.locales.isEmpty ? [item.language] : item.locales
        body +=
            "<dt>Locales</dt><dd>\(locales.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: " "))</dd>"
        body += "<dt>Genealogy</dt><dd>"
        if item.genealogy == .variant, let prototype = item.prototypeID {
            body += "variant of "
            body +=
                itemIndex[prototype] != nil
                ? "<a href=\"\(itemFile(prototype))\">\(HTMLText.escape(prototype))</a>"
                : "<code>\(HTMLText.escape(prototype))</code> (not in the bank)"
        } else {
            body += "prototype" + (item.version.map { ", version \($0)" } ?? "")
            if let variants = variants[item.id], !variants.isEmpty {
                body += "; variants: "
                body += variants.map { "<a href=\"\(itemFile($0))\">\(HTMLText.escape($0))</a>" }.joined(
                    separator: ", ")
            }
        }
        body += "</dd>"
        if let source = input.itemSources[item.id] {
            body += "<dt>Source</dt><dd><code>\(HTMLText.escape(displayPath(source)))</code></dd>"
        }
        body += "</dl>\n"
        body += "<h2>As the learner sees it</h2>\n"
        body += "<p class=\"toggle\"><input type=\"checkbox\" id=\"show-keys\"> "
        body += "<label for=\"show-keys\">Show keys, accepted answers and the solution</label></p>\n"
        let renderer = ItemHTMLRenderer(mode: .reviewer, mediaBaseURL: "../media/", idPrefix: "item")
        body += "<div class=\"item-frame\">\n" + renderer.render(item) + "</div>\n"
        body += diagnosticsSection(item, sources: &sources)
        body += "<h2>Calibration</h2>\n"
        if let irt = Self.irtItem(item) {
            body +=
                "<p>2PL: discrimination a = \(decimal(irt.discrimination)), difficulty b = \(decimal(irt.difficulty)) logits.</p>\n"
            body += "<div class=\"grid-cards\"><div class=\"card\"><h3>Item characteristic curve</h3>"
            body += ThetaChart.characteristic(id: "icc", itemID: item.id, irt) + "</div>"
            body += "<div class=\"card\"><h3>Information</h3>"
            body += ThetaChart.information(id: "iic", itemID: item.id, irt) + "</div></div>\n"
        } else {
            body += "<p>Not calibrated.</p>\n"
        }
        return shell.page(title: "Item \(item.id)", depth: 1, section: .item, body: body)
    }

    private func diagnosticsSection(_ item: ItemView, sources: inout SourceFiles) -> String {
        let diagnostics = diagnostics(of: item)
        var out = "<h2>Diagnostics</h2>\n"
        guard !diagnostics.isEmpty else { return out + "<p>No diagnostic.</p>\n" }
        out += "<ul class=\"diagnostics\">\n"
        for diagnostic in diagnostics {
            let severity = diagnostic.severity.rawValue
            out += "<li class=\"\(severity)\"><p><span class=\"sev sev-\(severity)\">\(severity)</span> "
            out += ruleLink(diagnostic.ruleID, up: "../") + ": \(HTMLText.escape(diagnostic.message))</p>\n"
            out += excerpt(diagnostic.location, sources: &sources)
            if let help = diagnostic.help { out += "<p><strong>Help:</strong> \(HTMLText.escape(help))</p>\n" }
            for fix in diagnostic.fixIts {
                out +=
                    "<p><strong>Fix-it:</strong> \(HTMLText.escape(fix.message)) (<code>itembank lint --fix</code>)</p>\n"
            }
            for note in diagnostic.notes {
                out += "<p><strong>Note:</strong> \(HTMLText.escape(note.message))</p>\n"
                out += excerpt(note.location, sources: &sources)
            }
            out += "</li>\n"
        }
        out += "</ul>\n"
        return out
    }

    /// The source line of a location with the line before and after, numbered, and a caret under the
    /// column.
    private func excerpt(_ location: SourceLocation, sources: inout SourceFiles) -> String {
        let path = displayPath(location.path)
        guard location.line > 0, let lines = sources.lines(of: location.path), location.line <= lines.count else {
            return "<p><code>\(HTMLText.escape(path))</code></p>\n"
        }
        var out = "<pre class=\"excerpt\" aria-label=\"\(HTMLText.escapeAttribute(path)) line \(location.line)\">"
        out += "\(HTMLText.escape(path)):\(location.line)\(location.column > 0 ? ":\(location.column)" : "")\n"
        let width = String(min(location.line + 1, lines.count)).count
        for number in max(1, location.line - 1)...min(location.line + 1, lines.count) {
            let label = String(number)
            let gutter = String(repeating: " ", count: width - label.count) + label + " | "
            let text = HTMLText.escape(lines[number - 1].replacingOccurrences(of: "\t", with: " "))
            if number == location.line {
                out += "<span class=\"here\">\(gutter)\(text)</span>\n"
                if location.column > 0 {
                    out += String(repeating: " ", count: width) + " | "
                    out += String(repeating: " ", count: location.column - 1) + "^\n"
                }
            } else {
                out += "\(gutter)\(text)\n"
            }
        }
        out += "</pre>\n"
        return out
    }

    /// The media files the items use, from the bank's media folder, as `media/<path>`.
    func mediaFiles() throws(ReportError) -> [(String, [UInt8])] {
        guard let folder = input.mediaFolder else { return [] }
        var paths: Set<String> = []
        for item in bank.allItems {
            for media in item.media
            where !media.source.split(separator: "/").contains("..") && !media.source.hasPrefix("/") {
                paths.insert(media.source)
            }
        }
        var files: [(String, [UInt8])] = []
        for path in paths.sorted() {
            // A missing media file is an error lint reports on the item (ref.* rules); the page shows it.
            guard let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
            files.append(("media/" + path, Array(data)))
        }
        return files
    }
}

/// Source files read once per worker, split into lines.
struct SourceFiles {
    private var cache: [String: [String]?] = [:]

    mutating func lines(of path: String) -> [String]? {
        if let cached = cache[path] { return cached }
        let lines = FileManager.default.contents(atPath: path).map { data in
            String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        }
        cache[path] = lines
        return lines
    }
}

/// Results of the parallel page rendering, one slot per chunk.
final class PageBuffer: @unchecked Sendable {
    private var slots: [[(String, [UInt8])]]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func set(_ index: Int, _ pages: [(String, [UInt8])]) {
        lock.lock()
        slots[index] = pages
        lock.unlock()
    }

    var all: [(String, [UInt8])] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
