import ItemBankModel

/// `--report github`: GitHub Actions workflow commands, one per diagnostic
/// (`::error file=items/a.xml,line=3,col=7,title=key.qcm-no-key::qcm item a has no key`).
enum GitHubReporter {
    static func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        diagnostics.map { diagnostic in
            let command =
                switch diagnostic.severity {
                case .error: "error"
                case .warning: "warning"
                case .info: "notice"
                }
            var properties = ["file=" + escapeProperty(context.printablePath(diagnostic.location.path))]
            if diagnostic.location.line > 0 { properties.append("line=\(diagnostic.location.line)") }
            if diagnostic.location.column > 0 { properties.append("col=\(diagnostic.location.column)") }
            properties.append("title=" + escapeProperty(diagnostic.ruleID))
            var message = diagnostic.message
            if let help = diagnostic.help { message += "\nhelp: " + help }
            return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }.joined()
    }

    /// Escapes a message (GitHub's toolkit: % CR LF).
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// Escapes a property value (also : and ,).
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
