import Foundation

/// One CSV record: its fields and the 1-based line where it starts (a quoted field may span lines).
public struct CSVRecord: Hashable, Sendable {
    public var fields: [String]
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// An RFC 4180 CSV reader: quoted fields with embedded delimiters, line breaks and doubled
/// quotes; CRLF or LF; UTF-8 (with or without BOM) or GBK/GB18030 through ``TextDecoding``.
///
/// Lenient where spreadsheets are: a quote inside an unquoted field is kept as text, text after
/// a closing quote is appended, blank lines are skipped. An unterminated quoted field throws.
public struct CSVReader: Sendable {
    /// The field separator (`,` by default; `;` and tab also occur).
    public var delimiter: UInt8

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter.asciiValue ?? 0x2C
    }

    /// Decodes and parses a whole file.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - file: the file name for messages.
    ///   - encoding: the text encoding (`--encoding`); nil detects UTF-8 or GBK.
    /// - Returns: the records (the header is the first) and the text encoding found.
    /// - Throws: `FormatError` for empty, binary or non-text files, files mixing UTF-8 and GBK
    ///   lines, and unterminated quotes.
    public func records(_ bytes: some Collection<UInt8>, file: String? = nil, encoding: TextEncoding? = nil) throws(FormatError) -> (
        records: [CSVRecord], encoding: TextEncoding
    ) {
        let (text, encoding) = try TextDecoding.decode(bytes, file: file, encoding: encoding)
        return (try records(text: text, file: file), encoding)
    }

    /// Parses text.
    /// - Throws: `FormatError` naming the line where an unterminated quoted field starts.
    public func records(text: String, file: String? = nil) throws(FormatError) -> [CSVRecord] {
        var out: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var afterQuote = false
        let bytes = Array(text.utf8)
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            // A blank line is one empty, unquoted field: skip it.
            if !(fields.count == 1 && fields[0].isEmpty) { out.append(CSVRecord(fields: fields, line: recordLine)) }
            fields.removeAll()
        }

        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if c == 0x0A { line += 1 }
                    if !(c == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { field.append(c) }
                }
                i += 1
                continue
            }
            switch c {
            case delimiter:
                endField()
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            case 0x0D:
                if !(i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                    endRecord()
                    line += 1
                    recordLine = line
                }
            case 0x22 where field.isEmpty && !fieldWasQuoted && !afterQuote:
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if inQuotes {
            throw FormatError("a quoted field starting here is never closed (missing '\"')", file: file, line: quoteLine)
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return out
    }

    /// One field for writing: quoted when it holds the delimiter, a quote, a line break, or
    /// leading/trailing spaces; quotes doubled.
    public func quote(_ field: String) -> String {
        let needs =
            field.utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || field.first == " " || field.last == " "
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
