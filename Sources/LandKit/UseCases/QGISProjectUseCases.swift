import Foundation

/// `landkit qgis`: a QGIS project file over the database.
public enum QGISProjectUseCases {
    /// Writes a QGIS project over the GeoPackage at `store.location`: a .qgz (zip of one .qgs, as
    /// QGIS saves by default) or a plain .qgs, by `out`'s extension.
    /// - Parameter projectIDs: the project groups, in order (empty: every project).
    /// - Returns: the projects written.
    /// - Throws: `WorkflowError.unknownProject`, `FormatError` when the file cannot be written.
    public static func write(store: any LandStore, projectIDs: [String], out: String) throws -> [Project] {
        guard FileManager.default.fileExists(atPath: store.location) else {
            throw WorkflowError(
                .invalidInput,
                "landkit qgis writes a project over a GeoPackage file; \(store.location) is not one: add it in QGIS as a PostGIS connection instead"
            )
        }
        let (projects, styles) = try store.read { s -> ([Project], [StoredLayerStyle]) in
            let all = try s.projects()
            let chosen = try projectIDs.map { id in
                guard let p = all.first(where: { $0.id == id }) else { throw WorkflowError(.unknownProject, "no project \(id)") }
                return p
            }
            return (chosen.isEmpty ? all : chosen, try s.layerStyles())
        }
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let dbURL = URL(fileURLWithPath: store.location).standardizedFileURL
        let sameFolder = outURL.deletingLastPathComponent() == dbURL.deletingLastPathComponent()
        let text = try QGISProject.document(
            geoPackage: sameFolder ? "./" + dbURL.lastPathComponent : dbURL.path, relative: sameFolder, crs: store.storageCRS,
            projects: projects, styles: Dictionary(styles.map { ($0.table, $0) }) { a, _ in a })
        if outURL.pathExtension.lowercased() == "qgs" {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
                throw FormatError("cannot write \(out): check the folder exists and is writable")
            }
        } else {
            try GDALZip.write(Data(text.utf8), entry: outURL.deletingPathExtension().lastPathComponent + ".qgs", to: outURL.path)
        }
        return projects
    }
}
