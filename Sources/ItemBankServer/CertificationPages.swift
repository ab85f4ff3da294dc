import AdaptiveTesting
import Foundation
import ItemBankHTML

extension LearnerPages {
    /// The home page's certification section: the learner's certificates (with their expiry), then a
    /// button to take the certification when eligible, or what is missing to become eligible.
    /// - Parameters:
    ///   - eligibility: the learner's eligibility on the current release.
    ///   - certificates: the learner's certificates, oldest first.
    public static func certificationSection(eligibility: Eligibility, certificates: [IssuedCertificate]) -> String {
        var body = "<h2>Certification</h2>\n"
        if !certificates.isEmpty {
            body += "<ul>\n"
            for certificate in certificates {
                body += "<li>" + HTMLText.escape(certificateSummary(certificate)) + "</li>\n"
            }
            body += "</ul>\n"
        }
        let reached = eligibility.certifiable.count
        if eligibility.isEligible {
            body += "<p>You reached level 1 or more in \(reached) competences: the certification asks up to 3 "
            body += "questions in each of them and certifies the levels it confirms, for 3 years.</p>\n"
            body += "<form method=\"post\" action=\"/learn/sessions\">\n"
            body += "<input type=\"hidden\" name=\"kind\" value=\"certification\">\n"
            body += "<button type=\"submit\">Start the certification</button>\n</form>\n"
        } else {
            body += "<p>Not eligible yet: the certification needs level 1 in \(reached + eligibility.missing) "
            body += "competences; you have it in \(reached). Take a positioning test in \(eligibility.missing) more "
            body += "competence\(eligibility.missing == 1 ? "" : "s").</p>\n"
        }
        return body
    }

    /// A certificate in one sentence: status, date, pix and expiry (or why it was rejected); a v3
    /// certificate says so, and when the test stopped before its length.
    public static func certificateSummary(_ issued: IssuedCertificate) -> String {
        switch issued {
        case .certification(let certificate):
            switch certificate.status {
            case .validated:
                "Certificate of \(certificate.date): validated, \(certificate.totalPix) pix, valid until "
                    + "\(certificate.expiry ?? "–")."
            case .rejected:
                "Certification of \(certificate.date): rejected"
                    + (certificate.rejectionReason.map { " (\($0))" } ?? "") + "."
            }
        case .pixCertification(let certificate):
            switch certificate.status {
            case .validated:
                "Certificate (v3) of \(certificate.date): validated, \(certificate.pix) pix, valid until "
                    + "\(certificate.expiry ?? "–")"
                    + (certificate.isComplete
                        ? "."
                        : " (\(certificate.answered) of \(certificate.length) questions: the bank had no more).")
            case .rejected:
                "Certification (v3) of \(certificate.date): rejected"
                    + (certificate.rejectionReason.map { " (\($0))" } ?? "") + "."
            }
        }
    }

    /// The result of a certification session: the certificate, with the level certified per competence.
    /// - Parameters:
    ///   - certificate: the certificate the session gave.
    ///   - titles: competence titles by code.
    static func certificateResult(_ issued: IssuedCertificate, titles: [String: String]) -> String {
        var body = "<p>" + HTMLText.escape(certificateSummary(issued)) + "</p>\n"
        guard issued.status == .validated else { return body }
        switch issued {
        case .certification(let certificate):
            body += "<table>\n<caption>Levels certified per competence</caption>\n"
            body += "<thead><tr><th scope=\"col\">Competence</th><th scope=\"col\">Positioned level</th>"
            body += "<th scope=\"col\">Certified level</th><th scope=\"col\">Pix</th></tr></thead>\n<tbody>\n"
            for competence in certificate.competences {
                let name = HTMLText.escape("\(competence.competence) \(titles[competence.competence] ?? "")")
                body += "<tr><th scope=\"row\">\(name)</th><td>\(competence.positionedLevel)</td>"
                body += "<td>\(competence.level)</td><td>\(competence.pix)</td></tr>\n"
            }
        case .pixCertification(let certificate):
            body += "<table>\n<caption>Levels certified per competence</caption>\n"
            body += "<thead><tr><th scope=\"col\">Competence</th><th scope=\"col\">Certified level</th></tr></thead>\n"
            body += "<tbody>\n"
            for competence in certificate.competences {
                let name = HTMLText.escape("\(competence.competence) \(titles[competence.competence] ?? "")")
                body += "<tr><th scope=\"row\">\(name)</th><td>\(competence.level.map(String.init) ?? "–")</td></tr>\n"
            }
        }
        body += "</tbody>\n</table>\n"
        return body
    }
}
