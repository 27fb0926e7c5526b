import Foundation
import LandKit

/// Generates the whole data set of X街道 into one directory.
struct Generator {
    let options: Options

    /// The lon/lat box of the sample area (EPSG:4490) — everything of the committed sample lies inside.
    static let lonLatBox = Envelope(minX: 104.4, minY: 30.3, maxX: 104.7, maxY: 30.5)

    /// Writes every file and returns a short summary for the terminal.
    func run() throws -> String {
        let out = options.outputDirectory
        let fm = FileManager.default
        for dir in [out, out + "/zones", out + "/survey"] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        let seed = options.seed

        // The lon/lat box in EPSG:4544, from PROJ (edges sampled: GK grid lines are curved in lon/lat).
        let toGK = try Transformer(from: .cgcs2000, to: .cm105)
        var boxEdge: [Coordinate] = []
        for k in 0...30 {
            let t = Double(k) / 30
            let lon = 104.4 + 0.3 * t, lat = 30.3 + 0.2 * t
            boxEdge += [Coordinate(lon, 30.3), Coordinate(lon, 30.5), Coordinate(104.4, lat), Coordinate(104.7, lat)]
        }
        try toGK.transform(&boxEdge)
        guard let gkBox = Geometry.multiPoint(boxEdge).envelope else { throw GeneratorError("empty extent") }
        let center = Coordinate(
            ((gkBox.minX + gkBox.maxX) / 2 / 1000).rounded() * 1000, ((gkBox.minY + gkBox.maxY) / 2 / 1000).rounded() * 1000)

        let shape = ParcelGrid.shape(parcels: options.parcels)
        let grid = ParcelGrid(columns: shape.columns, rows: shape.rows, center: center, seed: seed)
        let extent = grid.extent
        let layout = Layout(grid: grid)
        let villages = Villages(extent: extent, layout: layout, seed: seed)
        let planner = HouseholdPlanner(extent: extent, layout: layout, seed: seed)
        let hamlets = planner.hamlets()
        let projects = layout.projects()
        let engine = try GeometryEngine()
        let calculator = MembershipCalculator(engine: engine, grid: grid)

        // Houses: none may straddle the avenue extension's red line except the designated edge households.
        guard let ext = projects.first(where: { $0.id == "x-ave-ext" }), case .centerline(let extLine, let extWidth) = ext.zones[0].shape
        else {
            throw GeneratorError("the layout has no x-ave-ext centerline")
        }
        let extRedLine = try calculator.redLine(of: ext)
        let extRed = try engine.prepare(extRedLine)
        var designated = Layout.edgeHouseholdStations.compactMap { station in
            house(on: extLine, atCoreU: station.u, offset: station.side * extWidth / 2, length: 12, depth: 10, layout: layout)
        }
        // A house in the middle of a village road's new line (the narrow roads take few houses wholly).
        if let roads = projects.first(where: { $0.id == "village-roads" }), case .centerline(let line, _) = roads.zones[0].shape,
            let h = house(on: line, atCoreU: 900, offset: 0, length: 11, depth: 8, layout: layout)
        {
            designated.append(h)
        }
        let households = try planner.households(hamlets: hamlets, edgeHouses: designated, villages: villages) { p in
            let g = Geometry.polygon(p)
            guard try extRed.intersects(g), try !extRed.covers(g) else { return true }
            return try engine.area(try engine.intersection(g, extRedLine)) < Membership.touchingSquareMetres
        }
        let utilities = layout.utilities()
        let landUse = LandUse(hamlets: hamlets, seed: seed)
        let idWidth = max(5, String(grid.count).count)
        func parcelID(_ index: Int) -> String { "DK-" + Text.pad(index + 1, idWidth) }

        // Parcels, streamed row by row.
        let parcelFile = try TextFile(out + "/parcels.geojson")
        try parcelFile.write(GeoJSONOutput.header(name: "parcels"))
        var classCounts: [String: Int] = [:]
        var parcelAreaSum = 0.0
        var sizes = ParcelSizes()
        for index in 0..<grid.count {
            let (c, r) = grid.cell(index: index)
            let ring = grid.ring(column: c, row: r)
            let lc = landUse.landClass(grid: grid, column: c, row: r)
            classCounts["\(lc.code) \(lc.name)", default: 0] += 1
            let area = PlanarArea.ring(ring.map(\.coordinate))
            parcelAreaSum += area
            sizes.add(mu: AreaUnit.mu(squareMetres: area))
            let place = villages.place(at: grid.center(column: c, row: r))
            let owner = lc == .road || lc == .ditch ? "\(place.village)集体" : "\(place.village)\(place.group)集体"
            let feature = GeoJSONOutput.feature(
                id: parcelID(index),
                properties: [
                    ("id", .string(parcelID(index))), ("village", .string(place.village)), ("group", .string(place.group)),
                    ("land_class", .string(lc.code)), ("land_class_name", .string(lc.name)), ("owner", .string(owner)),
                ],
                geometry: "{\"type\":\"Polygon\",\"coordinates\":[\(GeoJSONOutput.ring(ring))]}")
            try parcelFile.write(index == 0 ? feature : ",\n" + feature)
        }
        try parcelFile.write(GeoJSONOutput.footer)
        try parcelFile.close()

        // Buildings and households.
        let buildingFeatures = households.map { h in
            GeoJSONOutput.feature(
                id: h.id,
                properties: [
                    ("id", .string(h.id)), ("head", .string(h.head)), ("id_card", .string(h.idCard)), ("phone", .string(h.phone)),
                    ("members", .number(String(h.members))), ("floors", .number(String(h.floors))),
                    ("floor_area_m2", .number(Text.fixed(h.floorAreaSquareMetres, 1))), ("structure", .string(h.structure)),
                    ("village", .string(h.village)), ("group", .string(h.group)),
                ],
                geometry: Geometry.polygon(h.footprint).geoJSON(decimals: 2))
        }
        try GeoJSONOutput.write(out + "/buildings.geojson", name: "buildings", features: buildingFeatures)

        let utilityFeatures = utilities.map { u in
            GeoJSONOutput.feature(
                id: u.id,
                properties: [
                    ("id", .string(u.id)), ("kind", .string(u.kind)), ("name", .string(u.name)),
                    ("owner_company", .string(u.ownerCompany)), ("voltage", u.voltage.map { .string($0) } ?? .null),
                ],
                geometry: u.geometry.geoJSON(decimals: 2))
        }
        try GeoJSONOutput.write(out + "/utilities.geojson", name: "utilities", features: utilityFeatures)

        // Projects: zones, manifest, memberships.
        var memberships: [Membership] = []
        var manifest: [String] = []
        for p in projects {
            memberships.append(try calculator.membership(of: p, households: households, utilities: utilities))
            var zones: [String] = []
            for z in p.zones {
                let geometry: Geometry
                var props: [(String, GeoJSONOutput.Value)] = [("id", .string(z.id)), ("name", .string(z.name)), ("project", .string(p.id))]
                switch z.shape {
                case .polygon(let poly):
                    geometry = .polygon(poly)
                    zones.append("{\"id\":\(Text.json(z.id)),\"name\":\(Text.json(z.name)),\"polygon\":\(Text.json(z.fileName))}")
                case .centerline(let line, let width):
                    geometry = .lineString(line)
                    props.append(("width_m", .number(Text.metres(Int64(width * 100)))))
                    zones.append(
                        "{\"id\":\(Text.json(z.id)),\"name\":\(Text.json(z.name)),\"centerline\":\(Text.json(z.fileName)),\"width_m\":\(Text.metres(Int64(width * 100)))}"
                    )
                }
                try GeoJSONOutput.write(
                    out + "/" + z.fileName, name: z.id,
                    features: [GeoJSONOutput.feature(id: z.id, properties: props, geometry: geometry.geoJSON(decimals: 2))])
            }
            manifest.append(
                "    {\"id\":\(Text.json(p.id)),\"name\":\(Text.json(p.name)),\"kind\":\(Text.json(p.kind)),\"due\":\(Text.json(p.due)),\"zones\":[\n      "
                    + zones.joined(separator: ",\n      ") + "]}")
        }
        try Data(("{\"crs\":\"EPSG:4544\",\"projects\":[\n" + manifest.joined(separator: ",\n") + "\n]}\n").utf8)
            .write(to: URL(fileURLWithPath: out + "/projects.json"))

        let warnings = verify(projects: projects, memberships: memberships, utilities: utilities)

        // Events of 2021.
        let events = planEvents(
            projects: projects, memberships: memberships, households: households, utilities: utilities, parcelID: parcelID)
        let csv = try TextFile(out + "/events-2021.csv")
        try csv.write(StatusEvent.header + "\n")
        for e in events { try csv.write(e.csvRow + "\n") }
        try csv.close()

        // Survey files of the Yang'an school road (survey map issued 2021-05-20).
        if let i = projects.firstIndex(where: { $0.id == "yangan-school-road" }) {
            try writeSurveyFiles(
                project: projects[i], membership: memberships[i], grid: grid, landUse: landUse, engine: engine, parcelID: parcelID,
                directory: out + "/survey")
        }

        let areas = try AreaCalculator(crs: .cm105)
        var redLineMu: [Double] = []
        for m in memberships {
            let clipped = try engine.intersection(m.redLine, .polygon(extent.polygon))
            redLineMu.append(AreaUnit.mu(squareMetres: try areas.ellipsoidalArea(clipped)))
        }
        let readme = Readme(
            options: options, grid: grid, lonLatBox: Generator.lonLatBox, gkBox: gkBox, extentLonLat: try lonLat(of: extent),
            extentEllipsoidalSquareMetres: try areas.ellipsoidalArea(.polygon(extent.polygon)), parcelAreaSum: parcelAreaSum, sizes: sizes,
            classCounts: classCounts, households: households, utilities: utilities, projects: projects,
            memberships: memberships, redLineMu: redLineMu, events: events, villages: villages, scale: layout.scale)
        try Data(readme.text.utf8).write(to: URL(fileURLWithPath: out + "/README.md"))

        var summary = "landkit-geodata: wrote \(grid.count) parcels, \(households.count) households, \(utilities.count) utilities, "
        summary += "\(projects.count) projects, \(events.count) events into \(out)\n"
        for w in warnings { summary += "warning: \(w)\n" }
        if !warnings.isEmpty && layout.scale >= 1 {
            throw GeneratorError(summary + "the full-size layout must not produce warnings")
        }
        return summary
    }

    /// The study area's corners in lon/lat (EPSG:4490).
    private func lonLat(of e: Envelope) throws -> Envelope {
        let back = try Transformer(from: .cm105, to: .cgcs2000)
        var corners = [Coordinate(e.minX, e.minY), Coordinate(e.maxX, e.minY), Coordinate(e.maxX, e.maxY), Coordinate(e.minX, e.maxY)]
        try back.transform(&corners)
        return Geometry.multiPoint(corners).envelope ?? e
    }

    /// A `length` × `depth` house aligned with a centerline, its centre `offset` metres to the left
    /// (negative: right) of the centerline at the core-frame easting `u`.
    private func house(on line: [Coordinate], atCoreU u: Double, offset: Double, length: Double, depth: Double, layout: Layout) -> Polygon?
    {
        let x = layout.place(u, 0).x
        for k in 0..<(line.count - 1) where line[k].x <= x && x <= line[k + 1].x {
            let a = line[k], b = line[k + 1]
            let t = (x - a.x) / (b.x - a.x)
            let dx = b.x - a.x, dy = b.y - a.y, l = hypot(dx, dy)
            let (ux, uy) = (dx / l, dy / l)
            let (nx, ny) = (-uy, ux)
            let c = Coordinate(a.x + t * dx + nx * offset, a.y + t * dy + ny * offset)
            let corners = [(-length / 2, -depth / 2), (length / 2, -depth / 2), (length / 2, depth / 2), (-length / 2, depth / 2)].map {
                p, q in
                Centimetres(Coordinate(c.x + p * ux + q * nx, c.y + p * uy + q * ny)).coordinate
            }
            return Polygon(exterior: corners + [corners[0]])
        }
        return nil
    }

    /// Checks what the report needs: every project takes land and (except utility moves) houses,
    /// the avenue extension has 3–5 edge households, the X大道 items exist.
    private func verify(projects: [ProjectSpec], memberships: [Membership], utilities: [Utility]) -> [String] {
        var w: [String] = []
        for (p, m) in zip(projects, memberships) {
            if m.parcels.isEmpty { w.append("project \(p.id) contains no parcels") }
            if !p.utilityOnly && m.inside.isEmpty { w.append("project \(p.id) contains no houses wholly inside") }
            if p.id == "x-ave-ext" && !(3...5).contains(m.edge.count) {
                w.append("x-ave-ext has \(m.edge.count) edge households, the report needs 3 to 5")
            }
            if p.id == "x-ave" {
                for id in ["SUB-MF", "PL-MP"] where !m.utilities.contains(where: { utilities[$0].id == id }) {
                    w.append("\(id) does not meet the X大道 red line")
                }
            }
            if p.id == "xcj-utility" || p.id == "airport-clearance", m.utilities.isEmpty {
                w.append("project \(p.id) has no utilities to move")
            }
        }
        return w
    }
}

/// Parcel size statistics for the README (mu).
struct ParcelSizes {
    var smallest = Double.infinity
    var largest = 0.0
    var typical = 0
    var count = 0

    mutating func add(mu: Double) {
        smallest = min(smallest, mu)
        largest = max(largest, mu)
        if mu >= 0.5 && mu <= 5 { typical += 1 }
        count += 1
    }
}
