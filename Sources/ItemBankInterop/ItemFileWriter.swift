import ItemBankModel

/// Writes an ``ImportedItem`` as an item file of the project (`urn:itembank:item:1`), laid out like
/// the hand-written ones of `Banks/crcn/items`: root attributes on two lines, two-space indentation,
/// a one-paragraph stem on one line, one element per choice, response and accepted answer.
public enum ItemFileWriter {
    /// The file's text, UTF-8, ending with a newline.
    ///
    /// An item without a skill is written without a `skill` attribute and with a comment saying what to
    /// add: `itembank lint` then reports the missing skill (`xml.schema`) rather than the tool inventing one.
    public static func text(of item: ImportedItem) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if item.skill == nil {
            out +=
                "<!-- Imported from \(comment(item.sourceIdentifier)) without a skill: add skill=\"@tubeN\" "
                + "(or give the import a skill map), then review the item and set its status. -->\n"
        }
        out += "<item xmlns=\"urn:itembank:item:1\" id=\"\(attr(item.id))\""
        if let skill = item.skill { out += " skill=\"\(attr(skill))\"" }
        out +=
            "\n      type=\"\(item.type.rawValue)\" status=\"\(item.status.rawValue)\" xml:lang=\"\(attr(item.language))\""
            + (item.version.map { " version=\"\($0)\"" } ?? "") + ">\n"
        out += flow("stem", item.stem)
        if let illustration = item.illustration {
            out +=
                "  <illustration src=\"\(attr(illustration.mediaPath))\" alt=\"\(attr(illustration.alternative))\"/>\n"
        }
        if item.type.hasChoices {
            out += item.shuffle ? "  <choices shuffle=\"true\">\n" : "  <choices>\n"
            for choice in item.choices {
                var attributes = ""
                if let id = choice.id { attributes += " id=\"\(attr(id))\"" }
                if choice.isKey { attributes += " key=\"true\"" }
                out += "    <choice\(attributes)>\(choice.text)</choice>\n"
            }
            out += "  </choices>\n"
        } else {
            out += "  <responses>\n"
            for response in item.responses {
                switch response.kind {
                case .text(let format, _) where item.answerGroups != nil:
                    out += "    <response id=\"\(attr(response.id))\" format=\"\(format.rawValue)\"/>\n"
                    continue
                case .text(let format, let tolerances):
                    out += "    <response id=\"\(attr(response.id))\" format=\"\(format.rawValue)\""
                    out += " tolerances=\"\(tolerances.list)\">\n"
                    for answer in response.acceptedAnswers {
                        out += "      <accept>\(RichText.escape(answer))</accept>\n"
                    }
                    out += "    </response>\n"
                case .dropdown(let options):
                    out += "    <dropdown id=\"\(attr(response.id))\">\n"
                    for option in options { out += "      <option>\(RichText.escape(option))</option>\n" }
                    for answer in response.acceptedAnswers {
                        out += "      <accept>\(RichText.escape(answer))</accept>\n"
                    }
                    out += "    </dropdown>\n"
                }
            }
            out += "  </responses>\n"
            if let groups = item.answerGroups {
                out += "  <groups count=\"\(groups.count)\" tolerances=\"\(groups.tolerances.list)\">\n"
                for group in groups.groups {
                    out +=
                        "    <group>" + group.map { "<accept>\(RichText.escape($0))</accept>" }.joined() + "</group>\n"
                }
                out += "  </groups>\n"
            }
        }
        if let solution = item.solution, !solution.isEmpty { out += flow("solution", solution) }
        out += "</item>\n"
        return out
    }

    private static func flow(_ name: String, _ text: FlowText) -> String {
        if text.blocks.count == 1, case .paragraph(let markup) = text.blocks[0] {
            return "  <\(name)>\(markup)</\(name)>\n"
        }
        var out = "  <\(name)>\n"
        for block in text.blocks {
            switch block {
            case .paragraph(let markup): out += "    <p>\(markup)</p>\n"
            case .list(let ordered, let items):
                let tag = ordered ? "ol" : "ul"
                out += "    <\(tag)>\n"
                for entry in items { out += "      <li>\(entry)</li>\n" }
                out += "    </\(tag)>\n"
            }
        }
        return out + "  </\(name)>\n"
    }

    private static func attr(_ text: String) -> String { RichText.escapeAttribute(text) }

    private static func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "--", with: "- -")
    }
}
