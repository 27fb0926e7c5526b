import Foundation

/// A leaders' progress report: per project and for all projects, on one date, optionally with the
/// change since an earlier date. Areas in mu are ellipsoidal (CGCS2000); nothing is rounded here.
public struct ProgressReport: Sendable, Codable {
    public var asOf: LocalDate
    public var since: LocalDate?
    public var projects: [ProjectProgress]
    public var totals: Totals
    /// Projects whose figures are stale: features (e.g. edited in QGIS) or red lines changed since the
    /// overlaps were last computed. Their areas and houses are those of the last computation.
    public var staleProjects: [String] = []
    /// How each project is broken down into ``ProjectProgress/parts`` (nil: not asked for).
    public var breakdown: ReportBreakdown?

    public struct Totals: Sendable, Codable {
        /// Land required by all projects, each piece counted once (union of red lines).
        public var requiredMuUnion: Double
        /// Sum of the projects' required mu (land in several projects counted in each).
        public var requiredMuSum: Double
        public var clearedMuSum: Double
        public var householdsInside: Int
        public var householdsEdge: Int
        public var demolished: Int
        public var deferred: Int
        public var utilityItems: Int
        public var relocated: Int
        public var openBlockers: Int
        /// Every project's money summed (nil when no project has money data).
        public var money: ProjectMoney?
    }
}

/// What a report breaks projects down by.
public enum ReportBreakdown: String, Sendable, Codable, CaseIterable {
    /// Sections (标段): an item belongs to the section holding the largest share of its overlap.
    case section
    /// Teams: an item belongs to the team it is assigned to.
    case team
}

/// One project's progress.
public struct ProjectProgress: Sendable, Codable {
    public var id: String
    public var name: String
    public var kind: ProjectKind
    public var due: LocalDate?
    /// Days from the report date to the due date (negative when overdue).
    public var daysLeft: Int?
    public var land: Land
    public var households: Households
    public var utilities: Utilities
    public var blockers: [Blocker]
    public var deferredItems: [DeferredItem]
    public var change: Change?
    /// Items kept because they progressed, but no longer inside the red line.
    public var outOfZone: Int
    /// Budget, signed and paid (nil when the project has neither a rate table nor agreements).
    public var money: ProjectMoney?
    public var narrativeZh: String = ""
    public var narrativeEn: String = ""

    public struct Land: Sendable, Codable {
        public var parcels: Int
        public var requiredSquareMetres: Double
        public var requiredMu: Double
        /// By land class: code, name, mu.
        public var byClass: [LandClassShare]
        /// Mu of the items currently at each stage (every stage listed, 0 included).
        public var stageMu: [LandStage: Double]
        /// Mu at a stage or beyond, per stage ("surveyed or later" …).
        public var reachedMu: [LandStage: Double]
        public var clearedMu: Double
        public var clearedPct: Double
        public var handedOverMu: Double
        public var handedOverPct: Double
    }

    public struct LandClassShare: Sendable, Codable {
        public var code: String?
        public var name: String?
        public var mu: Double
    }

    public struct Households: Sendable, Codable {
        public var inside: Int
        public var edge: Int
        /// Households currently at each stage.
        public var stage: [HouseholdStage: Int]
        public var signed: Int
        public var vacated: Int
        public var demolished: Int
        public var demolishedPct: Double
        public var deferred: Int
        public var deferredEdge: Int
    }

    public struct Utilities: Sendable, Codable {
        public var items: Int
        public var lengthMetres: Double
        public var stage: [UtilityStage: Int]
        public var relocated: Int
        public var relocatedMetres: Double
    }

    public struct Blocker: Sendable, Codable {
        public var entity: EntityKind
        public var id: String
        /// A name people know the item by (utility name, village + group, masked household head).
        public var label: String?
        public var reason: BlockReason
        public var owner: String
        public var note: String?
        public var since: LocalDate?
        public var days: Int?
    }

    public struct DeferredItem: Sendable, Codable {
        public var entity: EntityKind
        public var id: String
        public var position: BuildingPosition?
        public var note: String?
    }

    /// Change since the `since` date: every stage move, blockers, red-line revisions.
    public struct Change: Sendable, Codable {
        /// Land that reached each stage since (mu now at or past it − mu then; negative after corrections).
        public var landReachedMu: [LandStage: Double]
        /// Parcels that reached each stage since.
        public var landReachedParcels: [LandStage: Int]
        public var householdsReached: [HouseholdStage: Int]
        public var utilitiesReached: [UtilityStage: Int]
        public var newBlockers: Int
        public var resolvedBlockers: Int
        /// Red-line changes (zones added, replaced, removed) since.
        public var redLineRevisions: Int

        public var surveyedMu: Double { landReachedMu[.surveyed] ?? 0 }
        public var clearedMu: Double { landReachedMu[.cleared] ?? 0 }
        public var handedOverMu: Double { landReachedMu[.handedOver] ?? 0 }
        public var signed: Int { householdsReached[.agreed] ?? 0 }
        public var demolished: Int { householdsReached[.demolished] ?? 0 }
        public var relocated: Int { utilitiesReached[.relocated] ?? 0 }
    }

    /// What is neither done nor deferred nor blocked.
    public var open: Open
    /// The project broken down by section or team (``ProgressReport/breakdown``), each part computed
    /// by the same rules as the project from the items in it; items in no part come last, with a nil id.
    public var parts: [Part]?

    /// A section's or a team's share of a project.
    public struct Part: Sendable, Codable {
        /// The section or team id; nil for the items in none.
        public var id: String?
        public var name: String
        public var land: Land
        public var households: Households
        public var utilities: Utilities
        public var blockers: Int
        public var open: Open
        public var isFinished: Bool { open.isEmpty && blockers == 0 }
    }

    /// Nothing left to do: no open work (slivers aside) and no blocker; deferred items may remain.
    public var isFinished: Bool { open.isEmpty && blockers.isEmpty }

    public struct Open: Sendable, Codable {
        /// Land not yet cleared, mu.
        public var landMu: Double
        public var households: Int
        public var utilities: Int

        public var isEmpty: Bool { landMu < 0.005 && households == 0 && utilities == 0 }
    }
}

extension LandStage: CodingKeyRepresentable {}
extension HouseholdStage: CodingKeyRepresentable {}
extension UtilityStage: CodingKeyRepresentable {}
