import CItemBankLibXML2
import ItemBankModel

/// XML namespaces of the three file kinds.
public enum Namespaces {
    public static let item = "urn:itembank:item:1"
    public static let framework = "urn:itembank:framework:1"
    public static let bank = "urn:itembank:bank:1"
}

/// Maps schema-valid documents to model values with source locations. Decoders assume the document
/// passed its schema, but never trap when it did not: a missing value decodes as empty.
enum Decoders {
    // MARK: Item

    static func item(_ document: ParsedDocument, root: xmlNodePtr) -> Item {
        let attr = { (name: String) in DOM.attribute(root, name) }
        let location = document.location(of: root)
        var choices: [Choice] = []
        var shuffles = false
        let choicesNode = DOM.child(root, named: "choices")
        if let choicesNode {
            shuffles = bool(DOM.attribute(choicesNode, "shuffle")) ?? false
            for node in DOM.children(choicesNode, named: "choice") {
                choices.append(
                    Choice(
                        id: DOM.attribute(node, "id"), isKey: bool(DOM.attribute(node, "key")) ?? false,
                        text: DOM.richText(node), location: document.location(of: node)))
            }
        }
        var responses: [Response] = []
        let responsesNode = DOM.child(root, named: "responses")
        if let responsesNode {
            for node in DOM.children(responsesNode) {
                let accepted = DOM.children(node, named: "accept").map {
                    AcceptedAnswer(DOM.rawText($0), location: document.location(of: $0))
                }
                let kind: Response.Kind
                if DOM.localName(node) == "dropdown" {
                    let options = DOM.children(node, named: "option").map {
                        AcceptedAnswer(DOM.rawText($0), location: document.location(of: $0))
                    }
                    kind = .dropdown(options: options)
                } else {
                    let format = DOM.attribute(node, "format").flatMap(ResponseFormat.init(rawValue:)) ?? .words
                    let tolerances = DOM.attribute(node, "tolerances").flatMap(Tolerances.init(list:)) ?? .all
                    kind = .text(format: format, tolerances: tolerances)
                }
                responses.append(
                    Response(
                        id: DOM.attribute(node, "id") ?? "", kind: kind, acceptedAnswers: accepted,
                        label: DOM.attribute(node, "label"), placeholder: DOM.attribute(node, "placeholder"),
                        location: document.location(of: node)))
            }
        }
        var groups: AnswerGroups?
        if let groupsNode = DOM.child(root, named: "groups") {
            let list = DOM.children(groupsNode, named: "group").map { group in
                AnswerGroup(
                    acceptedAnswers: DOM.children(group, named: "accept").map {
                        AcceptedAnswer(DOM.rawText($0), location: document.location(of: $0))
                    }, location: document.location(of: group))
            }
            groups = AnswerGroups(
                groups: list, count: DOM.attribute(groupsNode, "count").flatMap { Int($0) },
                tolerances: DOM.attribute(groupsNode, "tolerances").flatMap(Tolerances.init(list:)) ?? .all,
                location: document.location(of: groupsNode))
        }
        var calibration: Calibration?
        let calibrationNode = DOM.child(root, named: "calibration")
        if let node = calibrationNode,
            let a = DOM.attribute(node, "discrimination").flatMap({ Double($0) }),
            let b = DOM.attribute(node, "difficulty").flatMap({ Double($0) })
        {
            calibration = Calibration(
                discrimination: a, difficulty: b, responses: DOM.attribute(node, "n").flatMap { Int($0) },
                date: DOM.attribute(node, "date"), fit: DOM.attribute(node, "fit").flatMap { Double($0) },
                fitP: DOM.attribute(node, "p").flatMap { Double($0) },
                isAnchor: bool(DOM.attribute(node, "anchor")) ?? false)
        }
        let illustration = DOM.child(root, named: "illustration").map { node in
            Illustration(
                source: DOM.attribute(node, "src") ?? "", alternative: DOM.attribute(node, "alt") ?? "",
                isDecorative: bool(DOM.attribute(node, "decorative")) ?? false,
                location: document.location(ofAttribute: "src", in: node))
        }
        let attachments = DOM.children(root, named: "attachment").map { node in
            Attachment(
                source: DOM.attribute(node, "src") ?? "", title: DOM.attribute(node, "title"),
                location: document.location(ofAttribute: "src", in: node))
        }
        let embed = DOM.child(root, named: "embed").map { node in
            Embed(
                url: DOM.attribute(node, "url") ?? "", title: DOM.attribute(node, "title") ?? "",
                height: DOM.attribute(node, "height").flatMap { Int($0) }, location: document.location(of: node))
        }
        let stem = DOM.child(root, named: "stem").map(DOM.richText) ?? RichText("")
        let solution = DOM.child(root, named: "solution").map(DOM.richText)
        let locales = (attr("locales") ?? "").split(separator: " ").map(String.init)
        let prototype = attr("prototype")
        // skill, id and (when written) prototype, the root's start tag found once.
        let rootLocations = document.locations(
            ofAttributes: prototype == nil ? ["skill", "id"] : ["skill", "id", "prototype"], in: root)
        return Item(
            id: attr("id") ?? "", skill: attr("skill") ?? "",
            type: attr("type").flatMap(ItemType.init(rawValue:)) ?? .qcu,
            status: attr("status").flatMap(ItemStatus.init(rawValue:)) ?? .proposed,
            language: DOM.language(root) ?? "",
            genealogy: attr("genealogy").flatMap(Genealogy.init(rawValue:)) ?? .prototype,
            prototype: prototype, version: attr("version").flatMap { Int($0) },
            timer: attr("timer").flatMap { Int($0) }, isFocusable: bool(attr("focusable")) ?? false,
            locales: locales, stem: stem, illustration: illustration, attachments: attachments, embed: embed,
            choices: choices, shufflesChoices: shuffles, responses: responses, answerGroups: groups,
            calibration: calibration, solution: solution, location: location,
            skillLocation: rootLocations[0], idLocation: rootLocations[1],
            hasChoicesElement: choicesNode != nil, hasResponsesElement: responsesNode != nil,
            calibrationLocation: calibrationNode.map { document.location(of: $0) },
            prototypeLocation: prototype == nil ? nil : rootLocations[2],
            links: links(in: root, document), textRuns: TextRunScanner.scan(document.source),
            lines: document.source.lines,
            choicesLocation: choicesNode.map { document.location(of: $0) })
    }

    /// Every `<a href>` under `node`, in document order.
    private static func links(in node: xmlNodePtr, _ document: ParsedDocument) -> [Link] {
        var found: [Link] = []
        collectLinks(in: node, document, into: &found)
        return found
    }

    /// Appends the links under `node` to `found`, walking the element tree in place (no arrays of
    /// children, names compared as bytes).
    private static func collectLinks(in node: xmlNodePtr, _ document: ParsedDocument, into found: inout [Link]) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                if DOM.hasLocalName(current, "a") {
                    found.append(
                        Link(
                            url: DOM.attribute(current, "href") ?? "", text: DOM.text(current),
                            location: document.location(ofAttribute: "href", in: current)))
                }
                collectLinks(in: current, document, into: &found)
            }
            child = current.pointee.next
        }
    }

    // MARK: Framework

    static func framework(_ document: ParsedDocument, root: xmlNodePtr) -> Framework {
        let areas = DOM.children(root, named: "area").map { areaNode in
            Area(
                code: DOM.attribute(areaNode, "code") ?? "", title: title(areaNode),
                competences: DOM.children(areaNode, named: "competence").map { competenceNode in
                    Competence(
                        code: DOM.attribute(competenceNode, "code") ?? "", title: title(competenceNode),
                        description: description(competenceNode),
                        thematics: DOM.children(competenceNode, named: "thematic").map { thematicNode in
                            Thematic(
                                id: DOM.attribute(thematicNode, "id") ?? "", title: title(thematicNode),
                                tubes: DOM.children(thematicNode, named: "tube").map { tubeNode in
                                    Tube(
                                        name: DOM.attribute(tubeNode, "name") ?? "", title: title(tubeNode),
                                        description: description(tubeNode),
                                        skills: DOM.children(tubeNode, named: "skill").map { skillNode in
                                            Skill(
                                                name: DOM.attribute(skillNode, "name") ?? "",
                                                level: DOM.attribute(skillNode, "level").flatMap { Int($0) } ?? 0,
                                                status: DOM.attribute(skillNode, "status").flatMap(
                                                    SkillStatus.init(rawValue:)) ?? .active,
                                                id: DOM.attribute(skillNode, "id"), description: description(skillNode),
                                                location: document.location(ofAttribute: "name", in: skillNode))
                                        }, location: document.location(ofAttribute: "name", in: tubeNode))
                                }, location: document.location(of: thematicNode))
                        }, thetaLevels: thetaLevels(competenceNode, document),
                        location: document.location(ofAttribute: "code", in: competenceNode))
                }, location: document.location(ofAttribute: "code", in: areaNode))
        }
        return Framework(
            id: DOM.attribute(root, "id") ?? "", version: DOM.attribute(root, "version"), title: title(root),
            maxLevel: DOM.attribute(root, "maxLevel").flatMap { Int($0) } ?? 8, language: DOM.language(root) ?? "",
            areas: areas, location: document.location(of: root))
    }

    /// A competence's `<thetaLevels>`, nil when it has none. A θ that does not read as a number (the
    /// schema refuses it) decodes as NaN, which `framework.theta-levels` reports.
    private static func thetaLevels(_ competenceNode: xmlNodePtr, _ document: ParsedDocument) -> ThetaLevels? {
        DOM.child(competenceNode, named: "thetaLevels").map { node in
            ThetaLevels(
                thresholds: DOM.children(node, named: "threshold").map { threshold in
                    ThetaThreshold(
                        level: DOM.attribute(threshold, "level").flatMap { Int(trimmed($0)) } ?? 0,
                        theta: DOM.attribute(threshold, "theta").flatMap { Double(trimmed($0)) } ?? .nan,
                        location: document.location(ofAttribute: "level", in: threshold),
                        thetaLocation: document.location(ofAttribute: "theta", in: threshold))
                }, location: document.location(of: node))
        }
    }

    /// An attribute value without the white space that XSD numeric types allow around it.
    private static func trimmed(_ value: String) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = value.firstIndex(where: { !isSpace($0) }), let last = value.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return value[first...last]
    }

    // MARK: Manifest

    static func manifest(_ document: ParsedDocument, root: xmlNodePtr) -> BankManifest {
        var lint = LintSettings()
        if let lintNode = DOM.child(root, named: "lint") {
            lint.rules = DOM.children(lintNode, named: "rule").map { ruleSetting($0, document) }
            lint.folders = DOM.children(lintNode, named: "folder").map { folder in
                (
                    DOM.attribute(folder, "path") ?? "",
                    DOM.children(folder, named: "rule").map { ruleSetting($0, document) }
                )
            }
        }
        return BankManifest(
            id: DOM.attribute(root, "id") ?? "", version: DOM.attribute(root, "version") ?? "", title: title(root),
            description: description(root), language: DOM.language(root) ?? "",
            frameworkPath: DOM.child(root, named: "framework").flatMap { DOM.attribute($0, "src") } ?? "framework.xml",
            itemPaths: DOM.children(root, named: "items").compactMap { DOM.attribute($0, "src") },
            mediaPath: DOM.child(root, named: "media").flatMap { DOM.attribute($0, "src") },
            locales: DOM.child(root, named: "locales").map { DOM.text($0).split(separator: " ").map(String.init) }
                ?? [],
            lint: lint, location: document.location(of: root),
            frameworkLocation: DOM.child(root, named: "framework").map {
                document.location(ofAttribute: "src", in: $0)
            },
            itemLocations: DOM.children(root, named: "items").map { document.location(ofAttribute: "src", in: $0) },
            mediaLocation: DOM.child(root, named: "media").map { document.location(ofAttribute: "src", in: $0) })
    }

    private static func ruleSetting(_ node: xmlNodePtr, _ document: ParsedDocument) -> RuleSetting {
        let severity: Severity?? =
            DOM.attribute(node, "severity").map { value in
                value == "off" ? .some(nil) : .some(Severity(rawValue: value))
            } ?? nil
        return RuleSetting(
            ruleID: DOM.attribute(node, "id") ?? "", severity: severity,
            threshold: DOM.attribute(node, "threshold").flatMap { Double($0) },
            min: DOM.attribute(node, "min").flatMap { Double($0) },
            max: DOM.attribute(node, "max").flatMap { Double($0) },
            location: document.location(of: node))
    }

    private static func title(_ node: xmlNodePtr) -> String {
        DOM.child(node, named: "title").map(DOM.text) ?? ""
    }

    private static func description(_ node: xmlNodePtr) -> String? {
        DOM.child(node, named: "description").map(DOM.text)
    }

    private static func bool(_ value: String?) -> Bool? {
        switch value {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
