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
    /// What is wrong and, where possible, what to do in the file itself: lower case. Never names a
    /// command-line option: ``code`` says which option would help, and the front end adds it.
    public var message: String
    /// The kind of problem, for a front end's hint; nil when no option of the front end helps.
    public var code: Code?
    /// The CRS the coordinates most likely are in, when ``code`` is ``Code/crsNeeded`` and it is known.
    public var suggestedCRS: CRS?

    public init(
        _ message: String, file: String? = nil, line: Int? = nil, feature: String? = nil, code: Code? = nil, suggestedCRS: CRS? = nil
    ) {
        self.message = message
        self.file = file
        self.line = line
        self.feature = feature
        self.code = code
        self.suggestedCRS = suggestedCRS
    }

    /// "parcels.txt:118: feature DK07: ring 2 has 2 distinct points" style.
    public var description: String {
        diagnostic.description
    }

    /// The error as a diagnostic of its feature (or file), keeping its code.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, message, file: file, line: line, feature: feature, code: code, suggestedCRS: suggestedCRS)
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
