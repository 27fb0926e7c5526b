import CLandKitGDAL

/// An owned OGR spatial reference, destroyed in `deinit`.
final class OGRSpatialReference {
    let handle: OGRSpatialReferenceH

    /// A copy of a borrowed reference (a layer's SRS), so it can be changed and outlive its layer.
    init?(copying borrowed: OGRSpatialReferenceH?) {
        guard let borrowed, let c = OSRClone(borrowed) else { return nil }
        handle = c
    }

    /// The EPSG definition, with (easting, northing) / (lon, lat) data order, as LandKit's coordinates are.
    init(crs: CRS) throws(FormatError) {
        guard let h = OSRNewSpatialReference(nil) else { throw FormatError("GDAL could not create a spatial reference") }
        handle = h
        let err = GDALRuntime.quietly { OSRImportFromEPSG(h, Int32(crs.epsg)) }
        guard err == OGRERR_NONE else { throw FormatError("GDAL does not know \(crs): \(GDALRuntime.lastError ?? "no reason given")") }
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRDestroySpatialReference(handle) }

    /// The reference's name ("CGCS2000_3_Degree_GK_CM_105E"), for messages.
    var name: String { OSRGetName(handle).map { String(cString: $0) } ?? "unnamed" }

    /// The EPSG code: the reference's own authority code, else the best match in GDAL's EPSG
    /// database (ESRI .prj files carry no code: "CGCS2000_3_Degree_GK_CM_105E" matches EPSG:4544
    /// with confidence 100). Matches below 70 % confidence are not taken.
    var epsg: Int? {
        GDALRuntime.quietly {
            if let code = Self.epsgCode(handle) { return code }
            var count: Int32 = 0
            var confidences: UnsafeMutablePointer<Int32>?
            guard let matches = OSRFindMatches(handle, nil, &count, &confidences) else { return nil }
            defer {
                OSRFreeSRSArray(matches)
                VSIFree(confidences)
            }
            for i in 0..<Int(count) {
                guard let m = matches[i], (confidences?[i] ?? 0) >= 70, let code = Self.epsgCode(m) else { continue }
                return code
            }
            return nil
        }
    }

    private static func epsgCode(_ h: OGRSpatialReferenceH) -> Int? {
        guard let a = OSRGetAuthorityName(h, nil), String(cString: a).uppercased() == "EPSG",
            let c = OSRGetAuthorityCode(h, nil)
        else { return nil }
        return Int(String(cString: c))
    }
}

@available(*, unavailable, message: "an OGR spatial reference is not thread-safe")
extension OGRSpatialReference: Sendable {}
