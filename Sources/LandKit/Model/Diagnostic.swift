/// A problem found in user input, located precisely enough that a person can fix the source.
///
/// Readers collect diagnostics instead of stopping at the first problem; an `.error` makes the
/// feature (or the whole file, when it has no feature) unusable, a `.warning` is reported and the
/// input is still used.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case warning
        case error
    }

    public var severity: Severity
    /// The file the problem is in, as the user named it.
    public var file: String?
    /// 1-based line number, when the input has lines.
    public var line: Int?
    /// The feature / parcel id, when known.
    public var feature: String?
    /// What is wrong, lower case, actionable ("ring 2 has 2 distinct points").
    public var message: String
    /// The kind of problem, for a front end's hint ("pass --crs …"); messages never name options.
    public var code: FormatError.Code?
    /// The CRS the coordinates most likely are in, for a ``FormatError/Code/crsNeeded`` problem.
    public var suggestedCRS: CRS?

    public init(
        _ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil, feature: String? = nil,
        code: FormatError.Code? = nil, suggestedCRS: CRS? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.feature = feature
        self.code = code
        self.suggestedCRS = suggestedCRS
    }

    /// "parcels.txt:118: parcel DK07: ring 2 has 2 distinct points" style.
    public var description: String {
        var s = ""
        if let file { s += file }
        if let line { s += (s.isEmpty ? "line " : ":") + "\(line)" }
        if !s.isEmpty { s += ": " }
        if severity == .warning { s += "warning: " }
        if let feature { s += "feature \(feature): " }
        return s + message
    }
}
