/// A competence framework (for instance the French CRCN): areas, competences, thematics, tubes, skills.
///
/// Values come from `framework.xml` (see `Schemas/framework.xsd`); order is document order.
public struct Framework: Hashable, Sendable {
    /// Framework id, for example `crcn`.
    public var id: String
    /// Framework version label, for example `2019`, or nil.
    public var version: String?
    public var title: String
    /// The open maximum level (1–8): levels above it are not awarded (7 for Pix today).
    public var maxLevel: Int
    /// BCP 47 language of the titles and descriptions.
    public var language: String
    public var areas: [Area]
    public var location: SourceLocation

    public init(
        id: String, version: String? = nil, title: String, maxLevel: Int, language: String, areas: [Area],
        location: SourceLocation
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.maxLevel = maxLevel
        self.language = language
        self.areas = areas
        self.location = location
    }

    /// Every competence, in document order.
    public var competences: [Competence] { areas.flatMap(\.competences) }
    /// Every tube, in document order.
    public var tubes: [Tube] { competences.flatMap { $0.thematics.flatMap(\.tubes) } }
    /// Every skill, in document order.
    public var skills: [Skill] { tubes.flatMap(\.skills) }

    /// Where a skill sits in the hierarchy.
    public struct SkillPath: Hashable, Sendable {
        public var area: Area
        public var competence: Competence
        public var thematic: Thematic
        public var tube: Tube
        public var skill: Skill
    }

    /// Every skill with its area, competence, thematic and tube, keyed by skill name.
    /// When a name appears twice, the first one wins (the linter reports the duplicate).
    public func skillIndex() -> [String: SkillPath] {
        var index: [String: SkillPath] = [:]
        for area in areas {
            for competence in area.competences {
                for thematic in competence.thematics {
                    for tube in thematic.tubes {
                        for skill in tube.skills where index[skill.name] == nil {
                            index[skill.name] = SkillPath(
                                area: area, competence: competence, thematic: thematic, tube: tube, skill: skill)
                        }
                    }
                }
            }
        }
        return index
    }
}

/// An area (domaine) of the framework, for example `1` Information et données.
public struct Area: Hashable, Sendable {
    /// One digit, `1`…`5` in the CRCN.
    public var code: String
    public var title: String
    public var competences: [Competence]
    public var location: SourceLocation

    public init(code: String, title: String, competences: [Competence], location: SourceLocation) {
        self.code = code
        self.title = title
        self.competences = competences
        self.location = location
    }
}

/// A competence, for example `1.1` Mener une recherche et une veille d’information.
public struct Competence: Hashable, Sendable {
    /// `area.n`, for example `3.4`.
    public var code: String
    public var title: String
    public var description: String?
    public var thematics: [Thematic]
    /// The θ from which a learner is at each level (`<thetaLevels>`), nil when the framework gives none.
    public var thetaLevels: ThetaLevels?
    public var location: SourceLocation

    public init(
        code: String, title: String, description: String? = nil, thematics: [Thematic],
        thetaLevels: ThetaLevels? = nil, location: SourceLocation
    ) {
        self.code = code
        self.title = title
        self.description = description
        self.thematics = thematics
        self.thetaLevels = thetaLevels
        self.location = location
    }

    public var tubes: [Tube] { thematics.flatMap(\.tubes) }
}

/// A thematic: a group of tubes inside a competence.
public struct Thematic: Hashable, Sendable {
    public var id: String
    public var title: String
    public var tubes: [Tube]
    public var location: SourceLocation

    public init(id: String, title: String, tubes: [Tube], location: SourceLocation) {
        self.id = id
        self.title = title
        self.tubes = tubes
        self.location = location
    }
}

/// A tube: a progression of skills on one subject, one skill per level (`@rechercheWeb`).
public struct Tube: Hashable, Sendable {
    /// `@` and a camelCase name, never ending with a digit.
    public var name: String
    public var title: String
    public var description: String?
    public var skills: [Skill]
    public var location: SourceLocation

    public init(name: String, title: String, description: String? = nil, skills: [Skill], location: SourceLocation) {
        self.name = name
        self.title = title
        self.description = description
        self.skills = skills
        self.location = location
    }
}

/// A skill (acquis): one level of one tube, named tube + level digit (`@rechercheWeb3`).
public struct Skill: Hashable, Sendable {
    public var name: String
    /// 1–8.
    public var level: Int
    public var status: SkillStatus
    /// Optional external id (Pix record id).
    public var id: String?
    public var description: String?
    public var location: SourceLocation

    public init(
        name: String, level: Int, status: SkillStatus = .active, id: String? = nil, description: String? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.level = level
        self.status = status
        self.id = id
        self.description = description
        self.location = location
    }

    /// The tube part of a skill name (`@rechercheWeb3` -> `@rechercheWeb`), nil when the name does not
    /// end with one level digit 1–8.
    public static func tubeName(ofSkillNamed name: String) -> String? {
        guard let last = name.last, let digit = last.wholeNumberValue, (1...8).contains(digit), name.count > 2
        else { return nil }
        let tube = String(name.dropLast())
        guard let previous = tube.last, !previous.isNumber else { return nil }
        return tube
    }
}
