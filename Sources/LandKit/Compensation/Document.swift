import Crypto
import Foundation

/// What a stored document is.
public enum DocumentKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// 补偿协议 (signed agreement, scanned).
    case agreement
    /// 现场照片.
    case photo
    /// 调查表 (survey / inventory sheet).
    case survey
    /// 公告 (notice).
    case notice

    public var zh: String {
        switch self {
        case .agreement: "补偿协议"
        case .photo: "现场照片"
        case .survey: "调查表"
        case .notice: "公告"
        }
    }
}

/// A document attached to a parcel or household of a project. The bytes are stored once per
/// SHA-256 (``DocumentDigest``); an attachment names them, and is never edited or removed.
public struct Attachment: Sendable, Hashable {
    /// Its row id (0 before it is stored).
    public var id: Int64
    public var entity: EntityKind
    public var entityID: String
    public var projectID: String
    public var kind: DocumentKind
    /// The file's own name (no folders), as it was attached.
    public var fileName: String
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String
    public var size: Int
    /// The agreement number (协议编号) an agreement scan belongs to.
    public var agreementNumber: String?
    public var at: Date
    public var by: String?
    public var note: String?

    public init(
        id: Int64 = 0, entity: EntityKind, entityID: String, projectID: String, kind: DocumentKind, fileName: String, sha256: String,
        size: Int, agreementNumber: String? = nil, at: Date, by: String? = nil, note: String? = nil
    ) {
        self.id = id
        self.entity = entity
        self.entityID = entityID
        self.projectID = projectID
        self.kind = kind
        self.fileName = fileName
        self.sha256 = sha256
        self.size = size
        self.agreementNumber = agreementNumber
        self.at = at
        self.by = by
        self.note = note
    }

    /// "1.2 MB", "830 KB", "512 B".
    public static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return "\(bytes) B"
    }
}

/// The content address of a document: lower-case hex SHA-256.
public enum DocumentDigest {
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// True for 64 lower-case hex digits.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
