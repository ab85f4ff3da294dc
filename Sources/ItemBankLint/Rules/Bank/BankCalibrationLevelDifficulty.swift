import Foundation
import ItemBankModel

/// `bank.calibration-level-difficulty`: a difficulty b far outside the band that the item's skill level
/// and its competence's θ table imply.
struct BankCalibrationLevelDifficulty: Rule {
    static let margin = RuleParameter(
        name: "margin", defaultValue: 1, range: 0...6,
        meaning: "how far b may lie outside its level's band, in logits")

    static let description = RuleDescription(
        id: "bank.calibration-level-difficulty", category: .bank, defaultSeverity: .warning,
        summary: "a calibration's difficulty b lies far outside the band of the item's level",
        rationale:
            "A competence's θ table (`<thetaLevels>`) puts level L at θ_L, halfway between the mean difficulty of its level-L and level-(L+1) items, so the difficulty b of an item of level L belongs between θ_(L−1) and θ_L (below θ_1 the first step is carried down, past the table the last step is carried up). An item more than `margin` logits outside that band (1 by default) is either written at the wrong level, miscalibrated, or a typing error: the adaptive engine would serve a level-1 item to experts, or score a level-5 item as if beginners could answer it. Competences without a θ table (or with an unusable one, `framework.theta-levels`) are not checked.",
        parameters: [margin],
        examples: [
            .item(
                "qcu", otherFiles: [ExampleFile("framework.xml", tabledFramework)],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                ↓<calibration discrimination="1.2" difficulty="2.5"/>
                """#),
            .item(
                "qcu", otherFiles: [ExampleFile("framework.xml", tabledFramework)],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="1.2" difficulty="-2.3"/>
                """#),
        ])

    /// The example bank's framework with a θ table for competence 1.1 (levels 1–3 at −1.9, −0.7, 0.2).
    static let tabledFramework = ExampleBank.framework.replacingOccurrences(
        of: "      </thematic>\n    </competence>\n    <competence code=\"1.2\">",
        with: """
                  </thematic>
                  <thetaLevels>
                    <threshold level="1" theta="-1.9"/>
                    <threshold level="2" theta="-0.7"/>
                    <threshold level="3" theta="0.2"/>
                  </thetaLevels>
                </competence>
                <competence code="1.2">
            """)

    /// The band [θ_(L−1), θ_L] of level `level` in a usable θ table (at least two levels; θ_0 and the
    /// levels past the table extrapolated by the first and the last step); nil for a shorter table.
    static func band(level: Int, thetas: [Double]) -> ClosedRange<Double>? {
        guard thetas.count >= 2, level >= 1 else { return nil }
        func theta(_ l: Int) -> Double {
            if l <= 0 { return thetas[0] - Double(1 - l) * (thetas[1] - thetas[0]) }
            if l <= thetas.count { return thetas[l - 1] }
            let last = thetas.count - 1
            return thetas[last] + Double(l - thetas.count) * (thetas[last] - thetas[last - 1])
        }
        return theta(level - 1)...theta(level)
    }

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let calibration = item.calibration, calibration.difficulty.isFinite,
            let path = context.skills[item.skill], let framework = context.framework,
            let thetas = path.competence.thetaLevels?.orderedThetas(maxLevel: framework.maxLevel),
            let band = Self.band(level: path.skill.level, thetas: thetas)
        else { return [] }
        let margin = parameter("margin", for: item.location.path, in: context)
        let b = calibration.difficulty
        guard b < band.lowerBound - margin || b > band.upperBound + margin else { return [] }
        return [
            diagnostic(
                item.calibrationLocation ?? item.location,
                "the difficulty b = \(b) of item \(item.id) (skill \(item.skill), level \(path.skill.level)) is "
                    + "\(b > band.upperBound ? "above" : "below") the band \(Self.text(band.lowerBound))…"
                    + "\(Self.text(band.upperBound)) that competence \(path.competence.code)'s θ table gives level "
                    + "\(path.skill.level), by more than \(Self.text(margin)) logits",
                help: "check the item's skill (its level), the calibration, or the competence's θ table")
        ]
    }

    /// A value with at most two decimals, without trailing zeros.
    static func text(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
