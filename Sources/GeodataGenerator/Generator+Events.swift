import LandKit

extension Generator {
    /// The 2021 events of all projects, in time order.
    func planEvents(
        projects: [ProjectSpec], memberships: [Membership], households: [Household], utilities: [Utility],
        parcelID: (Int) -> String
    ) -> [StatusEvent] {
        var planner = EventPlanner(seed: options.seed)
        let d = dayOf2021
        func utilityTeam(_ id: String) -> String {
            let kind = utilities.first(where: { $0.id == id })?.kind ?? ""
            return kind == "power-line" || kind == "substation" ? "电力迁改专班" : "管线迁改专班"
        }
        for (p, m) in zip(projects, memberships) {
            let plan = EventPlanner.plan(p.id)
            let team: (String) -> String = { _ in p.team }

            // Land.
            let parcelIDs = m.parcels.map { parcelID($0.index) }
            let landNote: (String, Int) -> String = { _, stage in
                switch (p.id, stage) {
                case ("yangan-school-road", 0): "勘测定界图已出"
                case ("yangan-school-road", 1): "摸底完成"
                case ("gaowu-resettlement", 3): "租地租金已支付"
                case ("airport-clearance", 4): "清理附着物"
                default: ""
                }
            }
            let land = planner.progress(
                entity: "parcel", ids: parcelIDs, project: p.id, stages: Stages.land, progress: plan.land, by: team, note: landNote)
            switch p.id {
            case "hsr-west-ave":
                // One parcel waits for its compensation money at the end of the year.
                if let k = land.indices.first(where: { land[$0].count == 4 }), let last = land[k].last {
                    planner.add(
                        StatusEvent(
                            entity: "parcel", id: parcelIDs[k], project: p.id, action: "block", reason: "funding",
                            note: "补偿款待拨付", by: p.team, day: min(360, last + 10), minute: 600))
                }
            case "hsr-abc":
                for k in land.indices.filter({ land[$0].count == 2 }).prefix(2) {
                    if let last = land[k].last {
                        planner.add(
                            StatusEvent(
                                entity: "parcel", id: parcelIDs[k], project: p.id, action: "block", reason: "approval",
                                note: "农用地转用审批手续办理中", by: p.team, day: min(362, last + 7), minute: 900))
                    }
                }
            default: break
            }

            // Households: the avenue extension's edge households stop after the inventory and are deferred.
            let insideIDs = m.inside.map { households[$0].id }
            let edgeIDs = m.edge.map { households[$0].id }
            if p.id == "x-ave-ext" {
                planner.progress(
                    entity: "household", ids: insideIDs, project: p.id, stages: Stages.household, progress: plan.households, by: team)
                let edgeDays = planner.progress(
                    entity: "household", ids: edgeIDs, project: p.id, stages: Stages.household,
                    progress: Progress(reach: [(1, 1)], from: d(2, 1), to: d(4, 30)), by: team)
                for (k, id) in edgeIDs.enumerated() {
                    let after = edgeDays[k].last ?? d(5, 1)
                    planner.add(
                        StatusEvent(
                            entity: "household", id: id, project: p.id, action: "defer", note: "边线户，不影响施工",
                            by: p.team, day: max(after + 1, d(6, 10)), minute: 600))
                }
            } else {
                let ids = (m.inside + m.edge).sorted().map { households[$0].id }
                let reached = planner.progress(
                    entity: "household", ids: ids, project: p.id, stages: Stages.household, progress: plan.households, by: team)
                if p.id == "gangtong-medical" {
                    // Two households dispute the compensation for a while, then sign.
                    var disputes = 0
                    for (k, days) in reached.enumerated() where disputes < 2 && days.count >= 2 && days[1] - days[0] >= 8 {
                        planner.add(
                            StatusEvent(
                                entity: "household", id: ids[k], project: p.id, action: "block", reason: "dispute",
                                note: "对房屋面积认定有异议", by: p.team, day: days[0] + 2, minute: 570))
                        planner.add(
                            StatusEvent(
                                entity: "household", id: ids[k], project: p.id, action: "unblock",
                                note: "复核后达成一致", by: p.team, day: days[1] - 2, minute: 960))
                        disputes += 1
                    }
                }
            }

            // Utilities: at X大道 the substation waits for its contractor; 棉普线 is rebuilt.
            let utilityIDs = m.utilities.map { utilities[$0].id }
            let regular = utilityIDs.filter { !(p.id == "x-ave" && $0 == "SUB-MF") }
            planner.progress(
                entity: "utility", ids: regular, project: p.id, stages: Stages.utility, progress: plan.utilities, by: utilityTeam,
                note: { id, stage in id == "PL-MP" && stage == 2 ? "棉普线拆旧及新建完成" : "" })
            if p.id == "x-ave" && utilityIDs.contains("SUB-MF") {
                planner.progress(
                    entity: "utility", ids: ["SUB-MF"], project: p.id, stages: Stages.utility,
                    progress: Progress(reach: [(1, 2)], from: d(3, 1), to: d(8, 20)), by: utilityTeam)
                planner.add(
                    StatusEvent(
                        entity: "utility", id: "SUB-MF", project: p.id, action: "block", reason: "contractor",
                        note: "棉丰变电站 施工方原因", by: "电力迁改专班", day: d(9, 1), minute: 570))
            }
        }
        return planner.sorted
    }

    /// Three 勘测定界 files for the Yang'an school road: the acquired pieces of three parcels (UTF-8),
    /// one whole parcel with a retained well plot as a hole (GBK, CRLF), and the red line itself.
    func writeSurveyFiles(
        project: ProjectSpec, membership m: Membership, grid: ParcelGrid, landUse: LandUse, engine: GeometryEngine,
        parcelID: (Int) -> String, directory: String
    ) throws {
        let areas = try AreaCalculator(crs: .cm105)
        func hectares(_ g: Geometry) throws -> Double { AreaUnit.hectares(squareMetres: try areas.ellipsoidalArea(g)) }
        func mm(_ r: [Coordinate]) -> [Coordinate] { r.map { Coordinate(($0.x * 1000).rounded() / 1000, ($0.y * 1000).rounded() / 1000) } }
        let largest = m.parcels.sorted {
            $0.overlapSquareMetres > $1.overlapSquareMetres || ($0.overlapSquareMetres == $1.overlapSquareMetres && $0.index < $1.index)
        }
        guard largest.count >= 4 else { return }

        var pieces: [SurveyPlot] = []
        for item in largest.prefix(3) {
            let (c, r) = grid.cell(index: item.index)
            let parcel = Geometry.polygon(grid.polygon(column: c, row: r))
            let piece = try engine.intersection(parcel, m.redLine)
            guard let p = piece.polygons.max(by: { PlanarArea.of(.polygon($0)) < PlanarArea.of(.polygon($1)) }) else { continue }
            let rings = p.rings.map(mm)
            let lc = landUse.landClass(grid: grid, column: c, row: r)
            pieces.append(
                SurveyPlot(
                    id: parcelID(item.index), name: "阳安中学市政道路\(parcelID(item.index))", use: "公路用地", classCode: lc.code,
                    rings: rings, areaHectares: try hectares(.polygon(Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))))))
        }
        try SurveyTXT.text(pieces, date: "2021-05-20", lineEnding: "\n")
            .write(toFile: directory + "/yangan-school-road-pieces.txt", atomically: true, encoding: .utf8)

        let whole = largest[3]
        let (c, r) = grid.cell(index: whole.index)
        let outer = grid.polygon(column: c, row: r).exterior
        let cx = outer.dropLast().reduce(0) { $0 + $1.x } / 4, cy = outer.dropLast().reduce(0) { $0 + $1.y } / 4
        let well = [
            Coordinate(cx - 4, cy - 4), Coordinate(cx - 4, cy + 4), Coordinate(cx + 4, cy + 4), Coordinate(cx + 4, cy - 4),
            Coordinate(cx - 4, cy - 4),
        ]
        let holed = Polygon(exterior: mm(outer), holes: [mm(well)])
        let lc = landUse.landClass(grid: grid, column: c, row: r)
        let withHole = SurveyPlot(
            id: parcelID(whole.index), name: "阳安中学市政道路\(parcelID(whole.index))（扣除保留机井）", use: lc.name, classCode: lc.code,
            rings: holed.rings, areaHectares: try hectares(.polygon(holed)))
        try SurveyTXT.writeGBK(
            SurveyTXT.text([withHole], date: "2021-05-20", lineEnding: "\r\n"), to: directory + "/yangan-school-road-gbk.txt")

        if let red = m.redLine.polygons.first {
            let rings = red.rings.map(mm)
            let redLine = SurveyPlot(
                id: "YASR-RL", name: "阳安中学市政道路红线", use: "公路用地", classCode: "1003", rings: rings,
                areaHectares: try hectares(.polygon(Polygon(exterior: rings[0], holes: Array(rings.dropFirst())))))
            try SurveyTXT.text([redLine], date: "2021-05-20", lineEnding: "\n")
                .write(toFile: directory + "/yangan-school-road-red-line.txt", atomically: true, encoding: .utf8)
        }
    }
}
