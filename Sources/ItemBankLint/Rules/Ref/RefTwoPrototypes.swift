import ItemBankModel

/// `ref.two-prototypes`: one validated prototype per skill.
struct RefTwoPrototypes: Rule {
    static let description = RuleDescription(
        id: "ref.two-prototypes", category: .ref, defaultSeverity: .warning,
        summary: "a skill has two validated prototypes of the same version",
        rationale:
            "Pix keeps one validated prototype per skill (and version): the others are its variants (genealogy=\"variant\" prototype=\"…\") or older versions. Two validated prototypes of one version make the skill's item choice arbitrary and double its weight in calibration. The diagnostic is on the prototype that comes second in path order (items/a.xml, then items/example.xml).",
        examples: [
            .item(
                "qcu", markRoot: true,
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcu", extra: " genealogy=\"variant\" prototype=\"a\"",
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        var first: [String: Int] = [:]  // skill#version -> index of its first validated prototype
        var found: [Diagnostic] = []
        for index in items.indices where items[index].status == .validated && items[index].genealogy == .prototype {
            let key = items[index].skill + "#" + String(items[index].version ?? 0)
            guard let original = first[key] else {
                first[key] = index
                continue
            }
            let id = items[original].id
            found.append(
                diagnostic(
                    items[index].location, "skill \(items[index].skill) already has the validated prototype \(id)",
                    help:
                        "make this item a variant of \(id) (genealogy=\"variant\" prototype=\"\(id)\"), or archive one",
                    notes: [DiagnosticNote(location: items[original].location, message: "prototype \(id)")]))
        }
        return found
    }
}
