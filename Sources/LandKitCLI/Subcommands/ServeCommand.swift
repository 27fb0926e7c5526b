import ArgumentParser
import Foundation
import Hummingbird
import LandKit
import LandKitServer
import Logging
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API, the field teams' web app and the live dashboard over one database.",
        discussion: Help.text(
            """
            Listens on 127.0.0.1 unless told otherwise; for a LAN, put nginx with TLS in front (README). Accounts come from
            `landkit user add`. The API is described at /api/v1/openapi.json; the web app is at /app, the dashboard at /.
            SIGTERM or Ctrl-C stops it gracefully: requests in flight finish, and each write is one transaction. The CLI
            may write to the same database meanwhile.

            Example:
              landkit serve --db office.gpkg --port 8080
            """))

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port.") var port = 8080
    @Option(help: "Hours a login lasts.") var sessionHours: Double = AccountUseCases.defaultSessionLifetime / 3600
    @Flag(help: "No access log on stderr.") var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard sessionHours > 0, sessionHours <= 24 * 30 else { throw ValidationError("--session-hours must be above 0 and at most 720") }
    }

    func run() throws {
        let store = try database.open(concurrentReads: true)
        var logger = CLILogging.logger(verbose: database.verbose)
        logger.logLevel = quiet ? .warning : .info
        let accounts = try AccountUseCases.list(store: store).filter { !$0.account.disabled }.count
        if accounts == 0 {
            logger.warning("no accounts yet: add one with `landkit user add NAME --role admin --password-stdin`")
        }
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            logger.warning("serving plain HTTP on \(host): put a TLS proxy (nginx) in front for anything but a trusted LAN")
        }
        let config = ServerConfiguration(host: host, port: port, sessionLifetime: sessionHours * 3600)
        let app = buildApplication(store: store, configuration: config, logger: logger)
        FileHandle.standardError.write(
            Data("landkit serve: \(store.location) at http://\(host):\(port)/ (app /app, API /api/v1)\n".utf8))
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw CLIError("landkit serve stopped: \(error)") }
    }
}
