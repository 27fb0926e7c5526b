/// A whole file cannot be read or written: it is not the expected format, is truncated, is
/// binary, is empty, or its coordinates cannot be placed in any CRS. Problems confined to one
/// feature are reported as ``Diagnostic``s instead.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as the user named it.
    public var file: String?
    /// 1-based line number, when known.
    public var line: Int?
    /// The feature id or "#index" (1-based), when the problem is at one feature.
    public var feature: String?
    /// What is wrong and, where possible, what to do: lower case.
    public var message: String

    public init(_ message: String, file: String? = nil, line: Int? = nil, feature: String? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.feature = feature
    }

    /// "parcels.txt:118: feature DK07: ring 2 has 2 distinct points" style.
    public var description: String {
        Diagnostic(.error, message, file: file, line: line, feature: feature).description
    }

    /// `text` for quoting in a message: at most `limit` characters, so that a huge value in the
    /// input does not become a huge one-line message.
    public static func snippet(_ text: some StringProtocol, limit: Int = 60) -> String {
        guard text.utf8.count > limit else { return String(text) }
        return String(text.prefix(limit)) + "… (\(text.utf8.count) bytes)"
    }

    /// The same error with the file filled in when it was not known where it was raised.
    func inFile(_ name: String?) -> FormatError {
        var e = self
        if e.file == nil { e.file = name }
        return e
    }
}
