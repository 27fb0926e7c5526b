import ArgumentParser
import LandKit

extension ProjectCommand {
    /// `project edit ID --rates NAME`: each option changes one thing of the project; more (--name, --kind,
    /// --due) can be added beside `--rates`, each applied only when given.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a project: the rate table it uses.",
            discussion: Help.text(
                """
                Example:
                  landkit project edit x-ave-ext --rates 2021标准
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var id: String
        @Option(help: ArgumentHelp("The rate table the project's compensation is estimated by.", valueName: "NAME")) var rates: String?

        func validate() throws {
            guard rates != nil else { throw ValidationError("nothing to change: give --rates NAME") }
        }

        func run() throws {
            let store = try database.open()
            if let rates {
                try CompensationUseCases.setProjectRates(projectID: id, name: rates, store: store)
                Output.out("project \(id) uses rate table \(rates)")
            }
        }
    }
}
