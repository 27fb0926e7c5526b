import ArgumentParser
import Foundation
import LandKit

extension DocumentKind: ExpressibleByArgument {}

struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Keep a document with a parcel or household: an agreement scan, a photo, a survey sheet, a notice.",
        discussion: Help.text(
            """
            The file is stored in the database, addressed by its SHA-256: the same file attached twice is stored once.
            Attachments are never edited or removed (attach a corrected document instead); `landkit info --verify`
            checks every stored document against its SHA-256. At most 64 MB per document.

            Examples:
              landkit attach household H-0003 --project x-ave-ext agreement-XY-001.pdf --kind agreement --agreement XY-2021-001
              landkit attach parcel DK-04990 --project x-ave photo.jpg --kind photo --note 清表前
            """))

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "parcel or household.") var entity: EntityKind
    @Argument(help: "The parcel or household id.") var id: String
    @Option(help: "The project.") var project: String
    @Argument(help: "The file to attach.") var file: String
    @Option(help: "agreement, photo, survey or notice.") var kind: DocumentKind = .photo
    @Option(name: .customLong("agreement"), help: ArgumentHelp("The agreement number (协议编号) a scan belongs to.", valueName: "NO"))
    var agreementNumber: String?
    @Option(help: "A note.") var note: String?
    @Option(help: "Team or person attaching it.") var by: String?

    func run() throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let size = attributes?[.size] as? Int, size > DocumentUseCases.maxDocumentBytes {
            throw CLIError(
                "\(file): \(Attachment.sizeText(size)) is over the limit of \(Attachment.sizeText(DocumentUseCases.maxDocumentBytes)) per document"
            )
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read the file") }
        let store = try database.open()
        let r = try DocumentUseCases.attach(
            store: store, entity: entity, id: id, projectID: project, fileName: file, bytes: [UInt8](data), kind: kind,
            agreementNumber: agreementNumber, by: by, note: note)
        let a = r.attachment
        Output.out(
            "attached \(a.fileName) (\(Attachment.sizeText(a.size)), sha256 \(a.sha256.prefix(12))…) to \(a.entity.rawValue) \(a.entityID) in \(a.projectID) as \(a.kind.rawValue) \(a.kind.zh)"
                + (r.newlyStored ? "" : "; the same bytes were already stored, so they are stored once"))
    }
}

struct AttachmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachments",
        abstract: "List the documents attached to items, and extract them.",
        discussion: Help.text(
            """
            --extract DIR writes each listed document to DIR as ID-FILENAME (the attachment id keeps two files of the same
            name apart), after checking its SHA-256.

            Examples:
              landkit attachments --project x-ave-ext
              landkit attachments household H-0003 --project x-ave-ext --extract out/
            """))

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "parcel or household (optional).") var entity: EntityKind?
    @Argument(help: "The parcel or household id (optional).") var id: String?
    @Option(help: "Only this project.") var project: String?
    @Option(help: "Output format: text or json.") var format: ListFormat = .text
    @Option(help: ArgumentHelp("Write the documents into this folder.", valueName: "DIR")) var extract: String?

    struct Row: Encodable {
        var id: Int64
        var entity: String
        var entity_id: String
        var project: String
        var kind: String
        var file: String
        var size: Int
        var sha256: String
        var agreement: String?
        var at: String
        var by: String?
        var note: String?
    }

    func validate() throws {
        if id != nil && entity == nil { throw ValidationError("name the entity (parcel or household) before the id") }
    }

    func run() throws {
        let store = try database.openForReading()
        let list = try DocumentUseCases.list(store: store, projectID: project, entity: entity, id: id)
        let tz = try store.read { try $0.timeZone() }
        let rows = list.map { a in
            Row(
                id: a.id, entity: a.entity.rawValue, entity_id: a.entityID, project: a.projectID, kind: a.kind.rawValue, file: a.fileName,
                size: a.size, sha256: a.sha256, agreement: a.agreementNumber, at: Timestamps.display(a.at, timeZone: tz), by: a.by,
                note: a.note.map(PersonalData.maskNumbers(in:)))
        }
        if let extract {
            try FileManager.default.createDirectory(atPath: extract, withIntermediateDirectories: true)
            for a in list {
                let bytes = try DocumentUseCases.content(of: a, store: store)
                let path = URL(fileURLWithPath: extract).appendingPathComponent("\(a.id)-\(a.fileName)").path
                guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CLIError("cannot write \(path)") }
            }
            Output.err("extracted \(list.count) document(s) into \(extract)")
        }
        switch format {
        case .json: Output.out(try Output.json(rows))
        case .text:
            Output.out(
                TextTable.render(
                    [["id", "item", "project", "kind", "file", "size", "sha256", "agreement", "at", "by"]]
                        + rows.map {
                            [
                                "\($0.id)", "\($0.entity) \($0.entity_id)", $0.project, $0.kind, OutputSafety.terminal($0.file),
                                Attachment.sizeText($0.size), String($0.sha256.prefix(12)) + "…", $0.agreement ?? "", $0.at,
                                OutputSafety.terminal($0.by ?? ""),
                            ]
                        }, numeric: [0]))
        }
    }
}

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "A household's or parcel's own compensation statement (补偿明细单), as a printable HTML page.",
        discussion: Help.text(
            """
            The page lists what the item is due by the project's rate table, line by line with its basis (quantity × rate
            = amount), the agreement, every payment with the running total, what is still owed, and the documents kept;
            with lines for signatures. Names and ID numbers are masked unless --unmasked (the copy handed to the household).

            Example:
              landkit statement household H-0003 --project x-ave-ext --unmasked --out H-0003.html
            """))

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "household or parcel.") var entity: EntityKind
    @Argument(help: "The household or parcel id.") var id: String
    @Option(help: "The project.") var project: String
    @Option(help: ArgumentHelp("Write the page here (default: standard output).", valueName: "FILE.html")) var out: String?
    @Flag(help: "Show the head of household's name and ID number in full.") var unmasked = false

    func run() throws {
        let store = try database.openForReading()
        let html = try StatementUseCases.statement(store: store, entity: entity, id: id, projectID: project).html(unmasked: unmasked)
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(html.utf8)) else { throw CLIError("cannot write \(out)") }
            Output.err("wrote \(out)")
        } else {
            Output.out(html)
        }
    }
}
