import Foundation
import LandKit
import Testing

/// Facts about the committed sample data of X街道 in geodata/ (written by `landkit-geodata`).
@Suite("Sample data of X街道 (geodata/)")
struct GeodataTests {
    // MARK: Loading

    /// The repository's geodata/ folder, found from this file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("geodata")

    struct Feature: Sendable {
        var id: String
        var properties: [String: String]
        var geometry: Geometry
    }

    /// Features of a GeoJSON file in EPSG:4544; string and number properties as text.
    static func features(_ name: String) throws -> [Feature] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let crs = (root["crs"] as? [String: Any])?["properties"] as? [String: Any]
        #expect(crs?["name"] as? String == "urn:ogc:def:crs:EPSG::4544", "\(name) must declare EPSG:4544")
        let list = try #require(root["features"] as? [[String: Any]])
        return try list.map { f in
            let props = (f["properties"] as? [String: Any]) ?? [:]
            var text: [String: String] = [:]
            for (k, v) in props {
                if let s = v as? String { text[k] = s } else if let n = v as? NSNumber { text[k] = n.stringValue }
            }
            return Feature(
                id: try #require(f["id"] as? String), properties: text, geometry: try Geometry(geoJSON: try #require(f["geometry"])))
        }
    }

    struct Project: Sendable {
        var id: String
        var kind: String
        /// Zones as polygonal red lines (centerlines already buffered).
        var zones: [Geometry]
    }

    static func projects(_ engine: GeometryEngine) throws -> [Project] {
        let data = try Data(contentsOf: directory.appendingPathComponent("projects.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["crs"] as? String == "EPSG:4544")
        let list = try #require(root["projects"] as? [[String: Any]])
        return try list.map { p in
            let zones = try #require(p["zones"] as? [[String: Any]])
            let geometries = try zones.map { z -> Geometry in
                if let file = z["polygon"] as? String {
                    return try #require(try features(file).first).geometry
                }
                let file = try #require(z["centerline"] as? String)
                let width = try #require((z["width_m"] as? NSNumber)?.doubleValue)
                return try engine.corridor(centerline: try #require(try features(file).first).geometry, widthMetres: width)
            }
            return Project(id: try #require(p["id"] as? String), kind: try #require(p["kind"] as? String), zones: geometries)
        }
    }

    /// Rows of events-2021.csv, split on commas outside double quotes.
    static func eventRows() throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent("events-2021.csv"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            var fields: [String] = [], field = "", quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" {
                        if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { quoted = false }
                    } else {
                        field.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(field); field = ""
                } else {
                    field.append(c)
                }
            }
            fields.append(field)
            return fields
        }
    }

    // MARK: Parcels

    @Test("the parcels tile the rectangular study area: no gaps, no overlaps")
    func parcelsTileTheStudyArea() throws {
        let parcels = try Self.features("parcels.geojson")
        #expect((10_000...20_000).contains(parcels.count))
        #expect(Set(parcels.map(\.id)).count == parcels.count, "parcel ids are unique")
        let polygons = parcels.flatMap(\.geometry.polygons)
        #expect(polygons.count == parcels.count)
        let extent = try #require(Geometry.multiPolygon(polygons).envelope)
        let extentArea = extent.width * extent.height
        let engine = try GeometryEngine()
        var sum = 0.0
        for p in polygons { sum += try engine.area(.polygon(p)) }
        #expect(abs(sum - extentArea) / extentArea < 1e-6, "sum of parcel areas \(sum) vs extent \(extentArea)")
        let union = try engine.unaryUnion(.multiPolygon(polygons))
        #expect(abs(try engine.area(union) - extentArea) / extentArea < 1e-6, "union area vs extent")
        #expect(union.polygons.count == 1 && union.polygons[0].holes.isEmpty, "the union is one rectangle without holes")
        // Typical parcels are 0.5–5 mu (1 mu = 10000/15 m²).
        let meanMu = AreaUnit.mu(squareMetres: sum / Double(parcels.count))
        #expect(meanMu > 1 && meanMu < 4, "mean parcel \(meanMu) mu")
    }

    @Test("the study area lies in the sample box 104.4–104.7°E, 30.3–30.5°N")
    func studyAreaIsInTheSampleBox() throws {
        let parcels = try Self.features("parcels.geojson")
        let extent = try #require(Geometry.multiPolygon(parcels.flatMap(\.geometry.polygons)).envelope)
        let toLonLat = try Transformer(from: .cm105, to: .cgcs2000)
        for corner in extent.polygon.exterior {
            let c = try toLonLat.transform(corner)
            #expect((104.4...104.7).contains(c.x) && (30.3...30.5).contains(c.y), "corner \(c)")
        }
    }

    @Test("every parcel has a village, a group, a GB/T 21010 land class and a collective owner")
    func parcelAttributes() throws {
        let known: [String: String] = [
            "0101": "水田", "0103": "旱地", "0201": "果园", "0301": "林地", "0702": "农村宅基地", "1003": "公路用地", "1104": "坑塘水面",
            "1107": "沟渠",
        ]
        for p in try Self.features("parcels.geojson") {
            let code = try #require(p.properties["land_class"])
            #expect(known[code] == p.properties["land_class_name"], "\(p.id) land class \(code)")
            let village = try #require(p.properties["village"])
            #expect(village.hasSuffix("村"))
            #expect(p.properties["group"]?.hasSuffix("组") == true)
            #expect(p.properties["owner"]?.hasPrefix(village) == true && p.properties["owner"]?.hasSuffix("集体") == true)
        }
    }

    // MARK: Projects

    @Test("every project takes parcels, and houses unless it only moves utilities")
    func projectsContainParcelsAndHouses() throws {
        let engine = try GeometryEngine()
        let parcels = try Self.features("parcels.geojson")
        let houses = try Self.features("buildings.geojson")
        let projects = try Self.projects(engine)
        #expect(projects.count >= 11)
        for project in projects {
            let red = project.zones.count == 1 ? project.zones[0] : try engine.unaryUnion(.geometryCollection(project.zones))
            let box = try #require(red.envelope)
            let prepared = try engine.prepare(red)
            var taken = 0
            for p in parcels where p.geometry.envelope.map(box.intersects) == true {
                if try prepared.intersects(p.geometry), try engine.area(try engine.intersection(p.geometry, red)) >= 1 { taken += 1 }
            }
            var inside = 0, edge = 0
            for h in houses where h.geometry.envelope.map(box.intersects) == true {
                // Touching (overlap under 0.01 m²) is not crossing the red line.
                if try prepared.covers(h.geometry) {
                    inside += 1
                } else if try prepared.intersects(h.geometry), try engine.area(try engine.intersection(h.geometry, red)) >= 0.01 {
                    edge += 1
                }
            }
            #expect(taken > 0, "\(project.id) takes no parcel")
            if project.kind != "utility-relocation" { #expect(inside > 0, "\(project.id) has no house wholly inside") }
            if project.id == "x-ave-ext" { #expect((3...5).contains(edge), "X大道延长线 has \(edge) edge households") }
        }
    }

    @Test("the substation 棉丰变电站 and the line 棉普线 lie in the X大道 red line")
    func avenueUtilities() throws {
        let engine = try GeometryEngine()
        let avenue = try #require(try Self.projects(engine).first { $0.id == "x-ave" })
        let utilities = try Self.features("utilities.geojson")
        for id in ["SUB-MF", "PL-MP"] {
            let u = try #require(utilities.first { $0.id == id })
            #expect(try avenue.zones.contains { try engine.intersects($0, u.geometry) }, "\(id)")
        }
        #expect(utilities.first { $0.id == "SUB-MF" }?.properties["name"] == "棉丰变电站")
        #expect(utilities.first { $0.id == "PL-MP" }?.properties["name"] == "棉普线")
    }

    @Test("the high-speed-rail area polygon has a hole")
    func railAreaHasAHole() throws {
        let engine = try GeometryEngine()
        let rail = try #require(try Self.projects(engine).first { $0.kind == "rail-area" })
        #expect(rail.zones.flatMap(\.polygons).contains { !$0.holes.isEmpty })
    }

    // MARK: Households

    @Test("household ID-card numbers are 18 characters, region 5101xx, with a valid ISO 7064 check character")
    func idCardNumbers() throws {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let check = Array("10X98765432")
        for h in try Self.features("buildings.geojson") {
            let id = Array(try #require(h.properties["id_card"]))
            #expect(id.count == 18 && String(id.prefix(4)) == "5101", "\(h.id)")
            let sum = zip(id.prefix(17), weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 100) * $1.1 }
            #expect(id.last == check[sum % 11], "\(h.id) check character")
        }
    }

    // MARK: Events

    @Test("events-2021.csv is well formed: known values, existing ids, one stage at a time, in date order")
    func eventsAreWellFormed() throws {
        let rows = try Self.eventRows()
        #expect(rows.first == ["entity", "id", "project", "action", "stage", "reason", "note", "by", "at"])
        let stages = [
            "parcel": ["pending", "surveyed", "inventoried", "agreed", "compensated", "cleared", "handed-over"],
            "household": ["pending", "inventoried", "agreed", "vacated", "demolished"],
            "utility": ["pending", "designed", "relocating", "relocated"],
        ]
        let ids = [
            "parcel": Set(try Self.features("parcels.geojson").map(\.id)),
            "household": Set(try Self.features("buildings.geojson").map(\.id)),
            "utility": Set(try Self.features("utilities.geojson").map(\.id)),
        ]
        let projectIDs = Set(try Self.projects(try GeometryEngine()).map(\.id))
        let reasons: Set = ["contractor", "dispute", "approval", "funding", "design", "other"]
        var last: [String: (at: String, stage: Int)] = [:]
        for (n, row) in rows.dropFirst().enumerated() {
            let line = n + 2
            try #require(row.count == 9, "line \(line) has \(row.count) fields")
            let (entity, id, project, action, stage, reason, note, by, at) = (
                row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]
            )
            let order = try #require(stages[entity], "line \(line): entity \(entity)")
            #expect(ids[entity]?.contains(id) == true, "line \(line): unknown \(entity) \(id)")
            #expect(projectIDs.contains(project), "line \(line): unknown project \(project)")
            #expect(
                at.wholeMatch(of: /2021-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:00\+08:00/) != nil,
                "line \(line): at \(at)")
            #expect(!by.isEmpty, "line \(line): by")
            let key = "\(entity)/\(id)/\(project)"
            let previous = last[key] ?? (at: "", stage: 0)
            #expect(previous.at <= at, "line \(line): \(key) goes back in time")
            switch action {
            case "set":
                let s = try #require(order.firstIndex(of: stage), "line \(line): stage \(stage)")
                #expect(s == previous.stage + 1, "line \(line): \(key) skips from \(order[previous.stage]) to \(stage)")
                #expect(reason.isEmpty)
                last[key] = (at, s)
            case "block":
                #expect(reasons.contains(reason), "line \(line): reason \(reason)")
                last[key] = (at, previous.stage)
            case "unblock":
                last[key] = (at, previous.stage)
            case "defer":
                #expect(!note.isEmpty, "line \(line): a deferral needs a note")
                last[key] = (at, previous.stage)
            default:
                Issue.record("line \(line): unknown action \(action)")
            }
        }
        let size = try #require(
            try FileManager.default.attributesOfItem(atPath: Self.directory.appendingPathComponent("events-2021.csv").path)[.size] as? Int)
        #expect(size < 2_500_000)
    }

    @Test("on 2021-12-31 the events give the report's situation for X大道 and its extension")
    func yearEndSituation() throws {
        let rows = try Self.eventRows().dropFirst()
        var stage: [String: String] = [:]
        var blocked: [String: (reason: String, note: String)] = [:]
        var deferred: [String: String] = [:]
        for r in rows {
            let key = "\(r[0])/\(r[1])/\(r[2])"
            switch r[3] {
            case "set": stage[key] = r[4]
            case "block": blocked[key] = (r[5], r[6])
            case "unblock": blocked[key] = nil
            case "defer": deferred[key] = r[6]
            default: break
            }
        }
        // X大道: power relocation done except the substation, blocked on the contractor's side.
        let avenueUtilities = stage.filter { $0.key.hasPrefix("utility/") && $0.key.hasSuffix("/x-ave") }
        #expect(!avenueUtilities.isEmpty)
        for (key, s) in avenueUtilities where key != "utility/SUB-MF/x-ave" { #expect(s == "relocated", "\(key)") }
        #expect(stage["utility/SUB-MF/x-ave"] != "relocated")
        #expect(blocked["utility/SUB-MF/x-ave"]?.reason == "contractor")
        #expect(stage["utility/PL-MP/x-ave"] == "relocated")
        // X大道延长线: all land cleared or handed over, households demolished except 3–5 deferred edge households.
        let extParcels = stage.filter { $0.key.hasPrefix("parcel/") && $0.key.hasSuffix("/x-ave-ext") }
        #expect(!extParcels.isEmpty && extParcels.values.allSatisfy { $0 == "cleared" || $0 == "handed-over" })
        let extHouseholds = stage.filter { $0.key.hasPrefix("household/") && $0.key.hasSuffix("/x-ave-ext") }
        let edge = extHouseholds.keys.filter { deferred[$0] != nil }
        #expect((3...5).contains(edge.count))
        #expect(edge.allSatisfy { deferred[$0] == "边线户，不影响施工" })
        for (key, s) in extHouseholds where deferred[key] == nil { #expect(s == "demolished", "\(key)") }
        // 阳安中学市政道路: survey map issued and baseline inventory finished on every parcel.
        let school = stage.filter { $0.key.hasPrefix("parcel/") && $0.key.hasSuffix("/yangan-school-road") }
        #expect(!school.isEmpty && school.values.allSatisfy { $0 == "inventoried" })
    }

    // MARK: Survey files

    @Test("the survey TXT files read back as EPSG:4523 (zone 35 with prefix), one of them GBK with a hole")
    func surveyFiles() throws {
        let folder = Self.directory.appendingPathComponent("survey")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 2)
        var sawHole = false, sawGBK = false
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            if String(bytes: bytes, encoding: .utf8) == nil { sawGBK = true }
            let (file, readDiagnostics) = try SurveyTXTReader.read(bytes, file: name)
            let features = try file.features(file: name)
            #expect(features.crs == CRS(epsg: 4523), "\(name)")
            #expect(!(readDiagnostics + features.diagnostics).contains { $0.severity == .error }, "\(name)")
            #expect(!features.features.isEmpty)
            if features.features.contains(where: { $0.geometry.polygons.contains { !$0.holes.isEmpty } }) { sawHole = true }
        }
        #expect(sawHole && sawGBK)
    }
}
