import AdaptiveTesting

extension JourneyError {
    /// The journey's message with what to do on the command line: the library speaks of competences
    /// and locales, the CLI names its own flags and commands.
    var commandLineMessage: String {
        switch self {
        case .unknownCompetence: "\(self) (see `itembank inspect`)"
        case .noPlayableItems: "\(self); check --locale"
        default: description
        }
    }
}

/// `error`'s message for the terminal: a journey error with its command-line hint, else its description.
func journeyMessage(_ error: any Error) -> String {
    (error as? JourneyError)?.commandLineMessage ?? "\(error)"
}
