import ItemBankFormat

extension Bank {
    /// Full verification: every section's CRC32C, the content digest and the file's SHA-256, and the
    /// structural invariants (every reference inside its target table, every string inside the pool
    /// and valid UTF-8, the id index sorted and complete, ranges inside their tables).
    /// - Throws: the first ``BankError`` found, naming the section and offset.
    public func verify() throws(BankError) {
        for section in sections.values.sorted(by: { $0.offset < $1.offset }) {
            let crc = CRC32C.checksum(
                UnsafeRawBufferPointer(start: storage.base + section.offset, count: section.length))
            guard crc == section.crc else {
                throw BankError(
                    .checksumMismatch, section: section.id.description, offset: section.offset,
                    "section checksum mismatch")
            }
        }
        let trailerStart = storage.count - BankFormat.trailerSize
        let content = SHA256Digest.hash(
            UnsafeRawBufferPointer(
                start: storage.base + BankFormat.headerSize, count: trailerStart - BankFormat.headerSize))
        guard content == (0..<32).map({ storage.u8(BankFormat.Header.contentDigest + $0) }) else {
            throw BankError(.checksumMismatch, offset: BankFormat.Header.contentDigest, "content digest mismatch")
        }
        let whole = SHA256Digest.hash(UnsafeRawBufferPointer(start: storage.base, count: trailerStart))
        guard whole == (0..<32).map({ storage.u8(trailerStart + $0) }) else {
            throw BankError(.checksumMismatch, offset: trailerStart, "file SHA-256 mismatch")
        }
        try verifyStrings()
        try verifyReferences()
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
        let bytes = UnsafeRawBufferPointer(start: storage.base + strings.offset + Int(offset), count: length)
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error:
                throw BankError(
                    .badReference, section: "STRS", offset: strings.offset + Int(offset), "invalid UTF-8 in a string")
            }
        }
    }

    private func verifyStrings() throws(BankError) {
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
        for field in metaFields {
            try checkString(
                Section(id: .meta, flags: 0, offset: meta.offset, length: meta.length, recordSize: 0, crc: 0), 0, field)
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
            let type = Int(storage.u8(items.record(index) + Layout.Item.type))
            guard type < Codes.itemTypes.count else {
                throw BankError(
                    .badReference, section: "ITEM", offset: items.record(index) + Layout.Item.type,
                    "unknown item type code \(type)")
            }
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
