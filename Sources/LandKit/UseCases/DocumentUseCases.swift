import Foundation

/// Documents kept with the items they belong to: a signed agreement's scan, photos, survey sheets,
/// notices. The bytes are stored once per SHA-256; attachments are append-only.
public enum DocumentUseCases {
    /// The largest document accepted (a scanned agreement of many pages fits; a video does not).
    public static let maxDocumentBytes = 64 << 20

    public struct Attached: Sendable {
        public var attachment: Attachment
        /// False when the same bytes were already stored (this attachment names them again).
        public var newlyStored: Bool
    }

    /// Attaches a file to a parcel or household of a project, in one transaction.
    /// - Parameters:
    ///   - fileName: the file's own name (any folders are dropped).
    ///   - agreementNumber: for an agreement scan, the number of an agreement recorded for this item.
    /// - Throws: `WorkflowError` for an unknown project or item, an empty or oversized file, or an
    ///   agreement number not recorded for the item; nothing is stored then.
    public static func attach(
        store: any LandStore, entity: EntityKind, id: String, projectID: String, fileName: String, bytes: [UInt8], kind: DocumentKind,
        agreementNumber: String? = nil, by: String? = nil, note: String? = nil, at: Date = Date()
    ) throws -> Attached {
        let name = URL(fileURLWithPath: fileName).lastPathComponent
        guard entity != .utility else { throw WorkflowError(.invalidInput, "documents are attached to parcels and households") }
        guard !bytes.isEmpty else { throw WorkflowError(.invalidInput, "\(fileName): the file is empty") }
        guard bytes.count <= maxDocumentBytes else {
            throw WorkflowError(
                .invalidInput,
                "\(fileName): \(Attachment.sizeText(bytes.count)) is over the limit of \(Attachment.sizeText(maxDocumentBytes)) per document"
            )
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ !CharacterSet.controlCharacters.contains($0) }) else {
            throw WorkflowError(.invalidInput, "\(fileName): the file name has control characters")
        }
        let sha = DocumentDigest.sha256(bytes)
        return try store.write { s in
            guard try s.project(id: projectID) != nil else { throw WorkflowError(.unknownProject, "no project \(projectID)") }
            guard try s.item(entity, id: id, projectID: projectID) != nil else {
                throw WorkflowError(.notInProject, "\(entity.rawValue) \(id) is not in project \(projectID)")
            }
            if let agreementNumber {
                let signed = try s.moneyRecords(projectID: projectID, kind: .agreement, number: agreementNumber).contains {
                    $0.entity == entity && $0.entityID == id
                }
                guard signed else {
                    throw WorkflowError(
                        .invalidInput, "no agreement \(agreementNumber) is recorded for \(entity.rawValue) \(id) in \(projectID)")
                }
            }
            let new = try s.storeDocument(bytes, sha256: sha)
            var a = Attachment(
                entity: entity, entityID: id, projectID: projectID, kind: kind, fileName: name, sha256: sha, size: bytes.count,
                agreementNumber: agreementNumber, at: at, by: by, note: note)
            a.id = try s.append(a)
            return Attached(attachment: a, newlyStored: new)
        }
    }

    /// Attachments of a project (or all), of one item when `entity` and `id` are given.
    public static func list(store: any LandStore, projectID: String?, entity: EntityKind?, id: String?) throws -> [Attachment] {
        try store.read { try $0.attachments(projectID: projectID, entity: entity, id: id) }
    }

    /// The stored bytes of an attachment, checked against its SHA-256.
    /// - Throws: `WorkflowError` when the bytes are missing or no longer hash to their address.
    public static func content(of a: Attachment, store: any LandStore) throws -> [UInt8] {
        guard let bytes = try store.read({ try $0.document(sha256: a.sha256) }) else {
            throw WorkflowError(.invalidInput, "the document of attachment \(a.id) (\(a.fileName)) is missing")
        }
        guard DocumentDigest.sha256(bytes) == a.sha256 else {
            throw WorkflowError(.invalidInput, "the document of attachment \(a.id) (\(a.fileName)) was altered: its SHA-256 differs")
        }
        return bytes
    }
}
