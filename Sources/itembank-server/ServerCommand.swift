import ArgumentParser
import Foundation
import Hummingbird
import ItemBankServer
import ItemBankSystem
import Logging
import Metrics
import Prometheus

@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itembank-server",
        abstract: "Serve the learner journey of a compiled bank over HTTP (JSON under /v1, OpenAPI at /openapi.json).",
        discussion: """
            Learner state (profiles, sessions, answers, certificates) goes to --database: an SQLite file (the
            default, created if needed). Replace the bank file by rename to publish a new release: new sessions
            use it, running sessions finish on theirs; a file that fails verification is refused. Admin
            endpoints (/v1/admin/…) need --admin-token (or ITEMBANK_ADMIN_TOKEN). docs/server.md.
            """)

    @Option(help: "The compiled bank file (itembank build).")
    var bank: String

    @Option(
        help:
            "The learner store: an SQLite file path (or sqlite:///path), or postgres://user:password@host:port/database."
    )
    var database = "itembank-server.sqlite"

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed on start).")
    var port = 8080

    @Option(
        name: .customLong("admin-token"), help: "Bearer token of the admin endpoints (default: ITEMBANK_ADMIN_TOKEN).")
    var adminToken: String?

    @Option(
        name: .customLong("organiser-token"),
        help:
            "An organiser's (teacher's) bearer token for the campaign endpoints, at least 16 characters; repeat for several (POST /v1/admin/organisers makes more)."
    )
    var organiserTokens: [String] = []

    @Option(help: "The bank's media folder (illustrations, attachments), served at /v1/media/… (default: none).")
    var media: String?

    @Option(name: .customLong("max-body"), help: "Largest request body accepted, in bytes (larger: 413).")
    var maxBody = 65_536

    @Option(
        name: .customLong("watch-interval"),
        help: "Seconds between checks of the bank file for a new release (0: no watching).")
    var watchInterval = 1.0

    @Option(
        name: .customLong("database-connections"),
        help:
            "PostgreSQL: connections this instance's pool opens at most (keep the sum over instances under max_connections)."
    )
    var databaseConnections = PostgresLearnerStore.defaultMaximumConnections

    @Option(
        name: .customLong("database-idle-timeout"),
        help:
            "PostgreSQL: seconds a pool connection may stay idle before it is closed (bounds the pool's timer memory to the query rate × this; 0.1 to 3600)."
    )
    var databaseIdleTimeout = PostgresLearnerStore.defaultIdleTimeout

    @Option(
        name: .customLong("session-cache"),
        help:
            "Sessions held decoded in memory for their next answer (about 2 KB each; 0: read every answer's session from the store)."
    )
    var sessionCache = 10_000

    @Option(
        name: .customLong("sqlite-synchronous"),
        help:
            "SQLite: normal (a commit survives a crash of the process) or full (also a power loss; one disk sync per answer)."
    )
    var sqliteSynchronous = SQLiteLearnerStore.Synchronous.normal

    @Option(
        name: .customLong("database-timeout"),
        help: "Seconds the learner store may take to open and migrate at start-up before the server gives up (exit 2)."
    )
    var databaseTimeout = 5.0

    @Option(
        name: .customLong("idle-timeout"),
        help:
            "Seconds a connection may stay silent (idle between requests, or stalled inside a request's headers) before the server closes it (0: never)."
    )
    var idleTimeout = 60.0

    @Flag(name: .customLong("print-routes"), help: "Print the routes (METHOD path) and exit.")
    var printRoutes = false

    /// Parses the command line and runs. swift-argument-parser's usage errors (an unknown or missing
    /// option, a value that does not parse or is not in an enumeration's closed set, a `validate()`
    /// failure), whose own status would be 64 (`EX_USAGE`), exit 2 with the parser's message and usage
    /// line (control characters escaped), as every usage error of the itembank CLI (README, "Exit
    /// status"); `--help` exits 0; start-up failures exit with the status they throw (2 or 3).
    static func main() async {
        do {
            let command = try parse()
            try await command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let message = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
                .map { PrintableText.escaped(String($0)) }.joined(separator: "\n")
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard organiserTokens.allSatisfy({ $0.count >= 16 && !$0.contains(where: \.isWhitespace) }) else {
            throw ValidationError("--organiser-token must be at least 16 characters, without spaces")
        }
        guard maxBody > 0 else { throw ValidationError("--max-body must be positive") }
        guard watchInterval >= 0, watchInterval.isFinite else { throw ValidationError("--watch-interval must be ≥ 0") }
        guard idleTimeout >= 0, idleTimeout.isFinite, idleTimeout <= 86_400 else {
            throw ValidationError("--idle-timeout must be a number of seconds from 0 to 86400")
        }
        guard databaseTimeout > 0, databaseTimeout.isFinite else {
            throw ValidationError("--database-timeout must be a positive number of seconds")
        }
        guard databaseConnections > 0 else { throw ValidationError("--database-connections must be positive") }
        guard databaseIdleTimeout.isFinite, (0.1...3600).contains(databaseIdleTimeout) else {
            throw ValidationError("--database-idle-timeout must be a number of seconds from 0.1 to 3600")
        }
        guard sessionCache >= 0 else { throw ValidationError("--session-cache must be 0 or more") }
    }

    func run() async throws {
        if printRoutes {
            for route in APIRoutes.table { print("\(route.method) \(route.path)") }
            return
        }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "itembank-server")
        logger.logLevel = .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let releases: BankReleases
        do {
            releases = try BankReleases(path: bank)
        } catch {
            // The CLI's policy (README, "Exit status"): 3 for a file that is not a valid bank, 2 for I/O.
            throw fail("cannot start: \(error.detail)", status: error.code == "bank-refused" ? 3 : 2)
        }
        var mediaFolder: MediaFolder?
        if let media {
            do {
                mediaFolder = try MediaFolder(path: media)
            } catch {
                throw fail("--media: \(error.detail)")
            }
        }
        let store: any CampaignStore
        let isPostgres = database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
        let path = database.hasPrefix("sqlite://") ? String(database.dropFirst("sqlite://".count)) : database
        let shown = isPostgres ? Self.withoutPassword(database) : path
        do {
            if isPostgres {
                store = try PostgresLearnerStore(
                    url: database, maximumConnections: databaseConnections, idleTimeout: databaseIdleTimeout,
                    logger: logger)
            } else {
                store = try await SQLiteLearnerStore(path: path, synchronous: sqliteSynchronous)
            }
        } catch let error as ServiceError {
            throw fail("--database \(shown): \(error.detail)")
        } catch {
            throw fail("--database \(shown): cannot open the learner store: \(String(reflecting: error))")
        }
        // From here on every failure closes the store before exiting.
        do {
            let version = try await StartUp.withTimeout(seconds: databaseTimeout) { try await store.migrate() }
            logger.info("learner store ready", metadata: ["database": "\(shown)", "schema": "\(version)"])
        } catch {
            try? await store.close()
            switch error {
            case let error as StartUp.TimedOut:
                let place = isPostgres ? "the PostgreSQL server at \(Self.hostAndPort(database))" : "the SQLite file"
                throw fail(
                    "--database \(shown): \(place) did not answer within \(error.seconds.formatted()) s "
                        + "(is it running and reachable? --database-timeout sets the bound)")
            case let error as ServiceError:
                throw fail("--database \(shown): \(error.detail)")
            default:
                throw fail("--database \(shown): cannot open the learner store: \(String(reflecting: error))")
            }
        }
        let service = JourneyService(releases: releases, store: store, sessionCache: sessionCache)
        let campaigns = CampaignService(journey: service, store: store)
        do {
            // The tokens given now are the command line's organisers; one given before but not now is revoked.
            let revoked = try await campaigns.syncCommandLineOrganisers(tokens: organiserTokens)
            if !revoked.isEmpty {
                logger.info(
                    "organisers revoked: their --organiser-token is no longer given",
                    metadata: ["organisers": "\(revoked.joined(separator: ", "))"])
            }
        } catch {
            try? await store.close()
            throw fail("--organiser-token: \(error.detail)")
        }
        let token = adminToken ?? ProcessInfo.processInfo.environment["ITEMBANK_ADMIN_TOKEN"]
        let router = APIRoutes.router(
            service: service, campaigns: campaigns, media: mediaFolder, adminToken: token, registry: registry,
            maxBody: maxBody,
            logger: logger)
        let host = host
        let app = Application(
            responder: HeadResponder(base: router.buildResponder()),
            // Without an idle timeout a client that opens connections and sends nothing, or half a
            // request's headers, holds them (and the server's file descriptors) for ever.
            // RefusedRequestHandler: problem+json for the parser's refusals, then a lingering close.
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [RefusedRequestHandler()],
                    idleTimeout: idleTimeout > 0 ? .milliseconds(Int64((idleTimeout * 1000).rounded())) : nil)),
            configuration: .init(address: .hostname(host, port: port), serverName: "itembank-server"),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? 0
                let line =
                    "itembank-server listening on http://\(host):\(actual) (bank \(releases.current.digest.prefix(16))…)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger)
        let interval = watchInterval
        let watcher = Task {
            guard interval > 0 else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                do {
                    if case .loaded(let digest)? = try releases.reloadIfChanged() {
                        logger.info("new bank release", metadata: ["digest": "\(digest)"])
                    }
                } catch let error as ServiceError {
                    logger.error("bank release refused", metadata: ["error": "\(error.detail)"])
                } catch {
                    logger.error("bank release check failed", metadata: ["error": "\(error)"])
                }
            }
        }
        defer { watcher.cancel() }
        do {
            try await app.runService()
        } catch {
            try? await store.close()
            throw fail("\(host):\(port): \(StartUp.listenFailure(error))")
        }
        try? await store.close()
    }

    /// A database URL without its password, for logs and messages.
    static func withoutPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    /// `host:port` of a database URL (the default port when none is given), never its credentials.
    static func hostAndPort(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "?" }
        return "\(host):\(components.port ?? 5432)"
    }

    func fail(_ message: String, status: Int32 = 2) -> ExitCode {
        FileHandle.standardError.write(Data("itembank-server: error: \(message)\n".utf8))
        return ExitCode(status)
    }
}

extension SQLiteLearnerStore.Synchronous: ExpressibleByArgument {}
