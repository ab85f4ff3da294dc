@_exported import struct ItemBankSystem.SplitMix64

/// Writes synthetic but valid banks for scale tests and benchmarks: a CRCN-shaped framework (5 areas,
/// 16 competences, 2 tubes each, skills at levels 1–7) and N items of the five types with French-like
/// text of realistic length, calibrations and a few media references. The bank lints clean.
///
/// Deterministic: the same (item count, seed) gives the same files, on every machine (SplitMix64,
/// Steele, Lea & Flood 2014).
public struct BankGenerator: Sendable {
    /// Number of items to write.
    public var itemCount: Int
    public var seed: UInt64

    public init(itemCount: Int, seed: UInt64) {
        self.itemCount = itemCount
        self.seed = seed
    }

    /// A file to write: path relative to the bank folder, and its content.
    public struct File: Sendable {
        public var path: String
        public var content: String
    }

    /// The CRCN competences: (area code, area title, [(competence code, title)]).
    static let areas: [(String, String, [(String, String)])] = [
        (
            "1", "Information et données",
            [
                ("1.1", "Mener une recherche et une veille d’information"), ("1.2", "Gérer des données"),
                ("1.3", "Traiter des données"),
            ]
        ),
        (
            "2", "Communication et collaboration",
            [
                ("2.1", "Interagir"), ("2.2", "Partager et publier"), ("2.3", "Collaborer"),
                ("2.4", "S’insérer dans le monde numérique"),
            ]
        ),
        (
            "3", "Création de contenus",
            [
                ("3.1", "Développer des documents textuels"), ("3.2", "Développer des documents multimédia"),
                ("3.3", "Adapter les documents à leur finalité"), ("3.4", "Programmer"),
            ]
        ),
        (
            "4", "Protection et sécurité",
            [
                ("4.1", "Sécuriser l’environnement numérique"),
                ("4.2", "Protéger les données personnelles et la vie privée"),
                ("4.3", "Protéger la santé, le bien-être et l’environnement"),
            ]
        ),
        (
            "5", "Environnement numérique",
            [("5.1", "Résoudre des problèmes techniques"), ("5.2", "Construire un environnement numérique")]
        ),
    ]

    static let levels = 1...7
    static let tubesPerCompetence = 2
    static let mediaFiles = ["capture-1.svg", "capture-2.svg", "capture-3.svg"]

    static let words = [
        "fichier", "dossier", "document", "courriel", "navigateur", "moteur", "recherche", "tableur", "cellule",
        "formule", "image", "vidéo", "réseau", "mot", "passe", "sauvegarde", "logiciel", "application", "écran",
        "données", "partage", "lien", "page", "site", "compte", "profil", "message", "pièce", "jointe", "format",
        "imprimante", "clavier", "souris", "système", "mise", "jour", "sécurité", "cookie", "licence", "auteur",
        "source", "information", "calcul", "colonne", "ligne", "graphique", "titre", "style", "paragraphe",
        "programme", "boucle", "variable", "fonction", "algorithme", "chiffrement", "connexion", "serveur",
    ]
    static let verbs = [
        "ouvre", "enregistre", "partage", "modifie", "supprime", "vérifie", "télécharge", "compare", "trie",
        "filtre", "publie", "imprime", "renomme", "déplace", "sélectionne", "copie", "protège", "configure",
    ]
    static let names = ["Léa", "Hugo", "Inès", "Lucas", "Chloé", "Malik", "Emma", "Noah", "Jade", "Yanis"]

    /// Every file of the bank: bank.xml, framework.xml, the items, the media.
    public func files() -> [File] {
        var files = [File(path: "bank.xml", content: manifest()), File(path: "framework.xml", content: framework())]
        for name in Self.mediaFiles {
            files.append(
                File(
                    path: "media/" + name,
                    content: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\">"
                        + "<rect x=\"1\" y=\"1\" width=\"118\" height=\"38\" fill=\"#eef\" stroke=\"#335\"/></svg>\n"))
        }
        let competences = Self.areas.flatMap { $0.2.map(\.0) }
        // The first items cover every (competence, level) cell once (no coverage gap); the first item of a
        // skill is its prototype, the next ones are its variants (one validated prototype per skill).
        let cells = competences.count * Self.levels.count
        var prototypes: [String: String] = [:]
        for index in 0..<itemCount {
            var random = SplitMix64(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
            var competence = competences[random.below(competences.count)]
            let tube = random.below(Self.tubesPerCompetence) + 1
            var level = random.below(Self.levels.count) + 1
            if index < cells {
                competence = competences[index % competences.count]
                level = Self.levels.lowerBound + index / competences.count
            }
            let id = "gen-" + String(index).leftPadded(to: 6)
            let skill = "@\(Self.tubeName(competence, tube))\(level)"
            let content = item(id: id, skill: skill, level: level, prototype: prototypes[skill], random: &random)
            if prototypes[skill] == nil { prototypes[skill] = id }
            files.append(File(path: "items/\(competence)/\(id).xml", content: content))
        }
        return files
    }

    static func tubeName(_ competence: String, _ tube: Int) -> String {
        "tube" + competence.replacingDots() + "x" + String(UnicodeScalar(UInt8(96 + tube)))
    }

    func manifest() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bank xmlns="urn:itembank:bank:1" id="generated-\(seed)" version="1.0.0" xml:lang="fr-FR">
          <title>Banque générée (\(itemCount) items, graine \(seed))</title>
          <framework src="framework.xml"/>
          <items src="items"/>
          <media src="media"/>
          <locales>fr-FR</locales>
        </bank>

        """
    }

    func framework() -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <framework xmlns="urn:itembank:framework:1" id="crcn-generated" version="1" maxLevel="7" xml:lang="fr-FR">
              <title>Cadre de référence généré</title>

            """
        for (code, title, competences) in Self.areas {
            out += "  <area code=\"\(code)\">\n    <title>\(title)</title>\n"
            for (competence, competenceTitle) in competences {
                out += "    <competence code=\"\(competence)\">\n      <title>\(competenceTitle)</title>\n"
                for tube in 1...Self.tubesPerCompetence {
                    let name = Self.tubeName(competence, tube)
                    out += "      <thematic id=\"t\(competence.replacingDots())-\(tube)\">\n"
                    out += "        <title>Thématique \(tube) de \(competence)</title>\n"
                    out += "        <tube name=\"@\(name)\">\n          <title>Sujet \(tube) de \(competence)</title>\n"
                    for level in Self.levels {
                        out += "          <skill name=\"@\(name)\(level)\" level=\"\(level)\"/>\n"
                    }
                    out += "        </tube>\n      </thematic>\n"
                }
                out += "    </competence>\n"
            }
            out += "  </area>\n"
        }
        return out + "</framework>\n"
    }

    func sentence(_ random: inout SplitMix64, words count: Int) -> String {
        var parts = [Self.names[random.below(Self.names.count)], Self.verbs[random.below(Self.verbs.count)]]
        for _ in 0..<max(0, count - 2) { parts.append(Self.words[random.below(Self.words.count)]) }
        return parts.joined(separator: " ")
    }

    func item(id: String, skill: String, level: Int, prototype: String?, random: inout SplitMix64) -> String {
        let types = ["qcu", "qcu", "qcu", "qcm", "qcm", "qroc", "qroc", "qrocm-ind", "qrocm-ind", "qrocm-dep"]
        let type = types[random.below(types.count)]
        let a = 0.6 + Double(random.below(160)) / 100
        let b = (Double(level) - 4) * 0.9 + Double(random.below(81) - 40) / 100
        let genealogy = prototype.map { " genealogy=\"variant\" prototype=\"\($0)\"" } ?? ""
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <item xmlns="urn:itembank:item:1" id="\(id)" skill="\(skill)" type="\(type)" status="validated" xml:lang="fr-FR"\(genealogy)>

            """
        let stem = sentence(&random, words: 12 + random.below(30))
        switch type {
        case "qcu", "qcm":
            out += "  <stem>\(stem)\u{202F}?</stem>\n"
            if random.below(20) == 0 {
                let media = Self.mediaFiles[random.below(Self.mediaFiles.count)]
                out +=
                    "  <illustration src=\"\(media)\" alt=\"Capture d’écran d’une fenêtre de \(Self.words[random.below(Self.words.count)]).\"/>\n"
            }
            let count = 3 + random.below(3)
            var keys: Set<Int> =
                type == "qcu"
                ? [random.below(count)]
                : Set((0..<count).filter { _ in random.below(2) == 0 }).union([random.below(count)])
            if keys.count == count, let last = keys.max() { keys.remove(last) }  // a qcm keeps a distractor
            out += "  <choices shuffle=\"true\">\n"
            var used: Set<String> = []
            let words = 4 + random.below(3)  // one length for all the choices: the key is not the longest
            // A word of the stem in the first distractor too, so that a key that happens to repeat a stem
            // word is no clang association (iwf.clang-association). Draws nothing from `random`.
            let echo = stem.split(separator: " ").dropFirst(2).first { $0.count >= 5 }.map(String.init)
            let firstDistractor = (0..<count).first { !keys.contains($0) }
            for choice in 0..<count {
                var text = sentence(&random, words: words)
                while used.contains(text) { text = sentence(&random, words: words) }
                if choice == firstDistractor, let echo {
                    let echoed = text.split(separator: " ").dropLast().joined(separator: " ") + " " + echo
                    if !used.contains(echoed) { text = echoed }
                }
                used.insert(text)
                out += "    <choice\(keys.contains(choice) ? " key=\"true\"" : "")>\(text)</choice>\n"
            }
            out += "  </choices>\n"
        case "qroc":
            out += "  <stem>\(stem)\u{202F}: <blank response=\"r\"/></stem>\n  <responses>\n"
            if random.below(3) == 0 {
                out +=
                    "    <dropdown id=\"r\"><option>oui</option><option>non</option><option>parfois</option><accept>oui</accept></dropdown>\n"
            } else if random.below(2) == 0 {
                let value = random.below(1000)
                out +=
                    "    <response id=\"r\" format=\"number\" tolerances=\"t1\"><accept>\(value)</accept></response>\n"
            } else {
                let word = Self.words[random.below(Self.words.count)]
                out +=
                    "    <response id=\"r\" format=\"words\" tolerances=\"t1 t2 t3\"><accept>\(word)s</accept></response>\n"
            }
            out += "  </responses>\n"
        case "qrocm-ind":
            out += "  <stem><p>\(stem).</p><ul><li>Premier\u{202F}: <blank response=\"a\"/></li>"
            out += "<li>Second\u{202F}: <blank response=\"b\"/></li></ul></stem>\n  <responses>\n"
            out +=
                "    <response id=\"a\" format=\"words\" tolerances=\"t1 t2\"><accept>\(Self.words[random.below(Self.words.count)])</accept></response>\n"
            out +=
                "    <dropdown id=\"b\"><option>avant</option><option>après</option><accept>après</accept></dropdown>\n"
            out += "  </responses>\n"
        default:
            out += "  <stem>\(stem)\u{202F}: <blank response=\"a\"/> et <blank response=\"b\"/></stem>\n"
            out += "  <responses>\n    <response id=\"a\"/>\n    <response id=\"b\"/>\n  </responses>\n"
            out += "  <groups count=\"2\" tolerances=\"t1 t2\">\n"
            let start = random.below(Self.words.count - 3)
            for offset in 0..<3 { out += "    <group><accept>\(Self.words[start + offset])</accept></group>\n" }
            out += "  </groups>\n"
        }
        out += "  <calibration discrimination=\"\(a.formatted2())\" difficulty=\"\(b.formatted2())\"/>\n"
        out += "  <solution>\(sentence(&random, words: 10 + random.below(10))).</solution>\n"
        return out + "</item>\n"
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
    func replacingDots() -> String { split(separator: ".").joined() }
}

extension Double {
    /// Two decimals, locale-independent ("1.05", "-0.40").
    func formatted2() -> String {
        let hundredths = Int((self * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        return "\(sign)\(magnitude / 100).\(String(magnitude % 100).leftPadded(to: 2))"
    }
}
