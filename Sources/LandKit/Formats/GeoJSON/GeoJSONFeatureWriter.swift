import Foundation

/// Streams features into a GeoJSON FeatureCollection file, buffering output in 1 MiB blocks.
///
/// By default the file follows RFC 7946: coordinates must be (longitude, latitude) degrees in
/// WGS 84 / CGCS2000 and no `"crs"` member is written. For projected coordinates (e.g.
/// EPSG:4544 easting, northing metres) pass `legacyCRS`: the writer adds the pre-2016 member
/// `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4544"}}` before
/// `"features"`, which GDAL and QGIS honour. Call ``finish()`` to close the collection; a
/// writer that is not finished leaves a truncated file. Not `Sendable`: it owns a file handle.
public final class GeoJSONFeatureWriter {
    public let path: String
    private let handle: FileHandle
    private let decimals: Int
    private var pending = ""
    private var count = 0
    private var finished = false

    /// Creates (or truncates) the file and writes the collection's opening.
    /// - Parameters:
    ///   - path: the output file.
    ///   - legacyCRS: the CRS to name in a legacy `"crs"` member, or nil for RFC 7946 output.
    ///   - decimals: digits after the point (default 9 for degrees, about 0.1 mm; 3 suits metres).
    /// - Throws: `FormatError` when the file cannot be created.
    public init(path: String, legacyCRS: CRS? = nil, decimals: Int = 9) throws(FormatError) {
        self.path = path
        self.decimals = decimals
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw FormatError("cannot create the file", file: path)
        }
        handle = h
        pending = "{\"type\":\"FeatureCollection\",\n"
        if let legacyCRS {
            pending += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::\(legacyCRS.epsg)\"}},\n"
        }
        pending += "\"features\":["
    }

    /// Appends one feature (one line per feature).
    /// - Throws: `FormatError` when the file cannot be written or the writer is finished.
    public func write(_ feature: FeatureRecord) throws(FormatError) {
        guard !finished else { throw FormatError("the GeoJSON writer is already finished", file: path) }
        pending += count == 0 ? "\n" : ",\n"
        count += 1
        pending += "{\"type\":\"Feature\""
        if let id = feature.id {
            pending += ",\"id\":"
            Self.appendString(id, to: &pending)
        }
        pending += ",\"geometry\":"
        pending += feature.geometry.geoJSON(decimals: decimals)
        pending += ",\"properties\":{"
        for (k, p) in feature.properties.enumerated() {
            if k > 0 { pending += "," }
            Self.appendString(p.key, to: &pending)
            pending += ":"
            switch p.value {
            case .string(let s): Self.appendString(s, to: &pending)
            case .number(let d): pending += d.isFinite ? PropertyValue.format(d) : "null"
            case .bool(let b): pending += b ? "true" : "false"
            case .null: pending += "null"
            }
        }
        pending += "}}"
        if pending.utf8.count >= 1 << 20 { try flush() }
    }

    /// Closes the collection and the file.
    public func finish() throws(FormatError) {
        guard !finished else { return }
        pending += "\n]}\n"
        try flush()
        finished = true
        do {
            try handle.close()
        } catch {
            throw FormatError("cannot close the file: \(error.localizedDescription)", file: path)
        }
    }

    private func flush() throws(FormatError) {
        guard !pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(pending.utf8))
        } catch {
            throw FormatError("cannot write the file: \(error.localizedDescription)", file: path)
        }
        pending = ""
    }

    /// A JSON string literal (RFC 8259 escapes; non-ASCII written as UTF-8).
    static func appendString(_ s: String, to out: inout String) {
        JSONText.append(s, to: &out)
    }
}

@available(*, unavailable, message: "owns a file handle")
extension GeoJSONFeatureWriter: Sendable {}
