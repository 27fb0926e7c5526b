import Foundation

/// Where imported coordinates may lie: inside China (``GeographicBox/china``) and inside the storage CRS's area of
/// use from PROJ, widened by ``GeographicBox/areaOfUseMarginDegrees``.
///
/// Outside China the feature is refused with the likely cause: (0, 0) ("null island", a missing coordinate written
/// as zeros), swapped axes (the point is in China with x and y exchanged), or a wrong CRS. Inside China but outside
/// the storage CRS's area, a file that states its own Gauss-Krüger zone (a zone prefix, 带号 or a zone CRS) is
/// reprojected with a warning giving the planar-area distortion PROJ computes there; anything else is refused.
struct AreaOfUseCheck {
    let storage: CRS
    /// The storage CRS's area of use, nil when PROJ has none (then only the China box applies).
    let area: GeographicBox?

    init(storage: CRS) {
        self.storage = storage
        area = try? storage.areaOfUse()
    }

    /// Checks the lon/lat of a feature's sampled vertices.
    /// - Parameters:
    ///   - lonLat: the vertices in degrees (x = longitude, y = latitude).
    ///   - source: the CRS the feature's coordinates were read in.
    ///   - feature: the feature's id, for the message.
    /// - Returns: a warning when the feature lies in another stated Gauss-Krüger zone and is reprojected, else nil.
    /// - Throws: `FormatError` naming the feature, where it lies and the likely cause.
    func check(_ lonLat: [Coordinate], source: CRS, feature: String) throws(FormatError) -> String? {
        func at(_ c: Coordinate) -> String { String(format: "%.6f°E, %.6f°N", c.x, c.y) }
        if let bad = lonLat.first(where: { !GeographicBox.china.contains($0) }) {
            let china = "outside China (\(GeographicBox.china))"
            if abs(bad.x) < 1e-6 && abs(bad.y) < 1e-6 {
                throw FormatError(
                    "a vertex at (0, 0), \(china): \"null island\", a missing coordinate written as zeros", feature: feature)
            }
            if GeographicBox.china.contains(Coordinate(x: bad.y, y: bad.x)) {
                throw FormatError(
                    "a vertex read in \(source) lies at \(at(bad)), \(china); with x and y exchanged it would be in China: the axes look swapped",
                    feature: feature)
            }
            throw FormatError(
                "a vertex read in \(source) lies at \(at(bad)), \(china): the file's CRS is probably not \(source)", feature: feature,
                code: .crsNeeded)
        }
        guard let area else { return nil }
        let accepted = area.widened(by: GeographicBox.areaOfUseMarginDegrees)
        guard let bad = lonLat.first(where: { !accepted.contains($0) }) else { return nil }
        let margin = PropertyValue.format(GeographicBox.areaOfUseMarginDegrees)
        if let zone = source.gaussKruger, zone.centralMeridian != storage.gaussKruger?.centralMeridian {
            // The file states its zone: reproject, and say what the storage plane does to planar areas there.
            let distortion: String
            do {
                let scale = try storage.arealScale(atLonLat: bad)
                distortion = String(
                    format: "planar areas are %.2f %% larger than on the ground (PROJ's areal scale %.5f)", (scale - 1) * 100, scale)
            } catch {
                distortion = "planar areas are distorted (PROJ could not say by how much: \(error.message))"
            }
            let away = storage.gaussKruger.map {
                ", \(PropertyValue.format((abs(bad.x - $0.centralMeridian) * 10).rounded() / 10))° from the storage CRS's central meridian \(PropertyValue.format($0.centralMeridian))°E"
            }
            return
                "the file is in 3° zone \(zone.zone) (central meridian \(PropertyValue.format(zone.centralMeridian))°E) and lies at \(at(bad))\(away ?? ""), outside \(storage)'s area of use (\(area), widened by \(margin)°): reprojected into \(storage), where \(distortion); ellipsoidal areas are unaffected; a database in \(source) would avoid this"
        }
        throw FormatError(
            "a vertex read in \(source) lies at \(at(bad)), outside \(storage)'s area of use (\(area), widened by \(margin)°): the file's CRS is wrong, or the file belongs in a database of another zone",
            feature: feature, code: .crsNeeded)
    }
}
