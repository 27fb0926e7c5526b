import LandKit

/// One row of the status events CSV (`entity,id,project,action,stage,reason,note,by,at`).
struct StatusEvent {
    var entity: String
    var id: String
    var project: String
    var action: String
    var stage: String = ""
    var reason: String = ""
    var note: String = ""
    var by: String
    /// Day of 2021 (1 = January 1st) and minute of the day, local time (UTC+8).
    var day: Int
    var minute: Int
    /// Creation order, to keep one item's same-day events in order.
    var sequence = 0

    var at: String {
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var d = day, m = 0
        while m < 11 && d > days[m] {
            d -= days[m]
            m += 1
        }
        return "2021-\(Text.pad(m + 1, 2))-\(Text.pad(d, 2))T\(Text.pad(minute / 60, 2)):\(Text.pad(minute % 60, 2)):00+08:00"
    }

    var csvRow: String {
        [entity, id, project, action, stage, reason, note, by, at].map(Text.csv).joined(separator: ",")
    }

    static let header = "entity,id,project,action,stage,reason,note,by,at"
}

/// Workflow stages after `pending`, in order (domain.md).
enum Stages {
    static let land = ["surveyed", "inventoried", "agreed", "compensated", "cleared", "handed-over"]
    static let household = ["inventoried", "agreed", "vacated", "demolished"]
    static let utility = ["designed", "relocating", "relocated"]
}

/// How far one kind of item of a project gets in 2021 and when the work happens.
struct Progress {
    /// (share of items, number of stages reached) — shares add up to 1.
    var reach: [(share: Double, stages: Int)]
    /// First and last working day (day of 2021) of this kind of work.
    var from: Int
    var to: Int
}

/// Day of 2021 for a month and day.
func dayOf2021(_ month: Int, _ day: Int) -> Int {
    let starts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    return starts[month - 1] + day
}

/// Writes the 2021 history of every project: items move one stage at a time, in batches on
/// shared working days (field teams update many items at once), so that on 2021-12-31 the
/// situation of the work report holds.
struct EventPlanner {
    let seed: UInt64
    private(set) var events: [StatusEvent] = []

    init(seed: UInt64) { self.seed = seed }

    /// Progress of land, households and utilities per project (the year-end states of the report).
    static func plan(_ project: String) -> (land: Progress, households: Progress, utilities: Progress) {
        let d = dayOf2021
        switch project {
        case "x-ave":
            return (
                Progress(reach: [(1, 6)], from: d(1, 11), to: d(6, 30)), Progress(reach: [(1, 4)], from: d(2, 1), to: d(7, 31)),
                Progress(reach: [(1, 3)], from: d(3, 1), to: d(11, 30))
            )
        case "x-ave-ext":
            return (
                Progress(reach: [(0.6, 6), (0.4, 5)], from: d(1, 18), to: d(11, 30)),
                Progress(reach: [(1, 4)], from: d(2, 1), to: d(10, 31)), Progress(reach: [(1, 3)], from: d(3, 1), to: d(10, 31))
            )
        case "village-roads":
            return (
                Progress(reach: [(1, 5)], from: d(3, 1), to: d(11, 30)), Progress(reach: [(1, 4)], from: d(4, 1), to: d(11, 30)),
                Progress(reach: [(1, 3)], from: d(4, 1), to: d(11, 30))
            )
        case "xcj-utility":
            return (
                Progress(reach: [(1, 5)], from: d(2, 1), to: d(9, 30)), Progress(reach: [(1, 4)], from: d(3, 1), to: d(9, 30)),
                Progress(reach: [(1, 3)], from: d(3, 1), to: d(11, 30))
            )
        case "airport-clearance":
            return (
                Progress(reach: [(1, 5)], from: d(4, 1), to: d(12, 20)), Progress(reach: [(1, 1)], from: d(5, 1), to: d(6, 30)),
                Progress(reach: [(1, 2)], from: d(6, 1), to: d(12, 20))
            )
        case "hsr-sewage":
            return (
                Progress(reach: [(1, 5)], from: d(1, 11), to: d(7, 31)), Progress(reach: [(1, 4)], from: d(2, 1), to: d(8, 31)),
                Progress(reach: [(1, 3)], from: d(2, 1), to: d(8, 31))
            )
        case "hsr-west-ave":
            return (
                Progress(reach: [(0.85, 5), (0.15, 4)], from: d(3, 1), to: d(12, 20)),
                Progress(reach: [(0.85, 4), (0.15, 2)], from: d(3, 15), to: d(12, 20)),
                Progress(reach: [(0.5, 3), (0.5, 2)], from: d(4, 1), to: d(12, 20))
            )
        case "yangan-school-road":
            return (
                Progress(reach: [(1, 2)], from: d(5, 20), to: d(12, 15)), Progress(reach: [(1, 1)], from: d(9, 1), to: d(12, 15)),
                Progress(reach: [(1, 1)], from: d(10, 1), to: d(12, 15))
            )
        case "gaowu-resettlement":
            return (
                Progress(reach: [(0.8, 4), (0.2, 3)], from: d(6, 1), to: d(12, 20)),
                Progress(reach: [(1, 2)], from: d(7, 1), to: d(12, 20)), Progress(reach: [(1, 1)], from: d(9, 1), to: d(12, 20))
            )
        case "hsr-abc":
            return (
                Progress(reach: [(0.7, 2), (0.3, 3)], from: d(7, 1), to: d(12, 20)),
                Progress(reach: [(1, 1)], from: d(8, 1), to: d(12, 20)), Progress(reach: [(1, 1)], from: d(9, 1), to: d(12, 20))
            )
        case "gangtong-medical":
            return (
                Progress(reach: [(1, 5)], from: d(1, 11), to: d(10, 31)), Progress(reach: [(1, 4)], from: d(2, 1), to: d(11, 30)),
                Progress(reach: [(1, 3)], from: d(3, 1), to: d(11, 30))
            )
        default:  // xifeng-eco
            return (
                Progress(reach: [(1, 5)], from: d(3, 1), to: d(11, 30)), Progress(reach: [(1, 4)], from: d(4, 1), to: d(11, 30)),
                Progress(reach: [(1, 3)], from: d(4, 1), to: d(11, 30))
            )
        }
    }

    /// Batch working days and times for each stage: a few per stage, inside the stage's share of the window.
    private func batches(_ label: String, stages: Int, progress: Progress) -> [[(day: Int, minute: Int)]] {
        var rng = SplitMix64.derived(seed: seed, label)
        let span = Double(progress.to - progress.from)
        let maxStages = progress.reach.map(\.stages).max() ?? stages
        return (0..<maxStages).map { s in
            let a = Double(progress.from) + span * Double(s) / Double(maxStages)
            let b = Double(progress.from) + span * Double(s + 1) / Double(maxStages) - 1
            let n = rng.int(3...6)
            var days = Set<Int>()
            for _ in 0..<n { days.insert(Int(rng.uniform(a, max(a, b) + 1).rounded(.down))) }
            return days.sorted().map { ($0, rng.int(18...34) * 30) }
        }
    }

    /// Events for `ids` (in a fixed order) of one entity in one project.
    /// - Returns: per item, the day of each stage reached (for attaching blocks and deferrals).
    @discardableResult
    mutating func progress(
        entity: String, ids: [String], project: String, stages: [String], progress: Progress, by: (String) -> String,
        note: (String, Int) -> String = { _, _ in "" }
    ) -> [[Int]] {
        let plan = batches("\(project)/\(entity)", stages: stages.count, progress: progress)
        var rng = SplitMix64.derived(seed: seed, "\(project)/\(entity)/items")
        var reached: [[Int]] = []
        for id in ids {
            let reach = progress.reach[rng.weighted(progress.reach.map(\.share))].stages
            var days: [Int] = []
            for s in 0..<min(reach, plan.count) {
                let batch = rng.pick(plan[s])
                days.append(batch.day)
                add(
                    StatusEvent(
                        entity: entity, id: id, project: project, action: "set", stage: stages[s], note: note(id, s), by: by(id),
                        day: batch.day, minute: batch.minute))
            }
            reached.append(days)
        }
        return reached
    }

    mutating func add(_ e: StatusEvent) {
        var e = e
        e.sequence = events.count
        events.append(e)
    }

    /// All events by time; one item's events keep their order.
    var sorted: [StatusEvent] {
        events.sorted { a, b in
            if a.day != b.day { return a.day < b.day }
            if a.minute != b.minute { return a.minute < b.minute }
            return a.sequence < b.sequence
        }
    }
}
