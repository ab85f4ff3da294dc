import ItemBankFormat
import ItemBankModel

/// Where every record of a bank goes, decided before anything is encoded: skills in framework order
/// (sorted by level inside a tube), items sorted by skill then id bytes, and the ranges that link them.
/// Deterministic: depends only on the sources' content.
struct BankPlan {
    /// A skill with the indexes of its tube and competence (SKIL order).
    struct SkillRecord {
        var skill: Skill
        var tube: Int
        var competence: Int
    }

    /// An item's place: its skill index, its position in `sources.items`, its stored id (NFC bytes).
    struct ItemEntry {
        var skill: Int
        var source: Int
        var storedID: [UInt8]
    }

    /// Skills in SKIL order.
    var skillRecords: [SkillRecord] = []
    /// Skills of each competence (COMP order): contiguous.
    var competenceSkillRanges: [(first: Int, count: Int)] = []
    /// Skills of each tube (TUBE order), sorted by level then name.
    var tubeSkills: [[Skill]] = []
    /// The first skill (SKIL index) of each tube.
    var tubeFirstSkill: [Int] = []
    /// Items in ITEM order.
    var keyed: [ItemEntry] = []
    /// Items of each skill (SKIL order); an empty range starts at its insertion point.
    var itemsBySkill: [(first: Int, count: Int)] = []

    /// - Throws: ``CompileError`` for an item of an unknown skill or a duplicate item id.
    init(sources: BankSources, framework: Framework) throws {
        var tubeIndex = 0
        var competenceIndex = 0
        for area in framework.areas {
            for competence in area.competences {
                let firstSkill = skillRecords.count
                for thematic in competence.thematics {
                    for tube in thematic.tubes {
                        let sorted = tube.skills.sorted {
                            $0.level != $1.level
                                ? $0.level < $1.level
                                : StringPool.normalized($0.name).utf8.lexicographicallyPrecedes(
                                    StringPool.normalized($1.name).utf8)
                        }
                        tubeSkills.append(sorted)
                        tubeFirstSkill.append(skillRecords.count)
                        for skill in sorted {
                            skillRecords.append(SkillRecord(skill: skill, tube: tubeIndex, competence: competenceIndex))
                        }
                        tubeIndex += 1
                    }
                }
                competenceSkillRanges.append((firstSkill, skillRecords.count - firstSkill))
                competenceIndex += 1
            }
        }

        var skillIndexByName: [String: Int] = [:]
        for (index, record) in skillRecords.enumerated() where skillIndexByName[record.skill.name] == nil {
            skillIndexByName[record.skill.name] = index
        }
        var seenIDs: Set<String> = []
        // Sorted as (skill, source position, stored id): the items themselves are not moved by the sort.
        for (position, item) in sources.items.enumerated() {
            guard let skill = skillIndexByName[item.skill] else {
                throw CompileError(
                    message: "\(item.location.path): item \(item.id) measures unknown skill \(item.skill)")
            }
            guard seenIDs.insert(item.id).inserted else {
                throw CompileError(message: "\(item.location.path): duplicate item id \(item.id)")
            }
            keyed.append(
                ItemEntry(skill: skill, source: position, storedID: Array(StringPool.normalized(item.id).utf8)))
        }
        // Ids are ordered as they are stored: NFC UTF-8 bytes.
        keyed.sort { lhs, rhs in
            lhs.skill != rhs.skill ? lhs.skill < rhs.skill : lhs.storedID.lexicographicallyPrecedes(rhs.storedID)
        }
        itemsBySkill = Array(repeating: (0, 0), count: skillRecords.count)
        for entry in keyed { itemsBySkill[entry.skill].count += 1 }
        var running = 0
        for skill in itemsBySkill.indices {
            itemsBySkill[skill].first = running
            running += itemsBySkill[skill].count
        }
    }

    /// Items of a run of skills (those of a competence are contiguous, skills being grouped by competence).
    func itemRange(skills range: (first: Int, count: Int)) -> (first: Int, count: Int) {
        let first = range.first < itemsBySkill.count ? itemsBySkill[range.first].first : keyed.count
        let count = itemsBySkill[range.first..<(range.first + range.count)].reduce(0) { $0 + $1.count }
        return (first, count)
    }
}
