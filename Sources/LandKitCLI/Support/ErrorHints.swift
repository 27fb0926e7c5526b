import Foundation
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
        case let e as FormatError:
            return CLIError(describe(e.diagnostic))
        case let e as ImportError:
            return CLIError(
                e.render(describe: describe, more: "--all-problems lists them all, --report FILE writes them to a file"))
        case let e as StoreError:
            guard let hint = hint(e.code) else { return error }
            return CLIError("\(e.message): \(hint)\(e.cause.map { " (\($0))" } ?? "")")
        default:
            // An SQLite error that escaped the store's mapping still becomes one line with what to do.
            let path = ProcessInfo.processInfo.environment["LANDKIT_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "the database"
            return GeoPackageStore.storeError(for: error, path: path).map(withHint) ?? error
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

    /// A reader's problem with the option that helps appended: "… (pass --crs EPSG:4523)".
    static func describe(_ d: Diagnostic) -> String {
        guard let code = d.code, let hint = hint(code, suggested: d.suggestedCRS) else { return d.description }
        return "\(d.description) (\(hint))"
    }

    static func hint(_ code: FormatError.Code, suggested: CRS?) -> String? {
        switch code {
        case .crsNeeded: suggested.map { "pass --crs \($0)" } ?? "pass --crs"
        case .unknownFormat: "or pass --format"
        case .encoding: "pass --encoding utf8 or gbk"
        case .missingID: "name the id property with --id-field"
        case .datumNeedsLonLat: "--from gcj02 and bd09 are for lon/lat captured with map apps"
        case .layerNeeded: "choose one with --layer NAME"
        case .projectNeeded: "pass --project ID"
        case .fixedCRS: "leave out --crs"
        case .idFromOtherFile: "pass --replace to let this file replace it"
        case .pointListNeedsPoints: "--points-to-polygon needs a layer of points"
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
