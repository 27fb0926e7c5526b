import Foundation

/// The field teams' bulk status file (cli.md "Status CSV"): a header row, then
/// `entity,id,project,action,stage,reason,note,by,at` and optionally `team` (Chinese header aliases
/// accepted), UTF-8 or GBK.
public enum StatusCSV {
    static let columns: [(String, [String])] = [
        ("entity", ["entity", "类型", "对象", "对象类型"]),
        ("id", ["id", "编号", "对象编号"]),
        ("project", ["project", "项目", "项目编号"]),
        ("action", ["action", "操作", "动作"]),
        ("stage", ["stage", "阶段", "状态", "进度"]),
        ("reason", ["reason", "原因", "受阻原因"]),
        ("note", ["note", "备注", "说明"]),
        ("by", ["by", "记录人", "经办人", "填报人", "工作组"]),
        ("at", ["at", "时间", "日期", "发生时间"]),
        ("team", ["team", "拆迁组", "小组", "责任组"]),
    ]

    static let entityAliases: [String: EntityKind] = [
        "parcel": .parcel, "地块": .parcel, "land": .parcel,
        "household": .household, "房屋": .household, "户": .household, "building": .household,
        "utility": .utility, "杆线": .utility, "管线": .utility, "杆线管线": .utility,
    ]

    static let actionAliases: [String: EventAction] = [
        "set": .set, "更新": .set, "推进": .set,
        "block": .block, "受阻": .block,
        "unblock": .unblock, "解除受阻": .unblock,
        "defer": .defer_, "暂缓": .defer_,
        "close": .close, "关闭": .close,
    ]

    /// One row: its line number and the update it states.
    public struct Row: Sendable {
        public var line: Int
        public var update: StatusUpdate
    }

    /// Parses the file; every bad row (unknown entity, action, stage or reason, malformed time) is a
    /// diagnostic with its line number.
    /// - Parameters:
    ///   - defaultBy: used where the `by` column is empty.
    ///   - timeZone: the database's time zone, for times without an offset and dates.
    ///   - encoding: the text encoding; nil detects UTF-8 or GBK and refuses a file that mixes them.
    /// - Throws: `FormatError` when the file is not a status CSV at all (no header, missing
    ///   columns) or is not text in one encoding.
    public static func read(
        _ bytes: some Collection<UInt8>, file: String, defaultBy: String? = nil, timeZone: String = Timestamps.defaultTimeZone,
        encoding: TextEncoding? = nil
    ) throws(FormatError) -> (rows: [Row], diagnostics: [Diagnostic]) {
        let (records, _) = try CSVReader().records(bytes, file: file, encoding: encoding)
        guard let header = records.first else {
            throw FormatError("the file is empty: expected a header row entity,id,project,action,stage,reason,note,by,at", file: file)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (key, aliases) in columns {
            if let i = names.firstIndex(where: { aliases.contains($0) }) { index[key] = i }
        }
        let missing = ["entity", "id", "project", "action"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw FormatError(
                "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) in the header (expected entity,id,project,action,stage,reason,note,by,at)",
                file: file, line: header.line)
        }
        var rows: [Row] = []
        var diags: [Diagnostic] = []
        for r in records.dropFirst() {
            func field(_ k: String) -> String? {
                guard let i = index[k], i < r.fields.count else { return nil }
                let v = r.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            if r.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func bad(_ m: String) { diags.append(Diagnostic(.error, m, file: file, line: r.line, feature: field("id"))) }
            guard let e = field("entity"), let entity = entityAliases[e.lowercased()] else {
                bad("entity \"\(field("entity") ?? "")\" is not parcel, household or utility")
                continue
            }
            guard let a = field("action"), let action = actionAliases[a.lowercased()] else {
                bad("action \"\(field("action") ?? "")\" is not set, block, unblock, defer or close")
                continue
            }
            guard let id = field("id") else { bad("no id"); continue }
            guard let project = field("project") else { bad("no project"); continue }
            do {
                let update = try StatusUpdate.parsing(
                    entity: entity, id: id, projectID: project, action: action, stage: field("stage"), reason: field("reason"),
                    note: field("note"), by: field("by") ?? defaultBy, at: field("at"), timeZone: timeZone, team: field("team"))
                rows.append(Row(line: r.line, update: update))
            } catch {
                bad(error.message)
            }
        }
        return (rows, diags)
    }

    /// What importing a status file did.
    public struct Summary: Sendable {
        public var rows = 0
        public var applied = 0
        public var skipped: [(line: Int, why: String)] = []
        public var diagnostics: [Diagnostic] = []
        public var dryRun = false
    }

    /// Validates and applies every row in order inside the caller's write transaction. Throws
    /// `ImportError` with every bad row (the caller's transaction then rolls back: all or nothing).
    public static func apply(
        _ rows: [Row], diagnostics: [Diagnostic], file: String, workflow: Workflow, in session: any StoreSession,
        progress: ProgressHandler? = nil
    ) throws -> Summary {
        var s = Summary()
        s.rows = rows.count
        s.diagnostics = diagnostics
        for (n, row) in rows.enumerated() {
            if n % 250 == 0 { progress?(n, rows.count) }
            do {
                switch try workflow.apply(row.update, in: session) {
                case .applied: s.applied += 1
                case .skipped(let why): s.skipped.append((row.line, why))
                case .recorded(let e): s.skipped.append((row.line, "already recorded as event \(e.seq)"))
                }
            } catch let e as WorkflowError {
                s.diagnostics.append(Diagnostic(.error, e.message, file: file, line: row.line, feature: row.update.id))
            }
        }
        progress?(rows.count, rows.count)
        if s.diagnostics.contains(where: { $0.severity == .error }) {
            throw ImportError(file: file, diagnostics: s.diagnostics.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return s
    }
}
