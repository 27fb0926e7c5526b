import Foundation

/// The parcels of a survey file as features, with the CRS decided for the whole file.
public struct SurveyFeatures: Sendable {
    /// One feature per usable parcel, geometry Polygon or MultiPolygon in (easting, northing)
    /// metres of `crs`, id = 地块编号 (or "#n", the parcel's 1-based position).
    public var features: [FeatureRecord]
    /// The CRS of every feature's coordinates.
    public var crs: CRS
    /// True when the file had X and Y the wrong way round (X an easting, Y a northing).
    public var swappedColumns: Bool
    /// Problems found while building geometries; parcels with an `.error` are not in `features`.
    public var diagnostics: [Diagnostic]
}

extension SurveyFile {
    /// Converts parcels to features and decides the file's CRS.
    ///
    /// CRS rules: eastings with a 3° zone prefix (8 digits, 25–45) → CGCS2000 zone with prefix
    /// (EPSG:4488+zone); unprefixed eastings → CGCS2000 3° zone without prefix (EPSG:4534+zone−25)
    /// from 带号, unless `crs` is given. Columns written easting-first are detected by magnitude
    /// and swapped with a warning. Mixed zones, mixed prefixes and undecidable orders throw.
    ///
    /// Per parcel: rings with fewer than 3 distinct points or zero area make the parcel an error
    /// (it is left out); outer rings and holes are decided by containment, and a warning is given
    /// where 圈号 says otherwise; the stated 地块面积 (hectares) is compared with the planar area
    /// (warning above 1 %).
    /// - Parameters:
    ///   - crs: the CRS the caller knows the coordinates are in (e.g. `--crs cm105`), or nil.
    ///   - file: the file name for diagnostics.
    /// - Throws: `FormatError` when the file's coordinates fit no single CRS.
    public func features(crs: CRS? = nil, file: String? = nil) throws(FormatError) -> SurveyFeatures {
        var diags: [Diagnostic] = []
        let ids = parcels.enumerated().map { $1.code ?? "#\($0 + 1)" }

        // 1. The CRS, from every point of the file (as easting, northing).
        func sample(_ p: SurveyParcel) -> [Coordinate] {
            p.rings.flatMap { $0.points.map { Coordinate(x: $0.easting, y: $0.northing) } }
        }
        let all = parcels.flatMap(sample)
        let headerZone = (zoneWidth ?? 3) == 3 ? zoneNumber : nil
        let verdict: CoordinateSanity.Verdict
        do {
            verdict = try CoordinateSanity.check(all, declared: crs, zone: headerZone, file: file)
        } catch {
            // Name the first parcel that fails on its own, if any.
            for (i, p) in parcels.enumerated() {
                do {
                    _ = try CoordinateSanity.check(sample(p), declared: crs, zone: headerZone, file: file)
                } catch var e {
                    e.file = file
                    e.line = p.line
                    e.feature = ids[i]
                    throw e
                }
            }
            throw error
        }
        if verdict.layout == .lonLat {
            throw FormatError(
                "coordinates look like lon/lat degrees: survey files hold Gauss-Krüger metres (X northing, Y easting)", file: file,
                line: parcels.first?.line)
        }
        for w in verdict.warnings {
            let w =
                verdict.swapped && w.contains("exchanged") && !w.contains("lat/lon")
                ? "columns swapped: X holds eastings and Y northings (the spec has X = northing); exchanged" : w
            diags.append(Diagnostic(.warning, w, file: file, line: parcels.first?.rings.first?.points.first?.line))
        }
        let zoneLine = header.first { $0.key == "带号" }?.line
        if let gk = verdict.crs.gaussKruger {
            if gk.prefixed, zoneNumber == nil {
                diags.append(Diagnostic(.warning, "带号 is empty: zone \(gk.zone) taken from the easting prefix", file: file, line: zoneLine))
            } else if let z = zoneNumber, z != gk.zone, (zoneWidth ?? 3) == 3 {
                diags.append(
                    Diagnostic(
                        .warning, "带号 is \(z) but the coordinates are in zone \(gk.zone) (\(verdict.crs)): 带号 ignored", file: file,
                        line: zoneLine))
            }
        }

        // 2. Geometry per parcel.
        var features: [FeatureRecord] = []
        for (pi, p) in parcels.enumerated() {
            let id = ids[pi]
            var bad = false
            var rings: [[Coordinate]] = []
            var ringNumbers: [Int] = []
            var ringLines: [Int?] = []
            for r in p.rings {
                let line = r.points.first?.line
                let points = r.points.map {
                    verdict.swapped ? Coordinate(x: $0.northing, y: $0.easting) : Coordinate(x: $0.easting, y: $0.northing)
                }
                let cs: [Coordinate]
                switch RingAssembly.check(points) {
                case .bad(let why):
                    diags.append(Diagnostic(.error, "ring \(r.number) \(why)", file: file, line: line, feature: id))
                    bad = true
                    continue
                case .ring(let ring, let wasOpen):
                    if wasOpen {
                        diags.append(
                            Diagnostic(
                                .warning, "ring \(r.number) is not closed: closed automatically", file: file, line: line, feature: id))
                    }
                    cs = ring
                }
                rings.append(cs)
                ringNumbers.append(r.number)
                ringLines.append(line)
            }
            if p.rings.isEmpty || bad || rings.isEmpty {
                if p.rings.isEmpty { continue }  // reported by the reader
                continue
            }
            let parts = RingAssembly.assemble(rings)
            for (k, part) in parts.enumerated() {
                let n = ringNumbers[part.exteriorIndex]
                if k == 0, n != 1 {
                    diags.append(
                        Diagnostic(
                            .warning, "outer ring is numbered \(n) (圈号 1 expected)", file: file, line: ringLines[part.exteriorIndex],
                            feature: id))
                } else if k > 0, n != 0, n != ringNumbers[parts[0].exteriorIndex] {
                    diags.append(
                        Diagnostic(
                            .warning, "ring \(n) lies outside the other rings: read as a separate part, not a hole", file: file,
                            line: ringLines[part.exteriorIndex], feature: id))
                }
                for h in part.holeIndices where ringNumbers[h] == 1 || ringNumbers[h] == 0 {
                    diags.append(
                        Diagnostic(
                            .warning, "ring \(ringNumbers[h]) lies inside another ring: read as a hole", file: file, line: ringLines[h],
                            feature: id))
                }
            }
            let geometry: Geometry = parts.count == 1 ? .polygon(parts[0].polygon) : .multiPolygon(parts.map(\.polygon))
            let planar = PlanarArea.of(geometry)
            if let stated = p.statedAreaHectares, planar > 0 {
                let statedM2 = AreaUnit.squareMetres(hectares: stated)
                let diff = abs(statedM2 - planar) / planar
                if diff > 0.01 {
                    diags.append(
                        Diagnostic(
                            .warning,
                            String(
                                format: "stated area %.4f ha differs from the planar area %.4f ha by %.1f %%", stated,
                                AreaUnit.hectares(squareMetres: planar), diff * 100), file: file, line: p.line, feature: id))
                }
            }
            var props: [FeatureRecord.Property] = []
            for f in SurveyParcel.Field.allCases {
                guard let v = p[f] else { continue }
                switch f {
                case .pointCount, .areaHectares:
                    props.append(.init(f.key, Double(v).map(PropertyValue.number) ?? .string(v)))
                default:
                    props.append(.init(f.key, .string(v)))
                }
            }
            if p.fields.count > 13 {
                for (i, v) in p.fields[13...].enumerated() where !v.isEmpty {
                    props.append(.init("字段\(14 + i)", .string(v)))
                }
            }
            features.append(FeatureRecord(id: id, geometry: geometry, properties: props, sourceLine: p.line))
        }
        return SurveyFeatures(features: features, crs: verdict.crs, swappedColumns: verdict.swapped, diagnostics: diags)
    }
}
