import ItemBankFormat
import ItemBankModel

/// One encoder per section of a compiled bank (docs/bank-format.md §6): each appends zero-filled records
/// and sets their fields at the ``Layout`` offsets the runtime reads them from. Strings go to one pool,
/// deduplicated in first-use order, so the encoders that add strings run in a fixed order
/// (``BankCompiler/sections(of:)``).
struct SectionEncoder {
    var pool = StringPool()

    /// AREA, THEM and TUBE, in framework order.
    mutating func frameworkTables(
        _ framework: Framework, plan: BankPlan
    ) -> (areas: [UInt8], thematics: [UInt8], tubes: [UInt8]) {
        var areas = ByteWriter()
        var thematics = ByteWriter()
        var tubes = ByteWriter()
        var competenceIndex = 0
        var thematicIndex = 0
        var tubeIndex = 0
        for area in framework.areas {
            let record = areas.appendRecord(size: Layout.Area.size)
            areas.set(pool.add(area.code), at: record + Layout.Area.code)
            areas.set(pool.add(area.title), at: record + Layout.Area.title)
            areas.set(UInt32(competenceIndex), at: record + Layout.Area.firstCompetence)
            areas.set(UInt32(area.competences.count), at: record + Layout.Area.competenceCount)
            for competence in area.competences {
                for thematic in competence.thematics {
                    let record = thematics.appendRecord(size: Layout.Thematic.size)
                    thematics.set(pool.add(thematic.id), at: record + Layout.Thematic.id)
                    thematics.set(pool.add(thematic.title), at: record + Layout.Thematic.title)
                    thematics.set(UInt32(competenceIndex), at: record + Layout.Thematic.competence)
                    thematics.set(UInt32(tubeIndex), at: record + Layout.Thematic.firstTube)
                    thematics.set(UInt32(thematic.tubes.count), at: record + Layout.Thematic.tubeCount)
                    for tube in thematic.tubes {
                        let record = tubes.appendRecord(size: Layout.Tube.size)
                        tubes.set(pool.add(tube.name), at: record + Layout.Tube.name)
                        tubes.set(pool.add(tube.title), at: record + Layout.Tube.title)
                        tubes.set(pool.add(tube.description), at: record + Layout.Tube.description)
                        tubes.set(UInt32(thematicIndex), at: record + Layout.Tube.thematic)
                        tubes.set(UInt32(competenceIndex), at: record + Layout.Tube.competence)
                        tubes.set(UInt32(plan.tubeFirstSkill[tubeIndex]), at: record + Layout.Tube.firstSkill)
                        tubes.set(UInt32(plan.tubeSkills[tubeIndex].count), at: record + Layout.Tube.skillCount)
                        tubeIndex += 1
                    }
                    thematicIndex += 1
                }
                competenceIndex += 1
            }
        }
        return (areas.bytes, thematics.bytes, tubes.bytes)
    }

    /// COMP: each competence with its area, thematics, skills and items.
    mutating func competences(_ framework: Framework, plan: BankPlan) -> [UInt8] {
        var writer = ByteWriter()
        var competenceIndex = 0
        var thematicIndex = 0
        for (areaIndex, area) in framework.areas.enumerated() {
            for competence in area.competences {
                let skills = plan.competenceSkillRanges[competenceIndex]
                let items = plan.itemRange(skills: skills)
                let record = writer.appendRecord(size: Layout.Competence.size)
                writer.set(pool.add(competence.code), at: record + Layout.Competence.code)
                writer.set(pool.add(competence.title), at: record + Layout.Competence.title)
                writer.set(pool.add(competence.description), at: record + Layout.Competence.description)
                writer.set(UInt32(areaIndex), at: record + Layout.Competence.area)
                writer.set(UInt32(thematicIndex), at: record + Layout.Competence.firstThematic)
                writer.set(UInt32(competence.thematics.count), at: record + Layout.Competence.thematicCount)
                writer.set(UInt32(skills.first), at: record + Layout.Competence.firstSkill)
                writer.set(UInt32(skills.count), at: record + Layout.Competence.skillCount)
                writer.set(UInt32(items.first), at: record + Layout.Competence.firstItem)
                writer.set(UInt32(items.count), at: record + Layout.Competence.itemCount)
                thematicIndex += competence.thematics.count
                competenceIndex += 1
            }
        }
        return writer.bytes
    }

    /// SKIL, in plan order.
    mutating func skills(_ plan: BankPlan) -> [UInt8] {
        var writer = ByteWriter()
        for (index, entry) in plan.skillRecords.enumerated() {
            let record = writer.appendRecord(size: Layout.Skill.size)
            writer.set(pool.add(entry.skill.name), at: record + Layout.Skill.name)
            writer.set(pool.add(entry.skill.description), at: record + Layout.Skill.description)
            writer.set(pool.add(entry.skill.id), at: record + Layout.Skill.externalID)
            writer.set(UInt32(entry.tube), at: record + Layout.Skill.tube)
            writer.set(UInt32(entry.competence), at: record + Layout.Skill.competence)
            writer.set(UInt8(clamping: entry.skill.level), at: record + Layout.Skill.level)
            writer.set(entry.skill.status.code, at: record + Layout.Skill.status)
            writer.set(UInt32(plan.itemsBySkill[index].first), at: record + Layout.Skill.firstItem)
            writer.set(UInt32(plan.itemsBySkill[index].count), at: record + Layout.Skill.itemCount)
        }
        return writer.bytes
    }

    /// SKPX (format 1.1): the pix of each skill; active skills with a validated item, at or below the
    /// framework's open maximum level, share their cell's 8 pix (``SkillPix``).
    static func skillPix(_ plan: BankPlan, sources: BankSources) -> [UInt8] {
        var hasValidatedItem = Array(repeating: false, count: plan.skillRecords.count)
        for entry in plan.keyed where sources.items[entry.source].status == .validated {
            hasValidatedItem[entry.skill] = true
        }
        let inputs = plan.skillRecords.enumerated().map { index, record in
            SkillPix.Input(
                competence: record.competence, level: record.skill.level,
                isActive: record.skill.status == .active && hasValidatedItem[index],
                maxLevel: sources.framework?.maxLevel ?? BankFormat.levelCount)
        }
        var writer = ByteWriter()
        for value in SkillPix.values(inputs) { writer.append(value) }
        return writer.bytes
    }

    /// CLSK: skills by (competence, level), CSR offsets then skill indices.
    static func skillsByLevel(_ plan: BankPlan) -> [UInt8] {
        var lists: [[Int]] = []
        for range in plan.competenceSkillRanges {
            for level in 1...BankFormat.levelCount {
                lists.append(
                    (range.first..<(range.first + range.count)).filter { plan.skillRecords[$0].skill.level == level })
            }
        }
        var writer = ByteWriter()
        var running = 0
        writer.append(UInt32(0))
        for list in lists {
            running += list.count
            writer.append(UInt32(running))
        }
        for list in lists { for skill in list { writer.append(UInt32(skill)) } }
        return writer.bytes
    }

    /// IDIX: item positions sorted by id bytes.
    static func itemIDIndex(_ plan: BankPlan) -> [UInt8] {
        var writer = ByteWriter()
        let order = plan.keyed.indices.sorted {
            plan.keyed[$0].storedID.lexicographicallyPrecedes(plan.keyed[$1].storedID)
        }
        for position in order { writer.append(UInt32(position)) }
        return writer.bytes
    }

    /// The sections an item walk fills: ITEM and its parts (CHOI, RESP, ANSW, GRUP, MDIA), CALA, CALB.
    struct ItemTables {
        var items = ByteWriter()
        var choices = ByteWriter()
        var responses = ByteWriter()
        var answers = ByteWriter()
        var groups = ByteWriter()
        var media = ByteWriter()
        var discriminations = ByteWriter()
        var difficulties = ByteWriter()

        var answerCount: Int { answers.count / Layout.Answer.size }
    }

    /// ITEM, CHOI, RESP, ANSW, GRUP, MDIA, CALA and CALB, item by item in plan order.
    mutating func items(
        _ sources: BankSources, plan: BankPlan
    ) -> (
        items: [UInt8], choices: [UInt8], responses: [UInt8], answers: [UInt8], groups: [UInt8], media: [UInt8],
        discriminations: [UInt8], difficulties: [UInt8], answerCount: Int
    ) {
        var tables = ItemTables()
        for (itemIndex, entry) in plan.keyed.enumerated() {
            item(sources.items[entry.source], at: itemIndex, skill: entry.skill, into: &tables)
        }
        return (
            tables.items.bytes, tables.choices.bytes, tables.responses.bytes, tables.answers.bytes,
            tables.groups.bytes, tables.media.bytes, tables.discriminations.bytes, tables.difficulties.bytes,
            tables.answerCount
        )
    }

    /// ANSW records for `list`: the range of their indices.
    private mutating func answers(_ list: [AcceptedAnswer], into writer: inout ByteWriter) -> (first: Int, count: Int) {
        let first = writer.count / Layout.Answer.size
        for answer in list {
            let record = writer.appendRecord(size: Layout.Answer.size)
            writer.set(pool.add(answer.text), at: record + Layout.Answer.text)
        }
        return (first, list.count)
    }

    private mutating func item(_ item: Item, at itemIndex: Int, skill: Int, into tables: inout ItemTables) {
        let firstChoice = tables.choices.count / Layout.Choice.size
        for choice in item.choices {
            let record = tables.choices.appendRecord(size: Layout.Choice.size)
            tables.choices.set(pool.add(choice.text.markup), at: record + Layout.Choice.text)
            tables.choices.set(pool.add(choice.id), at: record + Layout.Choice.id)
            tables.choices.set(choice.isKey ? Layout.Choice.flagKey : 0, at: record + Layout.Choice.flags)
        }
        let firstResponse = tables.responses.count / Layout.Response.size
        for response in item.responses {
            let record = tables.responses.appendRecord(size: Layout.Response.size)
            tables.responses.set(pool.add(response.id), at: record + Layout.Response.id)
            tables.responses.set(pool.add(response.label), at: record + Layout.Response.label)
            tables.responses.set(pool.add(response.placeholder), at: record + Layout.Response.placeholder)
            tables.responses.set(UInt32(itemIndex), at: record + Layout.Response.item)
            let accepted = answers(response.acceptedAnswers, into: &tables.answers)
            var options = (first: tables.answerCount, count: 0)
            switch response.kind {
            case .text(let format, let tolerances):
                tables.responses.set(UInt8(0), at: record + Layout.Response.kind)
                tables.responses.set(format.code, at: record + Layout.Response.format)
                tables.responses.set(tolerances.rawValue, at: record + Layout.Response.tolerances)
            case .dropdown(let list):
                tables.responses.set(UInt8(1), at: record + Layout.Response.kind)
                options = answers(list, into: &tables.answers)
            }
            tables.responses.set(UInt32(accepted.first), at: record + Layout.Response.firstAnswer)
            tables.responses.set(UInt32(accepted.count), at: record + Layout.Response.answerCount)
            tables.responses.set(UInt32(options.first), at: record + Layout.Response.firstOption)
            tables.responses.set(UInt32(options.count), at: record + Layout.Response.optionCount)
        }
        let firstGroup = tables.groups.count / Layout.Group.size
        for group in item.answerGroups?.groups ?? [] {
            let range = answers(group.acceptedAnswers, into: &tables.answers)
            let record = tables.groups.appendRecord(size: Layout.Group.size)
            tables.groups.set(UInt32(range.first), at: record + Layout.Group.firstAnswer)
            tables.groups.set(UInt32(range.count), at: record + Layout.Group.answerCount)
        }
        let firstMedia = tables.media.count / Layout.Media.size
        if let illustration = item.illustration {
            let record = tables.media.appendRecord(size: Layout.Media.size)
            tables.media.set(pool.add(illustration.source), at: record + Layout.Media.path)
            tables.media.set(pool.add(illustration.alternative), at: record + Layout.Media.text)
            tables.media.set(UInt8(0), at: record + Layout.Media.kind)
            tables.media.set(
                illustration.isDecorative ? Layout.Media.flagDecorative : 0, at: record + Layout.Media.flags)
        }
        for attachment in item.attachments {
            let record = tables.media.appendRecord(size: Layout.Media.size)
            tables.media.set(pool.add(attachment.source), at: record + Layout.Media.path)
            tables.media.set(pool.add(attachment.title), at: record + Layout.Media.text)
            tables.media.set(UInt8(1), at: record + Layout.Media.kind)
        }
        let mediaCount = tables.media.count / Layout.Media.size - firstMedia
        var flags: UInt8 = 0
        if item.isFocusable { flags |= Layout.Item.flagFocusable }
        if item.shufflesChoices { flags |= Layout.Item.flagShuffle }
        if item.calibration != nil { flags |= Layout.Item.flagCalibrated }
        let record = tables.items.appendRecord(size: Layout.Item.size)
        tables.items.set(pool.add(item.id), at: record + Layout.Item.id)
        tables.items.set(pool.add(item.language), at: record + Layout.Item.language)
        tables.items.set(pool.add(item.stem.markup), at: record + Layout.Item.stem)
        tables.items.set(pool.add(item.stem.plain), at: record + Layout.Item.stemPlain)
        tables.items.set(pool.add(item.solution?.markup), at: record + Layout.Item.solution)
        tables.items.set(pool.add(item.prototype), at: record + Layout.Item.prototype)
        tables.items.set(UInt32(skill), at: record + Layout.Item.skill)
        tables.items.set(item.type.code, at: record + Layout.Item.type)
        tables.items.set(item.status.code, at: record + Layout.Item.status)
        tables.items.set(item.genealogy.code, at: record + Layout.Item.genealogy)
        tables.items.set(flags, at: record + Layout.Item.flags)
        tables.items.set(UInt32(clamping: item.timer ?? 0), at: record + Layout.Item.timer)
        tables.items.set(UInt32(clamping: item.version ?? 0), at: record + Layout.Item.version)
        tables.items.set(UInt32(firstChoice), at: record + Layout.Item.firstChoice)
        tables.items.set(UInt32(item.choices.count), at: record + Layout.Item.choiceCount)
        tables.items.set(UInt32(firstResponse), at: record + Layout.Item.firstResponse)
        tables.items.set(UInt32(item.responses.count), at: record + Layout.Item.responseCount)
        tables.items.set(UInt32(firstGroup), at: record + Layout.Item.firstGroup)
        tables.items.set(UInt32(item.answerGroups?.groups.count ?? 0), at: record + Layout.Item.groupCount)
        tables.items.set(item.answerGroups?.tolerances.rawValue ?? 0, at: record + Layout.Item.groupTolerances)
        tables.items.set(UInt32(clamping: item.answerGroups?.count ?? 0), at: record + Layout.Item.requiredCount)
        tables.items.set(UInt32(firstMedia), at: record + Layout.Item.firstMedia)
        tables.items.set(UInt32(mediaCount), at: record + Layout.Item.mediaCount)
        tables.items.set(pool.add(item.embed?.url), at: record + Layout.Item.embedURL)
        tables.items.set(pool.add(item.embed?.title), at: record + Layout.Item.embedTitle)
        tables.items.set(UInt32(clamping: item.embed?.height ?? 0), at: record + Layout.Item.embedHeight)
        tables.items.set(
            item.locales.isEmpty ? .none : pool.add(item.locales.joined(separator: " ")),
            at: record + Layout.Item.locales)
        tables.discriminations.append(item.calibration?.discrimination ?? .nan)
        tables.difficulties.append(item.calibration?.difficulty ?? .nan)
    }

    /// META: the bank's and the framework's identity.
    mutating func meta(_ manifest: BankManifest, _ framework: Framework) -> [UInt8] {
        var writer = ByteWriter()
        let record = writer.appendRecord(size: Layout.Meta.size)
        writer.set(pool.add(manifest.id), at: record + Layout.Meta.bankID)
        writer.set(pool.add(manifest.version), at: record + Layout.Meta.bankVersion)
        writer.set(pool.add(manifest.title), at: record + Layout.Meta.bankTitle)
        writer.set(pool.add(manifest.language), at: record + Layout.Meta.language)
        writer.set(pool.add(framework.id), at: record + Layout.Meta.frameworkID)
        writer.set(pool.add(framework.version), at: record + Layout.Meta.frameworkVersion)
        writer.set(pool.add(framework.title), at: record + Layout.Meta.frameworkTitle)
        writer.set(UInt8(clamping: framework.maxLevel), at: record + Layout.Meta.maxLevel)
        writer.set(pool.add(framework.language), at: record + Layout.Meta.frameworkLanguage)
        writer.set(pool.add(manifest.description), at: record + Layout.Meta.bankDescription)
        writer.set(
            manifest.locales.isEmpty ? .none : pool.add(manifest.locales.joined(separator: " ")),
            at: record + Layout.Meta.locales)
        return writer.bytes
    }
}
