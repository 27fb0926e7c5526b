import Foundation
import LandKit

/// Writes to standard output / standard error without buffering surprises.
enum Output {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// JSON text with sorted keys, pretty printed, slashes unescaped.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// CSV text as written out: with the UTF-8 byte-order mark unless `--no-bom` (Excel on Windows
    /// then shows the Chinese text correctly).
    static func csv(_ text: String, bom: Bool) -> String {
        bom ? String(decoding: OutputSafety.utf8BOM, as: UTF8.self) + text : text
    }
}
