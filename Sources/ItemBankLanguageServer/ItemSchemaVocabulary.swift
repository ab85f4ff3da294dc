/// The item schema's vocabulary for completion: for each element of `Schemas/item.xsd` (namespace
/// `urn:itembank:item:1`), its child elements, its attributes and their enumerated values.
///
/// A table, checked against the schema by a test (`ItemSchemaVocabularyTests`): every element,
/// attribute and enumerated value of the schema is here and nothing else.
public enum ItemSchemaVocabulary {
    /// An attribute: its name and, for closed sets, its values.
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var values: [String]
        public var required: Bool
    }

    /// An element: its children and attributes.
    public struct Element: Sendable, Hashable {
        public var name: String
        public var children: [String]
        public var attributes: [Attribute]
    }

    static let boolean = ["true", "false"]
    static let phrasing = ["em", "strong", "code", "a", "br"]
    static let stemPhrasing = phrasing + ["blank"]
    static let flow = stemPhrasing + ["p", "ul", "ol"]
    /// `ItemStatus`, `Genealogy`, `ItemType`, `Locale`, `Tolerance`, `ResponseFormat`, and feedback outcomes.
    public static let itemTypes = ["qcu", "qcm", "qroc", "qrocm-ind", "qrocm-dep"]
    public static let statuses = ["proposed", "validated", "archived", "obsolete"]
    public static let genealogies = ["prototype", "variant"]
    public static let locales = ["fr", "fr-FR", "fr-BE", "en", "es", "nl", "nl-BE", "it", "de", "pt"]
    public static let tolerances = ["t1", "t2", "t3"]
    public static let formats = ["short", "words", "sentence", "paragraph", "number"]
    public static let outcomes = ["ok", "ko"]

    static func attribute(_ name: String, _ values: [String] = [], required: Bool = false) -> Attribute {
        Attribute(name: name, values: values, required: required)
    }

    /// Every element, by name.
    public static let elements: [String: Element] = {
        let list = [
            Element(
                name: "item",
                children: [
                    "stem", "illustration", "attachment", "embed", "choices", "responses", "groups", "calibration",
                    "solution", "feedback",
                ],
                attributes: [
                    attribute("id", required: true), attribute("skill", required: true),
                    attribute("type", itemTypes, required: true), attribute("status", statuses, required: true),
                    attribute("xml:lang", locales, required: true), attribute("genealogy", genealogies),
                    attribute("prototype"), attribute("version"), attribute("timer"), attribute("focusable", boolean),
                    attribute("locales", locales),
                ]),
            Element(name: "stem", children: flow, attributes: []),
            Element(name: "solution", children: flow, attributes: []),
            Element(name: "feedback", children: flow, attributes: [attribute("outcome", outcomes, required: true)]),
            Element(name: "p", children: stemPhrasing, attributes: []),
            Element(name: "ul", children: ["li"], attributes: []),
            Element(name: "ol", children: ["li"], attributes: []),
            Element(name: "li", children: stemPhrasing, attributes: []),
            Element(name: "em", children: phrasing, attributes: []),
            Element(name: "strong", children: phrasing, attributes: []),
            Element(name: "code", children: [], attributes: []),
            Element(name: "a", children: ["em", "strong", "code"], attributes: [attribute("href", required: true)]),
            Element(name: "br", children: [], attributes: []),
            Element(name: "blank", children: [], attributes: [attribute("response", required: true)]),
            Element(
                name: "illustration", children: [],
                attributes: [
                    attribute("src", required: true), attribute("alt", required: true),
                    attribute("decorative", boolean),
                ]),
            Element(
                name: "attachment", children: [], attributes: [attribute("src", required: true), attribute("title")]),
            Element(
                name: "embed", children: [],
                attributes: [attribute("url", required: true), attribute("title", required: true), attribute("height")]),
            Element(name: "choices", children: ["choice"], attributes: [attribute("shuffle", boolean)]),
            Element(name: "choice", children: phrasing, attributes: [attribute("id"), attribute("key", boolean)]),
            Element(name: "responses", children: ["response", "dropdown"], attributes: []),
            Element(
                name: "response", children: ["accept"],
                attributes: [
                    attribute("id", required: true), attribute("format", formats),
                    attribute("tolerances", tolerances), attribute("label"), attribute("placeholder"),
                ]),
            Element(
                name: "dropdown", children: ["option", "accept"],
                attributes: [attribute("id", required: true), attribute("label")]),
            Element(name: "option", children: [], attributes: []),
            Element(name: "accept", children: [], attributes: []),
            Element(
                name: "groups", children: ["group"],
                attributes: [attribute("count"), attribute("tolerances", tolerances)]),
            Element(name: "group", children: ["accept"], attributes: []),
            Element(
                name: "calibration", children: [],
                attributes: [
                    attribute("discrimination", required: true), attribute("difficulty", required: true),
                    attribute("n"), attribute("date"), attribute("fit"), attribute("p"),
                    attribute("anchor", boolean),
                ]),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()
}
