import Foundation

/// Streams the features of a GeoJSON FeatureCollection from a file in bounded memory.
///
/// The file is read in chunks (1 MiB by default) with `read(2)`; a hand-written byte-level
/// scanner walks the top-level object, and each element of `"features"` is decoded straight
/// from the bytes (no `JSONSerialization`, no intermediate tree for coordinates). Memory is one
/// chunk plus the largest single feature.
///
/// Coordinates are returned as in the file: (x, y) = (longitude, latitude) in degrees for RFC
/// 7946 files, or the CRS named by a legacy top-level `"crs"` member (``declaredCRS``). The
/// `"crs"` member may come before or after `"features"`: the initialiser reads the members up
/// to the first feature, and pre-scans the last 64 KiB of the file for a top-level `"crs"`
/// (accepted only when its object is followed by nothing but the end of the root object or
/// further root members, so a property named "crs" in the last feature is not mistaken for it).
/// ``declaredCRS`` is therefore known before the first ``next()``.
///
/// Whole-file problems (not JSON, truncated, binary, empty, not a FeatureCollection) throw
/// `FormatError` naming the line (and feature index); problems confined to one feature (a
/// non-numeric coordinate, a null geometry) become error ``diagnostics`` and the feature is
/// skipped. Not `Sendable`: it owns a file descriptor and a read position.
public final class GeoJSONFeatureReader {
    /// The file as the caller named it (used in messages).
    public let path: String
    /// The CRS of the legacy top-level `"crs"` member, or nil when the file has none (RFC 7946:
    /// WGS 84 lon/lat).
    public private(set) var declaredCRS: CRS?
    /// Per-feature problems found so far (features with an error are skipped).
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many elements of `"features"` have been read so far (returned or skipped).
    public private(set) var featuresRead = 0

    private let idField: String?
    private let fd: Int32
    private let chunkSize: Int
    private var buffer: [UInt8]
    private var start = 0  // first unconsumed byte
    private var end = 0  // bytes valid in buffer
    private var eof = false
    private var line = 1  // line at `start`
    private var bytesConsumedBefore = 0
    private var state = State.root
    private var rootType: String?

    private enum State {
        case root  // before the root '{'
        case members  // expecting a member name (or '}')
        case afterMember  // expecting ',' or '}'
        case features(first: Bool)  // inside the features array
        case done

        var isRoot: Bool {
            if case .root = self { return true }
            return false
        }
    }

    /// Opens the file and reads up to the first feature.
    /// - Parameters:
    ///   - path: the GeoJSON file.
    ///   - idField: a property whose value is the feature id; nil uses the feature's `"id"`.
    ///   - chunkSize: bytes per `read(2)`.
    /// - Throws: `FormatError` when the file cannot be opened, is empty, is not JSON, is not a
    ///   FeatureCollection, or has a `"crs"` member LandKit cannot parse.
    public init(path: String, idField: String? = nil, chunkSize: Int = 1 << 20) throws(FormatError) {
        self.path = path
        self.idField = idField
        self.chunkSize = max(chunkSize, 4096)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw FormatError("cannot open the file: \(String(cString: strerror(errno)))", file: path)
        }
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: self.chunkSize)
        do {
            try prescanTail()
            try advanceToFirstFeature()
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// The next feature, or nil at the end of the collection.
    /// - Throws: `FormatError` for syntax errors and truncation, naming the line and feature index.
    public func next() throws(FormatError) -> FeatureRecord? {
        while true {
            switch state {
            case .done: return nil
            case .features(let first):
                let index = featuresRead + 1
                var result: FeatureRecord??
                var featureLine = line
                try step(feature: index, depth: 2) { (s: inout JSONScanner) throws(JSONScanError) in
                    let c = try s.peek()
                    if c == 0x5D {
                        s.i += 1
                        result = .some(nil)
                        return
                    }
                    if !first {
                        guard c == 0x2C else { throw s.syntax("expected ',' or ']' after a feature") }
                        s.i += 1
                    }
                    try s.skipWhitespace()
                    featureLine = s.line
                    let save = (s.i, s.line, s.depth)
                    do throws(JSONScanError) {
                        result = .some(try s.feature(idField: self.idField))
                    } catch .semantic(let m, let l) {
                        // Skip the whole feature, then report.
                        s.i = save.0
                        s.line = save.1
                        s.depth = save.2
                        try s.skipValue()
                        self.diagnostics.append(Diagnostic(.error, m, file: self.path, line: l, feature: "#\(index)"))
                        result = .some(nil)
                        featureLine = -1
                    }
                }
                guard let r = result else { continue }
                if let f = r {
                    featuresRead += 1
                    state = .features(first: false)
                    return f
                }
                if featureLine == -1 {
                    featuresRead += 1
                    state = .features(first: false)
                    continue
                }
                state = .afterMember
                try advanceToFirstFeature()  // reads trailing members ("crs" after features)
                if case .done = state { return nil }
            default:
                try advanceToFirstFeature()
            }
        }
    }

    /// Reads every remaining feature.
    public func readAll() throws(FormatError) -> [FeatureRecord] {
        var out: [FeatureRecord] = []
        while let f = try next() { out.append(f) }
        return out
    }

    // MARK: - Top level

    /// Runs the root state machine until inside the features array or done.
    private func advanceToFirstFeature() throws(FormatError) {
        while true {
            switch state {
            case .features, .done: return
            case .root:
                try step(feature: nil) { (s: inout JSONScanner) throws(JSONScanError) in
                    let c = try s.peek()
                    guard c == 0x7B else {
                        if c == 0x5B {
                            throw .syntax("not GeoJSON: the file is a JSON array, expected a FeatureCollection object", line: s.line)
                        }
                        throw s.syntax("not GeoJSON: expected '{' at the start")
                    }
                    s.i += 1
                }
                state = .members
            case .members:
                var next = State.afterMember
                try step(feature: nil, depth: 1) { (s: inout JSONScanner) throws(JSONScanError) in
                    if try s.peek() == 0x7D {
                        s.i += 1
                        next = .done
                        return
                    }
                    let key = try s.string()
                    try s.expect(0x3A, "':'")
                    switch key {
                    case "features":
                        guard try s.peek() == 0x5B else { throw s.syntax("\"features\" must be an array") }
                        s.i += 1
                        next = .features(first: true)
                    case "type":
                        let l = s.line
                        guard case .string(let t) = try s.value() else { throw .syntax("\"type\" is not a string", line: l) }
                        self.rootType = t
                        if t != "FeatureCollection" {
                            throw .syntax("not a GeoJSON FeatureCollection: the root \"type\" is \"\(FormatError.snippet(t))\"", line: l)
                        }
                    case "crs":
                        let l = s.line
                        let v = try s.value()
                        do throws(FormatError) {
                            let crs = try Self.crs(from: v, line: l, file: self.path)
                            if self.declaredCRS == nil, self.sawFeatures {
                                throw FormatError(
                                    "the \"crs\" member comes after the features and too far from the end of the file to be found first",
                                    file: self.path, line: l, code: .crsNeeded, suggestedCRS: crs)
                            }
                            if let known = self.declaredCRS, known != crs {
                                throw FormatError(
                                    "the file has two different \"crs\" members (\(known) and \(crs))", file: self.path, line: l)
                            }
                            self.declaredCRS = crs
                        } catch {
                            // The scanner's error carries text only: keep the FormatError (its code) for the caller.
                            self.memberError = error
                            throw .semantic(error.message, line: l)
                        }
                    default: try s.skipValue()
                    }
                }
                state = next
                if case .done = state {
                    try finishRoot()
                    return
                }
            case .afterMember:
                var next = State.members
                try step(feature: nil) { (s: inout JSONScanner) throws(JSONScanError) in
                    let c = try s.peek()
                    s.i += 1
                    if c == 0x7D {
                        next = .done
                    } else if c != 0x2C {
                        s.i -= 1
                        throw s.syntax("expected ',' or '}' after a member of the root object")
                    }
                }
                state = next
                if case .done = state {
                    try finishRoot()
                    return
                }
            }
            if case .features = state { sawFeatures = true }
        }
    }

    private var sawFeatures = false
    /// A root member's problem (the "crs" member) with its code, while the scanner reports it as text.
    private var memberError: FormatError?

    /// After the root's closing brace: only whitespace may follow, and there must have been features.
    private func finishRoot() throws(FormatError) {
        try checkEndOfFile()
        if !sawFeatures {
            throw FormatError("not a GeoJSON FeatureCollection: no \"features\" array", file: path, line: line)
        }
    }

    /// Only whitespace may follow the root object.
    private func checkEndOfFile() throws(FormatError) {
        try step(feature: nil, allowEOF: true) { (s: inout JSONScanner) throws(JSONScanError) in
            do throws(JSONScanError) {
                _ = try s.peek()
            } catch .needMore {
                return
            }
            throw s.syntax("text after the end of the root object")
        }
    }

    // MARK: - Buffering

    /// Runs `body` on the unconsumed bytes; on `.needMore` reads more (growing the buffer for a
    /// large value) and runs it again from the same place. On success consumes what it read.
    ///
    /// `depth` is how many arrays and objects are open where the unconsumed bytes start.
    private func step(
        feature: Int?, depth: Int = 0, allowEOF: Bool = false, _ body: (inout JSONScanner) throws(JSONScanError) -> Void
    ) throws(FormatError) {
        while true {
            var consumed = 0
            var newLine = line
            var outcome: JSONScanError?
            var stopLine = line
            buffer.withUnsafeBufferPointer { all in
                let window = UnsafeBufferPointer(rebasing: all[start..<end])
                var s = JSONScanner(window, at: 0, line: line, depth: depth)
                do throws(JSONScanError) {
                    try body(&s)
                    consumed = s.i
                    newLine = s.line
                } catch {
                    outcome = error
                    stopLine = s.line
                }
            }
            switch outcome {
            case nil:
                start += consumed
                line = newLine
                return
            case .needMore?:
                if eof {
                    if allowEOF { return }
                    if start == end, featuresRead == 0, !sawFeatures, state.isRoot {
                        throw FormatError("the file is empty", file: path)
                    }
                    let what = feature.map { "inside feature #\($0)" } ?? "before the root object is closed"
                    throw FormatError(
                        "truncated JSON: the file ends \(what)", file: path, line: stopLine, feature: feature.map { "#\($0)" })
                }
                try fill()
            case .syntax(let m, let l)?:
                throw FormatError(m, file: path, line: l, feature: feature.map { "#\($0)" })
            case .semantic(let m, let l)?:
                if var e = memberError {
                    memberError = nil
                    e.line = l
                    e.feature = feature.map { "#\($0)" }
                    throw e
                }
                throw FormatError(m, file: path, line: l, feature: feature.map { "#\($0)" })
            case .encoding(let index, let l)?:
                let offset = bytesConsumedBefore + start + index
                throw FormatError(
                    "invalid UTF-8 at byte offset \(offset): GeoJSON must be UTF-8 (RFC 8259); convert the file, e.g. iconv -f GBK -t UTF-8",
                    file: path, line: l, feature: feature.map { "#\($0)" })
            }
        }
    }

    /// Moves unconsumed bytes to the front and reads another chunk; grows the buffer when one
    /// value is larger than it.
    private func fill() throws(FormatError) {
        if start > 0 {
            let n = end - start
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                memmove(base, base + start, n)
            }
            bytesConsumedBefore += start
            start = 0
            end = n
        }
        if buffer.count - end < chunkSize / 2 { buffer.append(contentsOf: repeatElement(0, count: max(chunkSize, buffer.count))) }
        let want = buffer.count - end
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return read(fd, base + end, want)
        }
        if got < 0 { throw FormatError("cannot read the file: \(String(cString: strerror(errno)))", file: path) }
        if got == 0 {
            eof = true
            return
        }
        // Binary garbage: NUL and other control bytes never occur in JSON text.
        if let bad = buffer[end..<(end + got)].firstIndex(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
            let lineOfBad = line + buffer[start..<bad].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            throw FormatError(
                String(format: "binary byte 0x%02X: this is not a GeoJSON text file", Int(buffer[bad])), file: path, line: lineOfBad)
        }
        if bytesConsumedBefore == 0, start == 0, end == 0, buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = 3  // UTF-8 BOM
        }
        end += got
    }

    // MARK: - CRS

    /// Reads the last 64 KiB for a root-level "crs" member that follows "features".
    private func prescanTail() throws(FormatError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return }
        let size = Int(st.st_size)
        let tailSize = min(size, 64 * 1024)
        guard tailSize > 0 else { return }
        var tail = [UInt8](repeating: 0, count: tailSize)
        let got = tail.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return pread(fd, base, tailSize, off_t(size - tailSize))
        }
        guard got == tailSize else { return }
        let key = Array("\"crs\"".utf8)
        var searchEnd = tail.count
        while let k = Self.lastIndex(of: key, in: tail, before: searchEnd) {
            searchEnd = k
            // The value's object must close and then only root-level text may follow.
            var j = k + key.count
            while j < tail.count, tail[j] == 0x20 || tail[j] == 0x0A || tail[j] == 0x0D || tail[j] == 0x09 { j += 1 }
            guard j < tail.count, tail[j] == 0x3A else { continue }
            j += 1
            var parsed: (JSONValue, Int)?
            tail.withUnsafeBufferPointer { all in
                var s = JSONScanner(UnsafeBufferPointer(rebasing: all[j...]), at: 0, line: 1, depth: 1)
                if let v = try? s.value() { parsed = (v, j + s.i) }
            }
            guard let (value, after) = parsed, Self.closesOnlyRoot(tail[after...]) else { continue }
            let lineGuess: Int? = nil
            declaredCRS = try Self.crs(from: value, line: lineGuess, file: path)
            return
        }
    }

    static func lastIndex(of needle: [UInt8], in hay: [UInt8], before limit: Int) -> Int? {
        var k = limit - needle.count
        while k >= 0 {
            if hay[k] == needle[0], Array(hay[k..<(k + needle.count)]) == needle { return k }
            k -= 1
        }
        return nil
    }

    /// True when `rest` (what follows a member's value) ends exactly one level up: the root's
    /// closing brace, possibly after further members (`,"bbox":[…]`). A value inside a feature
    /// is followed by at least `}]}` (three levels).
    static func closesOnlyRoot(_ rest: ArraySlice<UInt8>) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        var closedRootAt: Int?
        for (n, c) in rest.enumerated() {
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                continue
            }
            switch c {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth < 0 {
                    if closedRootAt != nil { return false }
                    closedRootAt = n
                    if c != 0x7D { return false }
                }
            default:
                if closedRootAt != nil, c != 0x20, c != 0x0A, c != 0x0D, c != 0x09 { return false }
            }
            if depth < -1 { return false }
        }
        return closedRootAt != nil && depth == -1
    }

    /// The CRS of a legacy crs member: `{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4544"}}`
    /// or the 2008 form `{"type":"EPSG","properties":{"code":4544}}`.
    static func crs(from v: JSONValue, line: Int?, file: String) throws(FormatError) -> CRS {
        if case .null = v { return .wgs84 }
        if case .string(let name)? = v["properties"]?["name"] {
            do {
                return try CRS(parsing: name)
            } catch {
                throw FormatError("unknown \"crs\" name \"\(FormatError.snippet(name))\"", file: file, line: line, code: .crsNeeded)
            }
        }
        if case .number(let code)? = v["properties"]?["code"], code == code.rounded(), code > 0, code < 1e6 {
            return CRS(epsg: Int(code))
        }
        throw FormatError(
            "the \"crs\" member is not of the form {\"type\":\"name\",\"properties\":{\"name\":\"EPSG:…\"}}", file: file,
            line: line, code: .crsNeeded)
    }
}

@available(*, unavailable, message: "owns a file descriptor and a read position")
extension GeoJSONFeatureReader: Sendable {}
