import Foundation

// landkit-geodata: writes the sample data of the fictional sub-district "X街道" (see geodata/README.md).

do {
    let options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
    let summary = try Generator(options: options).run()
    FileHandle.standardError.write(Data(summary.utf8))
} catch let error as UsageError {
    if let message = error.message {
        FileHandle.standardError.write(Data("landkit-geodata: \(message)\n\(Options.usage)\n".utf8))
        exit(2)
    }
    print(Options.usage)
} catch {
    FileHandle.standardError.write(Data("landkit-geodata: \(error)\n".utf8))
    exit(1)
}
