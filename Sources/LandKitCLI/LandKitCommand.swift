import Foundation
import ArgumentParser
import LandKit

/// The `landkit` command: land acquisition and demolition tracking.
public struct LandKitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "landkit",
        abstract: "Track land acquisition (征地) and demolition (拆迁) for public-works projects.",
        discussion: Help.text(
            """
            A LandKit database is one GeoPackage file that QGIS and GDAL open directly: --db PATH (before or after the
            command), else $LANDKIT_DB, else ./landkit.gpkg.

            Example:
              landkit init --crs EPSG:4544
              landkit import parcels parcels.geojson
              landkit --db other.gpkg overlaps --project x-ave-ext
            """),
        version: LandKitInfo.version,
        subcommands: [
            InitCommand.self, InfoCommand.self, ImportCommand.self, ValidateCommand.self, ExportCommand.self, ProjectCommand.self,
            ZoneCommand.self, OverlapsCommand.self, StatusCommand.self, HistoryCommand.self, ReportCommand.self, MapCommand.self,
            QGISCommand.self, TeamCommand.self, SectionCommand.self, AssignCommand.self, ItemsCommand.self, RatesCommand.self,
            InventoryCommand.self, CompensationCommand.self, AgreementCommand.self, PaymentCommand.self, AttachCommand.self,
            AttachmentsCommand.self, StatementCommand.self, UserCommand.self, ServeCommand.self, DemoCommand.self,
        ]
    )

    public init() {}
}

extension LandKitCommand {
    /// Runs the command line with cli.md's exit statuses: 0 success, 1 bad input or failed check,
    /// 2 usage error (ArgumentParser reports those as 64 by default).
    public static func mainWithExitCodes(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(movingGlobalOptions(arguments ?? Array(CommandLine.arguments.dropFirst())))
            try command.run()
            Foundation.exit(0)
        } catch {
            let error = ErrorHints.withHint(error)
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

extension LandKitCommand {
    /// Options cli.md lists before the subcommand (`landkit [--db PATH] COMMAND …`); every leaf command declares them.
    static let globalOptions = ["--db"]

    /// The arguments with the global options given before the subcommand path moved to just after it, so that
    /// `landkit --db x.gpkg init` parses as `landkit init --db x.gpkg`.
    ///
    /// Only `--db VALUE` and `--db=VALUE` in front of (or between the words of) the subcommand path move; they are
    /// re-inserted right after the path, before the command's own arguments and any `--` terminator, so values
    /// after `--` are never touched. When the path does not reach a command that runs (`landkit --db x.gpkg --help`,
    /// `landkit --db x.gpkg project`) the global options are dropped, which leaves help, version and the group's
    /// usage message working.
    /// - Parameter arguments: The command line without the executable's name.
    /// - Returns: The arguments ArgumentParser should parse.
    public static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var global: [String] = []
        var path: [String] = []
        var command: any ParsableCommand.Type = LandKitCommand.self
        var index = arguments.startIndex
        scan: while index < arguments.endIndex {
            let argument = arguments[index]
            for name in globalOptions {
                if argument == name, index + 1 < arguments.endIndex {
                    global += [argument, arguments[index + 1]]
                    index += 2
                    continue scan
                }
                if argument.hasPrefix(name + "=") {
                    global.append(argument)
                    index += 1
                    continue scan
                }
            }
            let subcommands = command.configuration.subcommands
            guard
                let next = subcommands.first(where: { $0._commandName == argument || $0.configuration.aliases.contains(argument) })
            else { break }
            path.append(argument)
            command = next
            index += 1
        }
        guard !global.isEmpty else { return arguments }
        let isLeaf = command.configuration.subcommands.isEmpty && !path.isEmpty
        return path + (isLeaf ? global : []) + arguments[index...]
    }
}
