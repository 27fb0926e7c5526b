/// A workflow rule was broken, or an update names something that does not exist. Nothing is
/// written when it is thrown.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across versions: front ends map it to their own hints and statuses.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        case unknownProject = "unknown-project"
        case unknownItem = "unknown-item"
        /// The feature exists but does not overlap the project's red line.
        case notInProject = "not-in-project"
        /// The item left the red line after a revision; it cannot progress there.
        case outOfZone = "out-of-zone"
        case invalidTime = "invalid-time"
        case futureTime = "future-time"
        case missingStage = "missing-stage"
        case unknownStage = "unknown-stage"
        case unknownReason = "unknown-reason"
        case alreadyAtStage = "already-at-stage"
        /// Skipping stages or moving back is a correction: it must be forced.
        case correctionNotForced = "correction-not-forced"
        /// A forced correction, or a deferral, without a note.
        case noteRequired = "note-required"
        case alreadyBlocked = "already-blocked"
        case notBlocked = "not-blocked"
        case alreadyDeferred = "already-deferred"
        /// Only an item that left the red line can be closed.
        case notOutOfZone = "not-out-of-zone"
        case alreadyClosed = "already-closed"
        case unknownTeam = "unknown-team"
        /// An action only LandKit itself records (out-of-zone, in-zone, geometry-changed).
        case reservedAction = "reserved-action"
        case invalidInput = "invalid-input"
        /// Cached statuses disagree with the event log (`info --verify` shows which).
        case inconsistent
    }

    public var code: Code
    /// What is wrong, naming the item: lower case, no command-line flags.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// True for the errors a person resolves by changing the request (the item's state forbids it),
    /// as opposed to input that names nothing or is malformed.
    public var isRuleViolation: Bool {
        switch code {
        case .alreadyAtStage, .correctionNotForced, .alreadyBlocked, .notBlocked, .alreadyDeferred, .outOfZone, .notInProject,
            .notOutOfZone, .alreadyClosed:
            true
        default: false
        }
    }
}
