import ArgumentParser
import Foundation
import LandKit
import LandKitServer

extension Role: ExpressibleByArgument {}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of `landkit serve`: who may log in, with which role.",
        discussion: Help.text(
            """
            Roles: admin (accounts, and everything else), planner (imports, projects, progress on every item), team (reads
            and records progress on its team's items only), leader and viewer (read everything, write nothing).
            Passwords are hashed with bcrypt; the database never holds one in clear.
            """),
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from stdin (one line).",
            discussion: "Example:\n  printf '%s\\n' \"$PASSWORD\" | landkit user add zhangsan --role team --team 拆迁一组 --password-stdin")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Login name.") var name: String
        @Option(help: "admin, planner, team, leader or viewer.") var role: Role
        @Option(help: "The team of a team account (id or name).") var team: String?
        @Flag(help: "Read the password from stdin (required: a password is never a command-line argument).") var passwordStdin = false

        func run() throws {
            guard passwordStdin else {
                throw ValidationError("pass --password-stdin and the password on stdin (a password on the command line would show in ps)")
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("no password on stdin: pipe one line to landkit user add … --password-stdin")
            }
            let a = try AccountUseCases.add(
                store: try database.open(), name: name, role: role, team: team, password: line, hasher: BcryptHasher(), by: nil)
            Output.out("added \(a.role.rawValue) account \(a.name)\(a.teamID.map { " of team \($0)" } ?? "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.", discussion: "Example:\n  landkit user list")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Output format: text or json.") var format: ListFormat = .text

        struct Row: Encodable {
            var name: String
            var role: String
            var team: String?
            var disabled: Bool
            var created_at: String
        }

        func run() throws {
            let rows = try AccountUseCases.list(store: try database.openForReading()).map {
                Row(
                    name: $0.account.name, role: $0.account.role.rawValue, team: $0.account.teamID, disabled: $0.account.disabled,
                    created_at: Timestamps.utc($0.createdAt))
            }
            switch format {
            case .json: Output.out(try Output.json(rows))
            case .text:
                Output.out(
                    TextTable.render(
                        [["name", "role", "team", "state", "created"]]
                            + rows.map { [$0.name, $0.role, $0.team ?? "", $0.disabled ? "disabled" : "active", $0.created_at] }))
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it cannot log in, its sessions end; its events keep its name.",
            discussion: "Example:\n  landkit user disable zhangsan")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Login name.") var name: String

        func run() throws {
            try AccountUseCases.disable(store: try database.open(), name: name)
            Output.out("disabled account \(name)")
        }
    }
}
