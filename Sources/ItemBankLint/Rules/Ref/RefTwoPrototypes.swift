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
        var first: [String: Item] = [:]
        var found: [Diagnostic] = []
        for item in items where item.status == .validated && item.genealogy == .prototype {
            let key = item.skill + "#" + String(item.version ?? 0)
            if let original = first[key] {
                found.append(
                    diagnostic(
                        item.location,
                        "skill \(item.skill) already has the validated prototype \(original.id)",
                        help:
                            "make this item a variant of \(original.id) (genealogy=\"variant\" prototype=\"\(original.id)\"), or archive one",
                        notes: [DiagnosticNote(location: original.location, message: "prototype \(original.id)")]))
            } else {
                first[key] = item
            }
        }
        return found
    }
}
