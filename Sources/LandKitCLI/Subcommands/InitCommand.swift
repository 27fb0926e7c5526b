import ArgumentParser
import LandKit
import LandKitPostgres
import LandKitStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new LandKit database (a GeoPackage file, or in a PostgreSQL/PostGIS database).",
        discussion: Help.text(
            """
            The storage CRS is the projected CRS every geometry is kept in (default EPSG:4544, CGCS2000 3° Gauss-Krüger
            CM 105°E). Refuses to replace an existing file unless --force is given.

            With --db postgresql://USER[:PASS]@HOST[:PORT]/DBNAME the schema is created in that (existing, empty)
            PostgreSQL database, which needs the PostGIS extension available; --force drops LandKit's tables first.

            Examples:
              landkit init --db xjd.gpkg --crs cm105
              landkit init --db postgresql://landkit@127.0.0.1/city --crs cm105
            """))

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Storage CRS: EPSG:NNNN, zoneNN, cmNNN.", valueName: "CRS"))
    var crs: String = "EPSG:4544"

    @Flag(help: "Replace an existing database file.")
    var force = false

    func run() throws {
        let parsed = try CRS(parsing: crs)
        let store: any LandStore =
            PostgresAddress.isAddress(database.resolvedPath)
            ? try PostgresStore.create(at: database.resolvedPath, crs: parsed, force: force)
            : try GeoPackageStore.create(at: database.resolvedPath, crs: parsed, force: force)
        let info = try store.read { try $0.info() }
        Output.out("created \(info.location) (\(info.storageCRS), \(info.crsName), schema \(info.schemaVersion))")
    }
}
