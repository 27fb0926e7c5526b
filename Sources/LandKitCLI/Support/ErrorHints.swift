import LandKit
import LandKitStore

/// The library's errors name what is wrong; the CLI adds what to type. Codes, not messages, decide.
enum ErrorHints {
    /// `error` with the command-line hint for its code appended, or `error` itself.
    static func withHint(_ error: any Error) -> any Error {
        switch error {
        case let e as WorkflowError:
            guard let hint = hint(e.code) else { return error }
            return CLIError("\(e.message) (\(hint))")
        case let e as StoreError:
            guard let hint = hint(e.code) else { return error }
            return CLIError("\(e.message): \(hint)\(e.cause.map { " (\($0))" } ?? "")")
        default:
            return error
        }
    }

    static func hint(_ code: WorkflowError.Code) -> String? {
        switch code {
        case .unknownProject: "see `landkit project list`"
        case .notInProject: "run `landkit overlaps` after changing zones"
        case .correctionNotForced: "use --force with a --note"
        case .noteRequired: "add --note TEXT"
        case .invalidTime: "--at takes 2021-03-15T10:00:00+08:00 or 2021-03-15"
        case .inconsistent: "run `landkit info --verify`"
        default: nil
        }
    }

    static func hint(_ code: StoreError.Code) -> String? {
        switch code {
        case .databaseExists: "use --force to replace it, or choose another --db path"
        case .noDatabase: "create one with `landkit init`, or pass --db PATH / set LANDKIT_DB"
        case .notLandKit: "create a database with `landkit init` and bring the file's layers in with `landkit import`"
        case .unknownProject: "add it first with `landkit project add`"
        case .busy: "another landkit command is writing; try again when it is done"
        case .readOnly: "check the file's permissions"
        default: nil
        }
    }
}
