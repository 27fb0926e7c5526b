import Foundation
import Logging

/// The CLI's logging: warnings only by default; `--verbose` shows each phase's timings and counts
/// on stderr. The libraries log through the `Logger` the CLI hands them.
enum CLILogging {
    private static let bootstrap: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .trace
            return handler
        }
    }()

    static func logger(verbose: Bool) -> Logger {
        _ = bootstrap
        var logger = Logger(label: "landkit")
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}
