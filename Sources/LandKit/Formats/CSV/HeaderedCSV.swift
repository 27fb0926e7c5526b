/// A CSV file whose first row names its columns (English names or Chinese aliases), read whole with
/// size and row limits: what the inventory, agreement and payment files share.
struct HeaderedCSV {
    /// One data row: its line and its fields by column key.
    struct Row {
        var line: Int
        var fields: [String]
        var index: [String: Int]

        /// The trimmed value of column `key`, nil when the column is absent or the cell empty.
        func field(_ key: String) -> String? {
            guard let i = index[key], i < fields.count else { return nil }
            let v = fields[i].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
    }

    /// The non-empty data rows.
    var rows: [Row]

    /// - Parameters:
    ///   - what: the file's kind in messages, e.g. "an inventory".
    ///   - columns: each key with the header names it is recognised by (lower case).
    ///   - required: the keys that must be in the header; `expected` is the header as messages show it.
    /// - Throws: `FormatError` for a file over the limits, an empty file or missing columns.
    init(
        _ bytes: [UInt8], file: String, what: String, columns: [(String, [String])], required: [String], expected: String,
        maximumBytes: Int, maximumRows: Int
    ) throws {
        guard bytes.count <= maximumBytes else {
            throw FormatError("the file is \(bytes.count) bytes; \(what) may have at most \(maximumBytes) bytes", file: file)
        }
        let (records, _) = try CSVReader().records(bytes, file: file)
        guard let head = records.first else { throw FormatError("the file is empty: expected a header \(expected)", file: file) }
        guard records.count <= maximumRows + 1 else {
            throw FormatError("the file has \(records.count - 1) rows; \(what) may have at most \(maximumRows)", file: file)
        }
        let names = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (k, aliases) in columns { if let i = names.firstIndex(where: { aliases.contains($0) }) { index[k] = i } }
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw FormatError(
                "missing column \(missing.joined(separator: ", ")) in the header (expected \(expected))", file: file, line: head.line)
        }
        rows = records.dropFirst().filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }.map {
            Row(line: $0.line, fields: $0.fields, index: index)
        }
    }
}
