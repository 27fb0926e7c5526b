/// Command-line options of `landkit-geodata`, parsed by hand (the target depends on LandKit only).
struct Options: Sendable {
    /// Output directory; created when missing.
    var outputDirectory = "geodata"
    var seed: UInt64 = 20_211_231
    /// Number of parcels to generate (the committed sample has 15 000).
    var parcels = 15_000

    static let usage = """
        usage: landkit-geodata [--out DIR] [--seed N] [--parcels N]

          --out DIR      where to write the data (default: geodata)
          --seed N       seed of the generator (default: 20211231)
          --parcels N    number of parcels, 100 … 20000000 (default: 15000, the committed sample);
                         large counts widen the study area and stream parcels to disk

        example: landkit-geodata --parcels 1000000 --out /tmp/geodata-1m
        """

    /// Parses `arguments` (without the program name).
    /// - Throws: `UsageError` naming the bad argument.
    init(arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        func value(_ flag: String) throws(UsageError) -> String {
            guard let v = rest.popFirst(), !v.hasPrefix("--") else { throw UsageError("\(flag) needs a value") }
            return v
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--out", "-o":
                outputDirectory = try value(arg)
            case "--seed":
                let text = try value(arg)
                guard let s = UInt64(text) else { throw UsageError("--seed must be a non-negative integer, got \"\(text)\"") }
                seed = s
            case "--parcels", "-n":
                let text = try value(arg)
                guard let n = Int(text), (100...20_000_000).contains(n) else {
                    throw UsageError("--parcels must be an integer from 100 to 20000000, got \"\(text)\"")
                }
                parcels = n
            case "--help", "-h":
                throw UsageError(nil)
            default:
                throw UsageError("unknown argument \"\(arg)\"")
            }
        }
    }

    init() {}
}

/// A command-line usage problem; a nil message asks for the help text only.
struct UsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
}

/// A problem while generating or writing the data.
struct GeneratorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
