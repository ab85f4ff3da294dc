import Dispatch
import ItemBankFormat

/// How much ``Bank/verify(_:)`` checks.
public enum VerificationLevel: Sendable {
    /// What opening already checked: header, section table, CRC32C of the sections up to 64 KiB.
    case quick
    /// Everything: every CRC32C, both SHA-256 digests, zero padding, and every structural invariant.
    case full
}

extension Bank {
    /// Verifies the bank.
    ///
    /// `.full` checks every section's CRC32C, the content digest and the file's SHA-256, that padding
    /// and reserved header bytes are zero, and the structural invariants: every reference inside its
    /// target table and pointing back consistently, every string inside the pool and valid UTF-8,
    /// required strings present, enumeration codes known, items sorted by skill, the id index a sorted
    /// permutation, the skills-by-level lists exact, calibration flags matching finite values, and the
    /// optional sections' values (pix per skill, exposure parameters in [0, 1], the selection index's
    /// entries, θ tables finite and strictly increasing up to the open maximum level).
    /// - Throws: the first ``BankError`` found, naming the section and offset.
    ///
    /// The two SHA-256 digests and the rest run on three threads; the error reported is always the same
    /// for the same file (checksums and structure first, then the content digest, then the file digest).
    public func verify(_ level: VerificationLevel = .full) throws(BankError) {
        guard level == .full else { return }
        let outcomes = VerificationOutcomes(tasks: 3)
        DispatchQueue.concurrentPerform(iterations: 3) { task in
            do {
                switch task {
                case 0: try verifyChecksumsAndStructure()
                case 1: try verifyContentDigest()
                default: try verifyFileDigest()
                }
            } catch let error as BankError {
                outcomes.record(error, task: task)
            } catch {}
        }
        if let error = outcomes.first { throw error }
    }

    private func verifyChecksumsAndStructure() throws(BankError) {
        for section in sections.values.sorted(by: Section.fileOrder) {
            let crc = CRC32C.checksum(
                UnsafeRawBufferPointer(start: storage.base + section.offset, count: section.length))
            guard crc == section.crc else {
                throw BankError(
                    .checksumMismatch, section: section.id.description, offset: section.offset,
                    "section checksum mismatch")
            }
        }
        try verifyPadding()
        try verifyStrings()
        try verifyReferences()
        try verifyCodes()
        try verifyConsistency()
        try verifySkillPix()
    }

    /// SKPX (format 1.1), when present, holds exactly the pix the framework and items give each skill. A
    /// skill above the open maximum level is worth 0; a bank built before that rule may store its cell's
    /// share there, which is accepted (``SkillView/pix`` reads 0 for such a skill).
    private func verifySkillPix() throws(BankError) {
        guard let section = skillPix else { return }
        for skill in 0..<skills.count {
            let view = SkillView(bank: self, index: skill)
            let stored = storage.f64(section.record(skill))
            let expected = view.computedPix
            if !view.isOpen, stored == view.computedPix(countingLevelsAboveMax: true) { continue }
            guard stored == expected else {
                throw BankError(
                    .badReference, section: "SKPX", offset: section.record(skill),
                    "skill \(skill) is stored as worth \(stored) pix; its cell gives \(expected)")
            }
        }
    }

    private func verifyContentDigest() throws(BankError) {
        let trailerStart = storage.count - BankFormat.trailerSize
        let content = SHA256Digest.hash(
            UnsafeRawBufferPointer(
                start: storage.base + BankFormat.headerSize, count: trailerStart - BankFormat.headerSize))
        guard content == (0..<32).map({ storage.u8(BankFormat.Header.contentDigest + $0) }) else {
            throw BankError(.checksumMismatch, offset: BankFormat.Header.contentDigest, "content digest mismatch")
        }
    }

    private func verifyFileDigest() throws(BankError) {
        let trailerStart = storage.count - BankFormat.trailerSize
        let whole = SHA256Digest.hash(UnsafeRawBufferPointer(start: storage.base, count: trailerStart))
        guard whole == (0..<32).map({ storage.u8(trailerStart + $0) }) else {
            throw BankError(.checksumMismatch, offset: trailerStart, "file SHA-256 mismatch")
        }
    }

    /// Reserved header bytes and the bytes between sections are zero.
    private func verifyPadding() throws(BankError) {
        for offset in 80..<BankFormat.Header.headerCRC where storage.u8(offset) != 0 {
            throw BankError(.badHeader, offset: offset, "reserved header byte is not zero")
        }
        let tableEnd = BankFormat.headerSize + sections.count * BankFormat.sectionEntrySize
        var cursor = tableEnd
        for section in sections.values.sorted(by: Section.fileOrder) {
            for offset in cursor..<section.offset where storage.u8(offset) != 0 {
                throw BankError(
                    .badSectionTable, section: section.id.description, offset: offset,
                    "padding before the section is not zero")
            }
            cursor = section.offset + section.length
        }
        for offset in cursor..<(storage.count - BankFormat.trailerSize) where storage.u8(offset) != 0 {
            throw BankError(.badSectionTable, offset: offset, "padding before the trailer is not zero")
        }
    }

    private func checkCode(
        _ section: Section, _ index: Int, _ field: Int, below limit: Int, _ what: String
    ) throws(BankError) {
        let at = section.record(index) + field
        let value = Int(storage.u8(at))
        guard value < limit else {
            throw BankError(.badReference, section: section.id.description, offset: at, "unknown \(what) code \(value)")
        }
    }

    /// Every enumeration code and flag byte holds a known value.
    private func verifyCodes() throws(BankError) {
        for index in 0..<items.count {
            try checkCode(items, index, Layout.Item.type, below: Codes.itemTypes.count, "item type")
            try checkCode(items, index, Layout.Item.status, below: Codes.itemStatuses.count, "item status")
            try checkCode(items, index, Layout.Item.genealogy, below: Codes.genealogies.count, "genealogy")
            try checkCode(items, index, Layout.Item.flags, below: 8, "item flags")
            try checkCode(items, index, Layout.Item.groupTolerances, below: 8, "tolerance")
        }
        for index in 0..<skills.count {
            try checkCode(skills, index, Layout.Skill.status, below: Codes.skillStatuses.count, "skill status")
        }
        for index in 0..<responses.count {
            try checkCode(responses, index, Layout.Response.kind, below: Codes.responseKinds.count, "response kind")
            try checkCode(
                responses, index, Layout.Response.format, below: Codes.responseFormats.count, "response format")
            try checkCode(responses, index, Layout.Response.tolerances, below: 8, "tolerance")
        }
        for index in 0..<media.count {
            try checkCode(media, index, Layout.Media.kind, below: Codes.mediaKinds.count, "media kind")
            try checkCode(media, index, Layout.Media.flags, below: 2, "media flags")
        }
        for index in 0..<choices.count {
            try checkCode(choices, index, Layout.Choice.flags, below: 2, "choice flags")
        }
        let maxLevel = Int(storage.u8(meta.offset + Layout.Meta.maxLevel))
        guard (1...BankFormat.levelCount).contains(maxLevel) else {
            throw BankError(
                .badReference, section: "META", offset: meta.offset + Layout.Meta.maxLevel,
                "max level \(maxLevel) outside 1–8")
        }
    }

    /// The ranges of `section`'s records partition `target` in order: the first record's range starts at
    /// 0, each next one where the previous ended, the last one ends at the end of `target`. So no two
    /// records share a target record, and reading every range reads each target record once.
    private func checkPartition(
        _ section: Section, _ firstField: Int, _ countField: Int, target: Section
    ) throws(BankError) {
        var cursor = 0
        for index in 0..<section.count {
            let record = section.record(index)
            guard Int(storage.u32(record + firstField)) == cursor else {
                throw BankError(
                    .badReference, section: section.id.description, offset: record + firstField,
                    "range of record \(index) into \(target.id) does not start where the previous one ended (\(cursor))"
                )
            }
            cursor += Int(storage.u32(record + countField))
        }
        guard cursor == target.count else {
            throw BankError(
                .badReference, section: section.id.description, offset: section.offset,
                "ranges into \(target.id) cover \(cursor) records, the table has \(target.count)")
        }
    }

    /// Accepted answers, options and group synonyms partition ANSW in item order: for each item, each
    /// response's accepted answers then its options, then each group's synonyms.
    private func checkAnswerPartition() throws(BankError) {
        var cursor = 0
        func take(_ section: Section, _ record: Int, _ firstField: Int, _ countField: Int) throws(BankError) {
            guard Int(storage.u32(record + firstField)) == cursor else {
                throw BankError(
                    .badReference, section: section.id.description, offset: record + firstField,
                    "answer range does not start where the previous one ended (\(cursor))")
            }
            cursor += Int(storage.u32(record + countField))
        }
        for item in 0..<items.count {
            let record = items.record(item)
            let firstResponse = Int(storage.u32(record + Layout.Item.firstResponse))
            for response in firstResponse..<(firstResponse + Int(storage.u32(record + Layout.Item.responseCount))) {
                try take(
                    responses, responses.record(response), Layout.Response.firstAnswer, Layout.Response.answerCount)
                try take(
                    responses, responses.record(response), Layout.Response.firstOption, Layout.Response.optionCount)
            }
            let firstGroup = Int(storage.u32(record + Layout.Item.firstGroup))
            for group in firstGroup..<(firstGroup + Int(storage.u32(record + Layout.Item.groupCount))) {
                try take(groups, groups.record(group), Layout.Group.firstAnswer, Layout.Group.answerCount)
            }
        }
        guard cursor == answers.count else {
            throw BankError(
                .badReference, section: "ANSW", offset: answers.offset,
                "answer ranges cover \(cursor) of \(answers.count) answers")
        }
    }

    /// Back-references agree with forward ranges; ranges partition their tables; orders and lists are exact.
    private func verifyConsistency() throws(BankError) {
        try checkPartition(areas, Layout.Area.firstCompetence, Layout.Area.competenceCount, target: competences)
        try checkPartition(
            competences, Layout.Competence.firstThematic, Layout.Competence.thematicCount, target: thematics)
        try checkPartition(competences, Layout.Competence.firstSkill, Layout.Competence.skillCount, target: skills)
        try checkPartition(competences, Layout.Competence.firstItem, Layout.Competence.itemCount, target: items)
        try checkPartition(thematics, Layout.Thematic.firstTube, Layout.Thematic.tubeCount, target: tubes)
        try checkPartition(tubes, Layout.Tube.firstSkill, Layout.Tube.skillCount, target: skills)
        try checkPartition(skills, Layout.Skill.firstItem, Layout.Skill.itemCount, target: items)
        try checkPartition(items, Layout.Item.firstChoice, Layout.Item.choiceCount, target: choices)
        try checkPartition(items, Layout.Item.firstResponse, Layout.Item.responseCount, target: responses)
        try checkPartition(items, Layout.Item.firstGroup, Layout.Item.groupCount, target: groups)
        try checkPartition(items, Layout.Item.firstMedia, Layout.Item.mediaCount, target: media)
        try checkAnswerPartition()
        func u32(_ offset: Int) -> Int { Int(storage.u32(offset)) }
        func fail(_ section: Section, _ offset: Int, _ message: String) -> BankError {
            BankError(.badReference, section: section.id.description, offset: offset, message)
        }
        for competence in 0..<competences.count {
            let record = competences.record(competence)
            let area = u32(record + Layout.Competence.area)
            let first = u32(areas.record(area) + Layout.Area.firstCompetence)
            guard competence >= first, competence < first + u32(areas.record(area) + Layout.Area.competenceCount) else {
                throw fail(competences, record, "competence \(competence) is not in the range of its area \(area)")
            }
        }
        for tube in 0..<tubes.count {
            let record = tubes.record(tube)
            let thematic = u32(record + Layout.Tube.thematic)
            let first = u32(thematics.record(thematic) + Layout.Thematic.firstTube)
            guard tube >= first, tube < first + u32(thematics.record(thematic) + Layout.Thematic.tubeCount),
                u32(thematics.record(thematic) + Layout.Thematic.competence) == u32(record + Layout.Tube.competence)
            else {
                throw fail(tubes, record, "tube \(tube) does not belong to its thematic \(thematic)")
            }
        }
        var previousSkillOfItem = 0
        for skill in 0..<skills.count {
            let record = skills.record(skill)
            let tube = u32(record + Layout.Skill.tube)
            let first = u32(tubes.record(tube) + Layout.Tube.firstSkill)
            guard skill >= first, skill < first + u32(tubes.record(tube) + Layout.Tube.skillCount),
                u32(tubes.record(tube) + Layout.Tube.competence) == u32(record + Layout.Skill.competence)
            else {
                throw fail(skills, record, "skill \(skill) does not belong to its tube \(tube)")
            }
            let firstItem = u32(record + Layout.Skill.firstItem)
            for item in firstItem..<(firstItem + u32(record + Layout.Skill.itemCount)) {
                guard u32(items.record(item) + Layout.Item.skill) == skill else {
                    throw fail(skills, record, "item \(item) in the range of skill \(skill) measures another skill")
                }
            }
        }
        for item in 0..<items.count {
            let record = items.record(item)
            let skill = u32(record + Layout.Item.skill)
            guard skill >= previousSkillOfItem else { throw fail(items, record, "items are not sorted by skill") }
            previousSkillOfItem = skill
            let firstResponse = u32(record + Layout.Item.firstResponse)
            for response in firstResponse..<(firstResponse + u32(record + Layout.Item.responseCount)) {
                guard u32(responses.record(response) + Layout.Response.item) == item else {
                    throw fail(responses, responses.record(response), "response \(response) points to another item")
                }
            }
            let calibrated = storage.u8(record + Layout.Item.flags) & Layout.Item.flagCalibrated != 0
            let a = storage.f64(discriminations.record(item))
            let b = storage.f64(difficulties.record(item))
            if calibrated {
                guard a.isFinite, a > 0, b.isFinite else {
                    throw fail(
                        discriminations, discriminations.record(item),
                        "calibration of item \(item) is not finite or a <= 0")
                }
            } else {
                guard a.isNaN, b.isNaN else {
                    throw fail(
                        discriminations, discriminations.record(item),
                        "uncalibrated item \(item) has calibration values")
                }
            }
        }
        if let exposure {
            for item in 0..<exposure.count {
                let k = storage.f64(exposure.record(item))
                guard k >= 0, k <= 1 else {
                    throw fail(exposure, exposure.record(item), "exposure parameter of item \(item) is not in [0, 1]")
                }
            }
        }
        if let thetaLevels {
            // Per competence: levels 1…k finite and strictly increasing, NaN from k + 1 on, k ≤ max level.
            let maxLevel = Int(storage.u8(meta.offset + Layout.Meta.maxLevel))
            for competence in 0..<thetaLevels.count {
                var previous = -Double.infinity
                var ended = false
                for level in 1...BankFormat.levelCount {
                    let offset = thetaLevels.record(competence) + Layout.ThetaLevels.threshold(level: level)
                    let theta = storage.f64(offset)
                    if theta.isNaN {
                        ended = true
                        continue
                    }
                    var fault: String?
                    if ended {
                        fault = "follows a level without one"
                    } else if !theta.isFinite {
                        fault = "is not finite"
                    } else if theta <= previous {
                        fault = "is not above the previous level's"
                    } else if level > maxLevel {
                        fault = "is above the max level \(maxLevel)"
                    }
                    if let fault {
                        throw fail(
                            thetaLevels, offset,
                            "θ threshold of level \(level) of competence \(competence) \(fault)")
                    }
                    previous = theta
                }
            }
        }
        if let index = selectionIndex {
            let lower = storage.f64(index.offset + IRTIndexLayout.lower)
            let upper = storage.f64(index.offset + IRTIndexLayout.upper)
            let points = u32(index.offset + IRTIndexLayout.points)
            let depth = u32(index.offset + IRTIndexLayout.depth)
            let poolSize = u32(index.offset + IRTIndexLayout.poolSize)
            guard lower.isFinite, upper.isFinite, lower < upper, points >= 2, depth >= 1, depth <= poolSize,
                poolSize <= items.count, u32(index.offset + IRTIndexLayout.reserved) == 0
            else {
                throw fail(index, index.offset, "selection index head is inconsistent")
            }
            for entry in 0..<(points * depth) {
                let offset = index.offset + IRTIndexLayout.headSize + 4 * entry
                guard u32(offset) < items.count else {
                    throw fail(index, offset, "selection index entry \(entry) is not an item")
                }
            }
        }
        // Skills by level: each skill exactly once, in the list of its competence and level.
        let base = competences.count * BankFormat.levelCount + 1
        guard u32(skillsByLevel.record(0)) == 0, u32(skillsByLevel.record(base - 1)) == skills.count,
            skillsByLevel.count == base + skills.count
        else {
            throw fail(skillsByLevel, skillsByLevel.offset, "skills-by-level lists do not hold every skill once")
        }
        var listed = [Bool](repeating: false, count: skills.count)
        for competence in 0..<competences.count {
            for level in 1...BankFormat.levelCount {
                let slot = competence * BankFormat.levelCount + level - 1
                for position in u32(skillsByLevel.record(slot))..<u32(skillsByLevel.record(slot + 1)) {
                    let skill = u32(skillsByLevel.record(base + position))
                    guard !listed[skill] else {
                        throw fail(skillsByLevel, skillsByLevel.record(base + position), "skill \(skill) listed twice")
                    }
                    listed[skill] = true
                    let record = skills.record(skill)
                    guard u32(record + Layout.Skill.competence) == competence,
                        Int(storage.u8(record + Layout.Skill.level)) == level
                    else {
                        throw fail(
                            skillsByLevel, skillsByLevel.record(base + position),
                            "skill \(skill) listed under the wrong competence or level")
                    }
                }
            }
        }
    }

    private func checkString(_ section: Section, _ index: Int, _ field: Int, optional: Bool = true) throws(BankError) {
        let at = section.record(index) + field
        let offset = storage.u32(at)
        if offset == BankFormat.none {
            if optional { return }
            throw BankError(.badReference, section: section.id.description, offset: at, "required string is missing")
        }
        let length = Int(storage.u32(at + 4))
        guard Int(offset) <= strings.length, length <= strings.length - Int(offset) else {
            throw BankError(
                .badReference, section: section.id.description, offset: at, "string reference outside the string pool")
        }
        // The pool as a whole is valid UTF-8 (checked once); a string must also start and end on
        // character boundaries.
        let start = strings.offset + Int(offset)
        let end = start + length
        if length > 0, storage.u8(start) & 0xC0 == 0x80 {
            throw BankError(.badReference, section: "STRS", offset: start, "a string starts inside a UTF-8 sequence")
        }
        if length > 0, end < strings.offset + strings.length, storage.u8(end) & 0xC0 == 0x80 {
            throw BankError(.badReference, section: "STRS", offset: end, "a string ends inside a UTF-8 sequence")
        }
    }

    private func verifyStrings() throws(BankError) {
        guard
            UTF8Validation.isValid(UnsafeRawBufferPointer(start: storage.base + strings.offset, count: strings.length))
        else {
            throw BankError(
                .badReference, section: "STRS", offset: strings.offset, "the string pool is not valid UTF-8")
        }
        // Strings every record must have.
        let required: [(Section, [Int])] = [
            (areas, [Layout.Area.code, Layout.Area.title]),
            (competences, [Layout.Competence.code, Layout.Competence.title]),
            (thematics, [Layout.Thematic.id, Layout.Thematic.title]),
            (tubes, [Layout.Tube.name, Layout.Tube.title]),
            (skills, [Layout.Skill.name]),
            (items, [Layout.Item.id, Layout.Item.language, Layout.Item.stem, Layout.Item.stemPlain]),
            (choices, [Layout.Choice.text]),
            (responses, [Layout.Response.id]),
            (answers, [Layout.Answer.text]),
            (media, [Layout.Media.path]),
        ]
        for (section, offsets) in required {
            for index in 0..<section.count {
                for field in offsets { try checkString(section, index, field, optional: false) }
            }
        }
        let fields: [(Section, [Int])] = [
            (areas, [Layout.Area.code, Layout.Area.title]),
            (competences, [Layout.Competence.code, Layout.Competence.title, Layout.Competence.description]),
            (thematics, [Layout.Thematic.id, Layout.Thematic.title]),
            (tubes, [Layout.Tube.name, Layout.Tube.title, Layout.Tube.description]),
            (skills, [Layout.Skill.name, Layout.Skill.description, Layout.Skill.externalID]),
            (
                items,
                [
                    Layout.Item.id, Layout.Item.language, Layout.Item.stem, Layout.Item.stemPlain, Layout.Item.solution,
                    Layout.Item.prototype, Layout.Item.embedURL, Layout.Item.embedTitle, Layout.Item.locales,
                ]
            ),
            (choices, [Layout.Choice.text, Layout.Choice.id]),
            (responses, [Layout.Response.id, Layout.Response.label, Layout.Response.placeholder]),
            (answers, [Layout.Answer.text]),
            (media, [Layout.Media.path, Layout.Media.text]),
        ]
        for (section, offsets) in fields {
            for index in 0..<section.count {
                for field in offsets { try checkString(section, index, field) }
            }
        }
        let metaFields = [
            Layout.Meta.bankID, Layout.Meta.bankVersion, Layout.Meta.bankTitle, Layout.Meta.language,
            Layout.Meta.frameworkID, Layout.Meta.frameworkVersion, Layout.Meta.frameworkTitle,
            Layout.Meta.frameworkLanguage, Layout.Meta.bankDescription, Layout.Meta.locales,
        ]
        let requiredMeta: Set<Int> = [
            Layout.Meta.bankID, Layout.Meta.bankVersion, Layout.Meta.bankTitle, Layout.Meta.language,
            Layout.Meta.frameworkID, Layout.Meta.frameworkTitle, Layout.Meta.frameworkLanguage,
        ]
        let metaSection = Section(id: .meta, flags: 0, offset: meta.offset, length: meta.length, recordSize: 0, crc: 0)
        for field in metaFields {
            try checkString(metaSection, 0, field, optional: !requiredMeta.contains(field))
        }
    }

    private func checkIndex(_ section: Section, _ index: Int, _ field: Int, target: Section) throws(BankError) {
        let at = section.record(index) + field
        let value = Int(storage.u32(at))
        guard target.contains(value) else {
            throw BankError(
                .badReference, section: section.id.description, offset: at,
                "reference \(value) outside \(target.id) (\(target.count) records)")
        }
    }

    private func checkRange(
        _ section: Section, _ index: Int, _ firstField: Int, _ countField: Int, target: Section
    )
        throws(BankError)
    {
        let at = section.record(index) + firstField
        let first = Int(storage.u32(at))
        let count = Int(storage.u32(section.record(index) + countField))
        guard first <= target.count, count <= target.count - first else {
            throw BankError(
                .badReference, section: section.id.description, offset: at,
                "range \(first)+\(count) outside \(target.id) (\(target.count) records)")
        }
    }

    private func verifyReferences() throws(BankError) {
        for index in 0..<areas.count {
            try checkRange(areas, index, Layout.Area.firstCompetence, Layout.Area.competenceCount, target: competences)
        }
        for index in 0..<competences.count {
            try checkIndex(competences, index, Layout.Competence.area, target: areas)
            try checkRange(
                competences, index, Layout.Competence.firstThematic, Layout.Competence.thematicCount, target: thematics)
            try checkRange(
                competences, index, Layout.Competence.firstSkill, Layout.Competence.skillCount, target: skills)
            try checkRange(competences, index, Layout.Competence.firstItem, Layout.Competence.itemCount, target: items)
        }
        for index in 0..<thematics.count {
            try checkIndex(thematics, index, Layout.Thematic.competence, target: competences)
            try checkRange(thematics, index, Layout.Thematic.firstTube, Layout.Thematic.tubeCount, target: tubes)
        }
        for index in 0..<tubes.count {
            try checkIndex(tubes, index, Layout.Tube.thematic, target: thematics)
            try checkIndex(tubes, index, Layout.Tube.competence, target: competences)
            try checkRange(tubes, index, Layout.Tube.firstSkill, Layout.Tube.skillCount, target: skills)
        }
        for index in 0..<skills.count {
            try checkIndex(skills, index, Layout.Skill.tube, target: tubes)
            try checkIndex(skills, index, Layout.Skill.competence, target: competences)
            try checkRange(skills, index, Layout.Skill.firstItem, Layout.Skill.itemCount, target: items)
            let level = storage.u8(skills.record(index) + Layout.Skill.level)
            guard (1...UInt8(BankFormat.levelCount)).contains(level) else {
                throw BankError(
                    .badReference, section: "SKIL", offset: skills.record(index) + Layout.Skill.level,
                    "level \(level) outside 1–8")
            }
        }
        for index in 0..<items.count {
            try checkIndex(items, index, Layout.Item.skill, target: skills)
            try checkRange(items, index, Layout.Item.firstChoice, Layout.Item.choiceCount, target: choices)
            try checkRange(items, index, Layout.Item.firstResponse, Layout.Item.responseCount, target: responses)
            try checkRange(items, index, Layout.Item.firstGroup, Layout.Item.groupCount, target: groups)
            try checkRange(items, index, Layout.Item.firstMedia, Layout.Item.mediaCount, target: media)
        }
        for index in 0..<responses.count {
            try checkIndex(responses, index, Layout.Response.item, target: items)
            try checkRange(responses, index, Layout.Response.firstAnswer, Layout.Response.answerCount, target: answers)
            try checkRange(responses, index, Layout.Response.firstOption, Layout.Response.optionCount, target: answers)
        }
        for index in 0..<groups.count {
            try checkRange(groups, index, Layout.Group.firstAnswer, Layout.Group.answerCount, target: answers)
        }
        // Id index: a permutation of the items, sorted by id.
        var seen = [Bool](repeating: false, count: items.count)
        var previous: String? = nil
        for position in 0..<idIndex.count {
            try checkIndex(idIndex, position, 0, target: items)
            let item = Int(storage.u32(idIndex.record(position)))
            guard !seen[item] else {
                throw BankError(
                    .badReference, section: "IDIX", offset: idIndex.record(position), "item \(item) listed twice")
            }
            seen[item] = true
            let id = string(at: items.record(item) + Layout.Item.id) ?? ""
            if let previous, !previous.utf8.lexicographicallyPrecedes(id.utf8) {
                throw BankError(
                    .badReference, section: "IDIX", offset: idIndex.record(position), "id index not sorted at \(id)")
            }
            previous = id
        }
        // Skills by level: non-decreasing offsets, indices in range.
        let slots = competences.count * BankFormat.levelCount
        var last = 0
        for slot in 0...slots {
            let value = Int(storage.u32(skillsByLevel.record(slot)))
            guard value >= last, slots + 1 + value <= skillsByLevel.count else {
                throw BankError(
                    .badReference, section: "CLSK", offset: skillsByLevel.record(slot),
                    "skills-by-level offsets out of order")
            }
            last = value
        }
        for position in (slots + 1)..<skillsByLevel.count {
            try checkIndex(skillsByLevel, position, 0, target: skills)
        }
    }
}

/// The errors of the verification tasks, one slot per task: each slot is written by its task only, and
/// read after all tasks ended, so no lock is needed. The first error by task order wins, so the result
/// is deterministic.
private final class VerificationOutcomes: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<BankError?>

    init(tasks: Int) {
        slots = .allocate(capacity: tasks)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func record(_ error: BankError, task: Int) { slots[task] = error }

    var first: BankError? { slots.lazy.compactMap { $0 }.first }
}
