import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import LandKit

// Hand-made projects in EPSG:4544 metres near (500 000, 3 350 000): a 400 m × 300 m red line cut
// into 100 m × 100 m parcels, a few houses and utilities. Every expected count below comes from
// how these inputs were built, not from the renderer.

private let e0 = 500_000.0
private let n0 = 3_350_000.0

private func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
    .polygon(Polygon(exterior: [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]))
}

private let day = LocalDate(year: 2021, month: 12, day: 31) ?? LocalDate(Date(timeIntervalSince1970: 0), timeZone: .gmt)

/// 4 × 3 parcels of 100 m; stage = (column + row) mod 7; parcel (0,0) blocked (dispute), (3,2) deferred.
private func sampleMap(name: String = "X大道延长线") -> MapData {
    var parcels: [MapParcel] = []
    for row in 0..<3 {
        for col in 0..<4 {
            let x = e0 + Double(col) * 100, y = n0 + Double(row) * 100
            var status = MapStatus(stage: EntityKind.parcel.stages[(col + row) % 7])
            if col == 0 && row == 0 { status.blocked = .dispute }
            if col == 3 && row == 2 { status.deferred = true }
            parcels.append(MapParcel(id: "DK\(row)\(col)", geometry: box(x, y, x + 100, y + 100), status: status))
        }
    }
    let households = [
        MapHousehold(
            id: "H1", geometry: box(e0 + 40, n0 + 40, e0 + 52, n0 + 50), position: .inside, status: MapStatus(stage: .household(.agreed))),
        MapHousehold(
            id: "H2", geometry: .point(Coordinate(e0 + 150, n0 + 150)), position: .inside, status: MapStatus(stage: .household(.demolished))
        ),
        MapHousehold(
            id: "H3", geometry: box(e0 + 395, n0 + 200, e0 + 410, n0 + 212), position: .edge,
            status: MapStatus(stage: .household(.vacated), deferred: true)),
    ]
    let utilities = [
        MapUtility(
            id: "PL1", name: "棉普线", geometry: .lineString([Coordinate(e0 - 20, n0 + 150), Coordinate(e0 + 420, n0 + 160)]),
            status: MapStatus(stage: .utility(.relocated))),
        MapUtility(
            id: "SUB-MF", name: "棉丰变电站", geometry: .point(Coordinate(e0 + 250, n0 + 60)),
            status: MapStatus(stage: .utility(.designed), blocked: .contractor)),
    ]
    return MapData(
        projectID: "x-ave-ext", projectName: name, date: day, redLine: box(e0, n0, e0 + 400, n0 + 300),
        parcels: parcels, households: households, utilities: utilities)
}

/// Every element of an XML document with its attributes; nil when the text is not well-formed.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append((elementName, attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    static func parse(_ xml: String) -> ElementCollector? {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func count(class cls: String) -> Int { elements.filter { $0.attributes["class"] == cls }.count }
}

@Suite("Project map (SVG)")
struct ProjectMapTests {
    @Test("the map is well-formed XML with one parcel path per parcel, one group per house, one path per utility")
    func elementsPerItem() throws {
        let svg = ProjectMap.svg(sampleMap())
        let doc = try #require(ElementCollector.parse(svg))
        #expect(doc.elements.first?.name == "svg")
        #expect(doc.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(doc.elements.first?.attributes["viewBox"] != nil)
        #expect(doc.count(class: "parcel") == 12)
        #expect(Set(doc.elements.filter { $0.attributes["class"] == "parcel" }.compactMap { $0.attributes["data-id"] }).count == 12)
        #expect(doc.count(class: "house") == 3)
        #expect(doc.count(class: "utility") == 2)
        let edge = doc.elements.filter { $0.attributes["class"] == "house" && $0.attributes["data-position"] == "edge" }.map {
            $0.attributes["data-id"]
        }
        #expect(edge == ["H3"])
        // Stage of DK12 is (2 + 1) mod 7 = 3: agreed.
        #expect(doc.elements.first { $0.attributes["data-id"] == "DK12" }?.attributes["data-stage"] == "agreed")
    }

    @Test("title, date, the seven land stages in Chinese and English, and blocker reasons in Chinese are on the map")
    func legendAndTitle() throws {
        let svg = ProjectMap.svg(sampleMap())
        let doc = try #require(ElementCollector.parse(svg))
        #expect(doc.text.contains("X大道延长线"))
        #expect(doc.text.contains("2021-12-31"))
        for (zh, en) in zip(
            ["待启动", "已勘测定界", "已摸底", "已签协议", "已补偿", "已清表", "已交地"],
            ["pending", "surveyed", "inventoried", "agreed", "compensated", "cleared", "handed-over"])
        {
            #expect(doc.text.contains(zh), "legend lacks \(zh)")
            #expect(doc.text.contains(en), "legend lacks \(en)")
        }
        #expect(doc.text.contains("群众诉求"))  // DK00 blocked by a dispute
        #expect(doc.text.contains("施工方原因"))  // the substation, contractor's side
        #expect(doc.text.contains("边线户"))
        // Blocked: DK00 and SUB-MF.
        #expect(doc.elements.filter { $0.attributes["class"] == "blocked" }.count == 2)
    }

    @Test("text in the project name is escaped, so the SVG stays well-formed")
    func escaping() throws {
        let svg = ProjectMap.svg(sampleMap(name: "A&B <路> \"甲\""))
        let doc = try #require(ElementCollector.parse(svg))
        #expect(doc.text.contains("A&B <路> \"甲\""))
    }

    @Test("north is up: a parcel further north is drawn higher (smaller SVG y)")
    func yIsFlipped() throws {
        let doc = try #require(ElementCollector.parse(ProjectMap.svg(sampleMap())))
        func firstY(_ id: String) -> Double? {
            guard let d = doc.elements.first(where: { $0.attributes["data-id"] == id })?.attributes["d"], d.hasPrefix("M") else {
                return nil
            }
            let numbers = d.dropFirst().split(whereSeparator: { $0 == " " || $0 == "l" || $0 == "z" }).prefix(2)
            return numbers.count == 2 ? Double(String(numbers[numbers.index(after: numbers.startIndex)])) : nil
        }
        let south = try #require(firstY("DK00")), north = try #require(firstY("DK20"))
        #expect(north < south)
    }

    @Test(
        "the scale bar uses a round length: 1, 2 or 5 × 10ⁿ metres",
        arguments: [(730.0, 500.0), (1999.0, 1000.0), (199.0, 100.0), (2000.0, 2000.0), (35.0, 20.0)])
    func niceLength(max: Double, expected: Double) {
        #expect(ProjectMap.niceLength(atMost: max) == expected)
    }

    @Test("labels stay inside the map frame, even for blocked parcels on every edge of the red line")
    func labelsInsideFrame() throws {
        // A 2 km × 1 km red line ringed by 100 m parcels, every one blocked, with long labels.
        var parcels: [MapParcel] = []
        for i in 0..<20 {
            for (x, y) in [(e0 + Double(i) * 100, n0), (e0 + Double(i) * 100, n0 + 900)] {
                parcels.append(
                    MapParcel(
                        id: "DK-EDGE-\(parcels.count)", geometry: box(x, y, x + 100, y + 100),
                        status: MapStatus(stage: .land(.surveyed), blocked: .dispute)))
            }
        }
        for j in 1..<9 {
            for x in [e0, e0 + 1900] {
                let y = n0 + Double(j) * 100
                parcels.append(
                    MapParcel(
                        id: "DK-EDGE-\(parcels.count)", geometry: box(x, y, x + 100, y + 100),
                        status: MapStatus(stage: .land(.surveyed), blocked: .funding)))
            }
        }
        let data = MapData(
            projectID: "edges", projectName: "边界标注", date: day, redLine: box(e0, n0, e0 + 2000, n0 + 1000), parcels: parcels)
        var options = MapOptions()
        options.maxBlockerLabels = 100
        let svg = ProjectMap.svg(data, options: options)
        func number(_ name: String, in tag: Substring) -> Double? {
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        // The frame: the map's background rectangle.
        let frameTag = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<rect") && $0.contains("fill=\"#f6f6f2\"") })
        let fx = try #require(number("x", in: frameTag)), fy = try #require(number("y", in: frameTag))
        let fw = try #require(number("width", in: frameTag)), fh = try #require(number("height", in: frameTag))
        let group = try #require(svg.range(of: "<g class=\"labels\""))
        let labels = svg[group.lowerBound...].components(separatedBy: "</g>")[0]
            .split(separator: "\n").filter { $0.hasPrefix("<text") }
        #expect(labels.count >= 10)
        for tag in labels {
            let x = try #require(number("x", in: tag)), baseline = try #require(number("y", in: tag))
            let text = tag.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            // 11 px type: 1 em per CJK character, 0.6 em per other character; ascent 0.9 em, descent 0.25 em.
            let width = text.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 11 : 6.6) }
            #expect(x >= fx && x + width <= fx + fw + 0.5, "label \(text) at x \(x) width \(width) leaves the frame \(fx)…\(fx + fw)")
            #expect(baseline - 9.9 >= fy && baseline + 2.75 <= fy + fh, "label \(text) at y \(baseline) leaves the frame")
        }
    }

    @Test("scale labels switch to km at 1000 m")
    func lengthLabels() {
        #expect(ProjectMap.lengthLabel(500) == "500 m")
        #expect(ProjectMap.lengthLabel(1000) == "1 km")
        #expect(ProjectMap.lengthLabel(2000) == "2 km")
    }

    @Test("above the threshold parcels are aggregated: one cell path per stage present, blocked parcels still drawn")
    func aggregated() throws {
        var data = sampleMap()
        // 12 parcels use stages (c + r) mod 7 for c < 4, r < 3: 0…5 → six stages present.
        var options = MapOptions()
        options.aggregateAboveParcels = 10
        let doc = try #require(ElementCollector.parse(ProjectMap.svg(data, options: options)))
        #expect(doc.count(class: "parcel") == 0)
        let cells = doc.elements.filter { $0.attributes["class"] == "parcel-cells" }
        #expect(cells.count == 6)
        #expect(cells.compactMap { $0.attributes["data-parcels"].flatMap(Int.init) }.reduce(0, +) == 12)
        #expect(doc.elements.filter { $0.attributes["class"] == "blocked" && $0.attributes["data-ref"] == "DK00" }.count == 1)
        data.parcels = []
        #expect(ElementCollector.parse(ProjectMap.svg(data, options: options)) != nil)
    }

    @Test("a project of 50,000 parcels gives a map under 5 MB, quickly")
    func largeProject() throws {
        // 250 × 200 parcels of 20 m × 20 m, each a 9-vertex ring (extra vertices on the edges).
        var parcels: [MapParcel] = []
        parcels.reserveCapacity(50_000)
        for row in 0..<200 {
            for col in 0..<250 {
                let x = e0 + Double(col) * 20, y = n0 + Double(row) * 20
                let ring = [
                    Coordinate(x, y), Coordinate(x + 10, y), Coordinate(x + 20, y), Coordinate(x + 20, y + 10), Coordinate(x + 20, y + 20),
                    Coordinate(x + 10, y + 20), Coordinate(x, y + 20), Coordinate(x, y + 10), Coordinate(x, y),
                ]
                parcels.append(
                    MapParcel(
                        id: "DK\(row)-\(col)", geometry: .polygon(Polygon(exterior: ring)),
                        status: MapStatus(
                            stage: EntityKind.parcel.stages[(col / 40) % 7], blocked: row == 100 && col % 50 == 0 ? .funding : nil)))
            }
        }
        let data = MapData(projectID: "big", projectName: "大项目", date: day, redLine: box(e0, n0, e0 + 5000, n0 + 4000), parcels: parcels)
        let start = Date()
        let svg = ProjectMap.svg(data)
        let seconds = Date().timeIntervalSince(start)
        #expect(svg.utf8.count < 5_000_000)
        // Release builds take well under 2 s; debug builds are several times slower.
        #expect(seconds < 10)
        let doc = try #require(ElementCollector.parse(svg))
        #expect(doc.count(class: "parcel-cells") == 7)
        #expect(doc.elements.filter { $0.attributes["class"] == "blocked" }.count == 5)
    }
}

extension ProjectMapTests {
    @Test("up to the threshold every parcel keeps its own path, and 20,000 of them still fit in 5 MB")
    func individualAtThreshold() throws {
        // 160 × 125 parcels of 30 m, 9-vertex rings; 20,000 = the default threshold, so not aggregated.
        var parcels: [MapParcel] = []
        parcels.reserveCapacity(20_000)
        for row in 0..<125 {
            for col in 0..<160 {
                let x = e0 + Double(col) * 30, y = n0 + Double(row) * 30
                let ring = [
                    Coordinate(x, y), Coordinate(x + 15, y), Coordinate(x + 30, y), Coordinate(x + 30, y + 15), Coordinate(x + 30, y + 30),
                    Coordinate(x + 15, y + 30), Coordinate(x, y + 30), Coordinate(x, y + 15), Coordinate(x, y),
                ]
                parcels.append(
                    MapParcel(id: "DK\(row)-\(col)", geometry: .polygon(Polygon(exterior: ring)), status: MapStatus(stage: .land(.cleared)))
                )
            }
        }
        let svg = ProjectMap.svg(
            MapData(projectID: "mid", projectName: "中型项目", date: day, redLine: box(e0, n0, e0 + 4800, n0 + 3750), parcels: parcels))
        #expect(svg.utf8.count < 5_000_000)
        let doc = try #require(ElementCollector.parse(svg))
        #expect(doc.count(class: "parcel") == 20_000)
    }
}

@Suite("HTML dashboard")
struct HTMLDashboardTests {
    static func project(_ id: String, _ name: String, narrative: String, blocker: ProjectProgress.Blocker?) -> ProjectProgress {
        let stageMu = Dictionary(
            uniqueKeysWithValues: LandStage.allCases.map { ($0, $0 == .cleared ? 60.0 : $0 == .pending ? 40.0 : 0) })
        return ProjectProgress(
            id: id, name: name, kind: .road, due: LocalDate(year: 2022, month: 6, day: 30), daysLeft: 181,
            land: .init(
                parcels: 12, requiredSquareMetres: 66_666.67, requiredMu: 100, byClass: [], stageMu: stageMu, reachedMu: [.cleared: 60],
                clearedMu: 60, clearedPct: 60, handedOverMu: 0, handedOverPct: 0),
            households: .init(
                inside: 8, edge: 2, stage: [:], signed: 7, vacated: 6, demolished: 5, demolishedPct: 50, deferred: 1, deferredEdge: 1),
            utilities: .init(items: 2, lengthMetres: 440, stage: [:], relocated: 1, relocatedMetres: 440),
            blockers: blocker.map { [$0] } ?? [], deferredItems: [.init(entity: .household, id: "H3", position: .edge, note: "边线户，不影响施工")],
            change: nil, outOfZone: 0, narrativeZh: narrative, narrativeEn: "\(id): 60.00 mu cleared (60.0%).",
            open: .init(landMu: 40, households: 4, utilities: 1))
    }

    static func report() -> ProgressReport {
        let blocker = ProjectProgress.Blocker(
            entity: .utility, id: "SUB-MF", label: "棉丰变电站", reason: .contractor, owner: "contractor",
            note: nil, since: LocalDate(year: 2021, month: 9, day: 1), days: 121)
        let house = ProjectProgress.Blocker(
            entity: .household, id: "H9", label: "西峰村3组张*户", reason: .dispute, owner: "residents",
            note: "补偿标准", since: LocalDate(year: 2021, month: 12, day: 1), days: 30)
        let a = project("x-ave-ext", "X大道延长线", narrative: "X大道延长线：清理附着物60.00亩（60.0%），拆除房屋5户。", blocker: blocker)
        let b = project("village-roads", "村道迁改等“三改”", narrative: "村道迁改等“三改”：清理附着物60.00亩（60.0%）。", blocker: house)
        return ProgressReport(
            asOf: day, since: nil, projects: [a, b],
            totals: .init(
                requiredMuUnion: 187.5, requiredMuSum: 200, clearedMuSum: 120, householdsInside: 16, householdsEdge: 4,
                demolished: 10, deferred: 2, utilityItems: 4, relocated: 2, openBlockers: 2))
    }

    static func page() -> String {
        var maps: [String: String] = [:]
        for (i, id) in ["x-ave-ext", "village-roads"].enumerated() {
            var options = MapOptions()
            options.idPrefix = "map\(i)"
            var data = sampleMap()
            data.projectID = id
            maps[id] = ProjectMap.svg(data, options: options)
        }
        return HTMLDashboard.render(report(), maps: maps)
    }

    @Test("the page is self-contained: no URL but the SVG namespace, no src=, no <link>, no script")
    func selfContained() {
        let html = Self.page()
        let namespace = "xmlns=\"http://www.w3.org/2000/svg\""
        let withoutNamespace = html.replacingOccurrences(of: namespace, with: "")
        #expect(html.components(separatedBy: namespace).count - 1 == 2)  // one per inline map
        #expect(!withoutNamespace.contains("http://"))
        #expect(!withoutNamespace.contains("https://"))
        #expect(!html.contains("src="))
        #expect(!html.lowercased().contains("<link"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("@import"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test("each project's paragraph, blockers with Chinese reasons, and the union total are on the page")
    func content() {
        let html = Self.page()
        #expect(html.contains("街道征地拆迁工作进度"))
        #expect(html.contains("2021-12-31"))
        #expect(html.contains("X大道延长线：清理附着物60.00亩（60.0%），拆除房屋5户。"))
        #expect(html.contains("村道迁改等“三改”：清理附着物60.00亩（60.0%）。"))
        #expect(html.contains("x-ave-ext: 60.00 mu cleared (60.0%)."))
        #expect(html.contains("施工方原因"))
        #expect(html.contains("群众诉求"))
        #expect(html.contains("西峰村3组张*户"))
        #expect(html.contains("187.50"))  // land counted once, not the 200.00 sum
        #expect(html.contains("@media print"))
        #expect(html.contains("A4 landscape"))
        #expect(html.contains("class=\"landkit-map\""))
    }
}
