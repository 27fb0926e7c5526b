#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A text encoding LandKit reads and writes. Chinese government files come as GBK; GB18030 is
/// its superset, so GBK files are decoded as GB18030.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    /// GBK / GB18030 (a GBK file is valid GB18030).
    case gb18030 = "GB18030"
}

/// Decodes file bytes to text and encodes text for files, with the C library's `iconv` for
/// GB18030 (Foundation's `String.Encoding` has no GBK on Linux).
public enum TextDecoding {
    /// Decodes `bytes`: valid UTF-8 (a BOM is dropped) is UTF-8, anything else is tried as
    /// GB18030, unless `encoding` says which it is. CRLF and lone CR become LF.
    ///
    /// A file that mixes the two (some lines UTF-8 with non-ASCII text, others not UTF-8, as when
    /// lines from two spreadsheets are pasted together) is refused: decoding it whole either way
    /// would store mojibake. Pass `encoding` to decode such a file as one encoding anyway.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - file: the file name for error messages.
    ///   - encoding: the encoding to use (`--encoding`); nil detects it.
    /// - Returns: the text (LF line ends) and the encoding found.
    /// - Throws: `FormatError` when the file is empty, contains NUL bytes or other binary
    ///   control bytes, mixes UTF-8 and GBK lines, or is not valid text in the encoding (given or
    ///   detected); the message names the byte offset (0-based, from the start of the file) and
    ///   the error the line.
    public static func decode(_ bytes: some Collection<UInt8>, file: String? = nil, encoding: TextEncoding? = nil) throws(FormatError)
        -> (text: String, encoding: TextEncoding)
    {
        var b = Array(bytes)
        let bom = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if bom > 0 { b.removeFirst(3) }
        if b.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw FormatError("the file is empty", file: file)
        }
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) {
            throw FormatError("the file is UTF-16: save it as UTF-8 or GBK", file: file)
        }
        if let i = b.firstIndex(where: isBinaryControl) {
            let line = b[..<i].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw FormatError(
                String(format: "binary byte 0x%02X at byte %d: this is not a text file", Int(b[i]), i + 1),
                file: file, line: line)
        }
        func lineOf(_ offset: Int) -> Int { b[..<min(offset, b.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }
        if encoding != .gb18030, let s = String(validating: b, as: UTF8.self) { return (normalizeLineEnds(s), .utf8) }
        if encoding == .utf8 {
            let bad = firstInvalidUTF8(b)
            throw FormatError(
                "invalid UTF-8 at byte offset \(bom + bad): the file is not UTF-8 (it may be GBK)", file: file, line: lineOf(bad),
                code: .encoding)
        }
        if encoding == nil, let mixed = mixedEncodingLine(b) {
            throw FormatError(
                "the file mixes UTF-8 and GBK text: line \(mixed.line) is \(mixed.isUTF8 ? "UTF-8" : "not UTF-8") (byte offset \(bom + mixed.offset)), unlike the lines before it; save the file in one encoding, or decode it as one stated encoding",
                file: file, line: mixed.line, code: .encoding)
        }
        var failedAt = 0
        guard let converted = convert(b, from: "GB18030", to: "UTF-8", failedAt: &failedAt),
            let s = String(validating: converted, as: UTF8.self)
        else {
            let what = encoding == nil ? "neither UTF-8 nor GBK/GB18030 text" : "not GBK/GB18030 text"
            throw FormatError("invalid bytes at byte offset \(bom + failedAt): the file is \(what)", file: file, line: lineOf(failedAt))
        }
        return (normalizeLineEnds(s), .gb18030)
    }

    /// The offset of the first byte of the first invalid UTF-8 sequence (`b.count` when valid).
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int {
        b.withUnsafeBufferPointer { JSONScanner.invalidUTF8($0) }
    }

    /// In a file that is not valid UTF-8 as a whole: the first line whose encoding differs from
    /// the first line with non-ASCII bytes, when some lines are UTF-8 with non-ASCII text and
    /// others are not UTF-8. nil when no line is UTF-8 with non-ASCII text (a GBK file).
    static func mixedEncodingLine(_ b: [UInt8]) -> (line: Int, offset: Int, isUTF8: Bool)? {
        var first: Bool?
        var sawUTF8 = false
        var start = 0
        var line = 1
        var found: (line: Int, offset: Int, isUTF8: Bool)?
        while start < b.count {
            let end = b[start...].firstIndex(of: 0x0A) ?? b.count
            if let nonASCII = b[start..<end].firstIndex(where: { $0 >= 0x80 }) {
                let isUTF8 = String(validating: b[start..<end], as: UTF8.self) != nil
                if isUTF8 { sawUTF8 = true }
                if let first {
                    if found == nil, isUTF8 != first {
                        let offset = isUTF8 ? nonASCII : start + firstInvalidUTF8(Array(b[start..<end]))
                        found = (line, offset, isUTF8)
                    }
                } else {
                    first = isUTF8
                }
            }
            start = end + 1
            line += 1
        }
        return sawUTF8 ? found : nil
    }

    /// Encodes `text` for a file.
    /// - Throws: `FormatError` when a character has no GB18030 form (cannot happen for valid
    ///   Unicode) or iconv is unavailable.
    public static func encode(_ text: String, as encoding: TextEncoding) throws(FormatError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        switch encoding {
        case .utf8: return utf8
        case .gb18030:
            guard let out = convert(utf8, from: "UTF-8", to: "GB18030") else {
                throw FormatError("the text cannot be encoded as GB18030")
            }
            return out
        }
    }

    /// CRLF and lone CR → LF.
    static func normalizeLineEnds(_ s: String) -> String {
        guard s.utf8.contains(0x0D) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var prevCR = false
        for c in s.utf8 {
            if c == 0x0D {
                out.append(0x0A)
                prevCR = true
            } else {
                if !(c == 0x0A && prevCR) { out.append(c) }
                prevCR = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// C0 controls other than TAB, LF, FF, CR, plus DEL: never in the text files LandKit reads.
    static func isBinaryControl(_ c: UInt8) -> Bool {
        (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0C && c != 0x0D && c != 0x1A) || c == 0x7F
    }

    /// Converts with iconv; nil on any invalid or incomplete input sequence.
    static func convert(_ input: [UInt8], from: String, to: String) -> [UInt8]? {
        var failedAt = 0
        return convert(input, from: from, to: to, failedAt: &failedAt)
    }

    /// Converts with iconv; nil on any invalid or incomplete input sequence, with `failedAt` the
    /// offset in `input` where conversion stopped.
    static func convert(_ input: [UInt8], from: String, to: String, failedAt: inout Int) -> [UInt8]? {
        let cd = iconv_open(to, from)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var ok = true
        var produced = 0
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else {
                    ok = false
                    return
                }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                // Output is at most 2× (GB18030 ≤ 4 bytes per ≥ 2-byte UTF-8 char; UTF-8 ≤ 3 bytes
                // per ≥ 2-byte GB char or 4 per 4-byte one), so one call suffices.
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 || inLeft != 0 {
                    failedAt = inBuf.count - inLeft
                    ok = false
                    return
                }
                if iconv(cd, nil, nil, &outPtr, &outLeft) == -1 { ok = false }
                produced = outBuf.count - outLeft
            }
        }
        guard ok else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}
