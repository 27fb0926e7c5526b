import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON value for the small parts of a GeoJSON file that are not coordinates (crs members,
/// property values).
enum JSONValue: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }
}

/// Why the scanner stopped.
enum JSONScanError: Error {
    /// The buffer ended inside a value: read more bytes and retry (or the file is truncated).
    case needMore
    /// The bytes are not JSON; `line` is where the scanner stopped.
    case syntax(String, line: Int)
    /// The JSON is fine but not the GeoJSON expected (one feature's problem).
    case semantic(String, line: Int)
    /// A string holds bytes that are not UTF-8; `index` is the first bad byte in the window.
    case encoding(index: Int, line: Int)
}

/// A hand-written byte-level JSON scanner over one window of the file. It counts newlines in
/// whitespace (JSON strings cannot hold raw newlines) so every position has a line number.
///
/// Nesting is limited to ``maxDepth`` arrays and objects (counted from the root, `depth` being the
/// levels already open where the window starts) so that no input can overflow the stack.
struct JSONScanner {
    /// The deepest nesting of arrays and objects accepted (RFC 8259 §9 allows a limit).
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    var i: Int
    var line: Int
    /// Arrays and objects open at `i`.
    var depth: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, line: Int, depth: Int = 0) {
        self.bytes = bytes
        self.i = i
        self.line = line
        self.depth = depth
    }

    /// Opens one array or object level; too deep is a syntax error for the whole file (it cannot
    /// be skipped without the recursion the limit prevents).
    @inline(__always) mutating func enter() throws(JSONScanError) {
        depth += 1
        if depth > Self.maxDepth {
            throw .syntax("the JSON is nested \(depth) levels deep (limit \(Self.maxDepth))", line: line)
        }
    }

    @inline(__always) mutating func skipWhitespace() throws(JSONScanError) {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0D {
                i += 1
            } else if c == 0x0A {
                line += 1
                i += 1
            } else {
                return
            }
        }
        throw .needMore
    }

    /// The next non-blank byte, not consumed.
    @inline(__always) mutating func peek() throws(JSONScanError) -> UInt8 {
        try skipWhitespace()
        return bytes[i]
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(JSONScanError) {
        guard try peek() == c else { throw syntax("expected \(what)") }
        i += 1
    }

    func syntax(_ m: String) -> JSONScanError {
        let found: String
        if i < bytes.count {
            let c = bytes[i]
            found = c >= 0x20 && c < 0x7F ? "'\(Character(UnicodeScalar(c)))'" : String(format: "byte 0x%02X", Int(c))
        } else {
            found = "the end"
        }
        return .syntax("invalid JSON: \(m), found \(found)", line: line)
    }

    /// Reads a string; the scanner is at its opening quote (after whitespace).
    mutating func string() throws(JSONScanError) -> String {
        guard try peek() == 0x22 else { throw syntax("expected a string") }
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
                guard let s = String(validating: raw, as: UTF8.self) else {
                    throw .encoding(index: start + Self.invalidUTF8(raw), line: line)
                }
                i += 1
                return s
            }
            if c == 0x5C { break }
            if c < 0x20 { throw syntax("control character in a string") }
            i += 1
        }
        if i >= bytes.count { throw .needMore }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                guard let s = String(validating: out, as: UTF8.self) else {
                    // Escapes only produce valid UTF-8: the bad byte is in the raw text.
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    throw .encoding(index: start + Self.invalidUTF8(raw), line: line)
                }
                i += 1
                return s
            }
            if c < 0x20 { throw syntax("control character in a string") }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { throw .needMore }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard i + 1 < bytes.count else { throw .needMore }
                    if bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00, low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                }
                out.append(contentsOf: String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                i -= 1
                throw syntax("invalid escape in a string")
            }
        }
        throw .needMore
    }

    /// The index of the first byte of the first invalid UTF-8 sequence in `raw` (raw.count when
    /// there is none).
    static func invalidUTF8(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        var k = 0
        while k < raw.count {
            let c = raw[k]
            if c < 0x80 {
                k += 1
                continue
            }
            let n: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: n = 1
            case 0xE0:
                n = 2
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: n = 2
            case 0xED:
                n = 2
                high = 0x9F
            case 0xF0:
                n = 3
                low = 0x90
            case 0xF1...0xF3: n = 3
            case 0xF4:
                n = 3
                high = 0x8F
            default: return k
            }
            guard k + n < raw.count, raw[k + 1] >= low, raw[k + 1] <= high else { return k }
            var j = 2
            while j <= n {
                guard raw[k + j] & 0xC0 == 0x80 else { return k }
                j += 1
            }
            k += n + 1
        }
        return raw.count
    }

    mutating func hex4() throws(JSONScanError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw .needMore }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw syntax("invalid \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    static let powersOf10: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// Reads a number: Clinger's fast path when the digits fit a double exactly, else `strtod`.
    mutating func number() throws(JSONScanError) -> Double {
        try skipWhitespace()
        let start = i
        var negative = false
        if bytes[i] == 0x2D {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawDigit = false
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30) }
            if mantissa > 0 { digits += 1 }
            sawDigit = true
            i += 1
        }
        var exact = digits <= 19
        var dropped = max(0, digits - 19)
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            var fracDigit = false
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30)
                    if mantissa > 0 { digits += 1 }
                    fractionDigits += 1
                } else {
                    exact = false
                }
                fracDigit = true
                i += 1
            }
            guard fracDigit else {
                if i >= bytes.count { throw .needMore }
                throw syntax("expected digits after the decimal point")
            }
        }
        var exponent = 0
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            guard i < bytes.count else { throw .needMore }
            var expNegative = false
            if bytes[i] == 0x2D || bytes[i] == 0x2B {
                expNegative = bytes[i] == 0x2D
                i += 1
            }
            var expDigit = false
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if exponent < 10000 { exponent = exponent * 10 + Int(bytes[i] - 0x30) }
                expDigit = true
                i += 1
            }
            guard expDigit else {
                if i >= bytes.count { throw .needMore }
                throw syntax("expected exponent digits")
            }
            if expNegative { exponent = -exponent }
        }
        guard sawDigit else { throw syntax("expected a number") }
        // The number must be followed by a delimiter inside the window, else it may continue.
        guard i < bytes.count else { throw .needMore }
        let e10 = exponent - fractionDigits + dropped
        dropped = 0
        if exact, mantissa < (1 << 53), abs(e10) <= 22 {
            var v = Double(mantissa)
            v = e10 < 0 ? v / Self.powersOf10[-e10] : v * Self.powersOf10[e10]
            return negative ? -v : v
        }
        var text = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        text.append(0)
        return text.withUnsafeBufferPointer { p in
            p.baseAddress.map { strtod(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), nil) } ?? .nan
        }
    }

    /// Matches a literal such as `true`.
    mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else {
            // Check the prefix that is there, so garbage is a syntax error, not "need more".
            for k in 0..<(bytes.count - i) where bytes[i + k] != word.utf8Start[k] { throw syntax("unexpected literal") }
            throw .needMore
        }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw syntax("expected a value") }
        i += n
    }

    /// Skips any value; returns nothing but validates structure.
    mutating func skipValue() throws(JSONScanError) {
        let c = try peek()
        switch c {
        case 0x22: _ = try string()
        case 0x7B:
            try enter()
            defer { depth -= 1 }
            i += 1
            if try peek() == 0x7D {
                i += 1
                return
            }
            while true {
                _ = try string()
                try expect(0x3A, "':'")
                try skipValue()
                let d = try peek()
                i += 1
                if d == 0x7D { return }
                if d != 0x2C {
                    i -= 1
                    throw syntax("expected ',' or '}'")
                }
            }
        case 0x5B:
            try enter()
            defer { depth -= 1 }
            i += 1
            if try peek() == 0x5D {
                i += 1
                return
            }
            while true {
                try skipValue()
                let d = try peek()
                i += 1
                if d == 0x5D { return }
                if d != 0x2C {
                    i -= 1
                    throw syntax("expected ',' or ']'")
                }
            }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try number()
        }
    }

    /// Reads any value into a tree.
    mutating func value() throws(JSONScanError) -> JSONValue {
        let c = try peek()
        switch c {
        case 0x22: return .string(try string())
        case 0x7B:
            try enter()
            defer { depth -= 1 }
            i += 1
            var members: [(String, JSONValue)] = []
            if try peek() == 0x7D {
                i += 1
                return .object(members)
            }
            while true {
                let k = try string()
                try expect(0x3A, "':'")
                members.append((k, try value()))
                let d = try peek()
                i += 1
                if d == 0x7D { return .object(members) }
                if d != 0x2C {
                    i -= 1
                    throw syntax("expected ',' or '}'")
                }
            }
        case 0x5B:
            try enter()
            defer { depth -= 1 }
            i += 1
            var items: [JSONValue] = []
            if try peek() == 0x5D {
                i += 1
                return .array(items)
            }
            while true {
                items.append(try value())
                let d = try peek()
                i += 1
                if d == 0x5D { return .array(items) }
                if d != 0x2C {
                    i -= 1
                    throw syntax("expected ',' or ']'")
                }
            }
        case 0x74:
            try literal("true")
            return .bool(true)
        case 0x66:
            try literal("false")
            return .bool(false)
        case 0x6E:
            try literal("null")
            return .null
        default: return .number(try number())
        }
    }

    /// The raw text of the next value (used for nested property values).
    mutating func rawValue() throws(JSONScanError) -> String {
        try skipWhitespace()
        let start = i
        try skipValue()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
}
