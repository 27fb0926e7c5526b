import CLandKitGDAL

/// One open GDAL vector dataset, closed in `deinit`.
///
/// GDAL datasets are not thread-safe: a dataset is opened for one read or write and used by the
/// thread that opened it, never shared.
final class OGRDataset {
    let handle: GDALDatasetH
    /// The file as the user named it, for messages.
    let path: String

    private init(handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        GDALRuntime.quietly { GDALClose(handle) }
    }

    /// Opens `path` for reading with whichever vector driver recognises it.
    /// - Parameters:
    ///   - openOptions: driver open options (`ENCODING=` for Shapefiles).
    /// - Returns: nil when no OGR driver recognises the file.
    static func open(reading path: String, openOptions: [String] = []) -> OGRDataset? {
        GDALRuntime.quietly {
            GDALRuntime.withStringList(openOptions) { options in
                GDALOpenEx(path, UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY), nil, GDALRuntime.constList(options), nil).map {
                    OGRDataset(handle: $0, path: path)
                }
            }
        }
    }

    /// Creates a new dataset with the named driver (an existing file is replaced by the caller).
    /// - Throws: `FormatError` with GDAL's message.
    static func create(_ path: String, driver name: String, options: [String] = []) throws(FormatError) -> OGRDataset {
        let made: GDALDatasetH? = GDALRuntime.quietly {
            guard let driver = GDALGetDriverByName(name) else { return nil }
            return GDALRuntime.withStringList(options) { GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, $0) }
        }
        guard let made else {
            throw FormatError("cannot create the \(name) file: \(GDALRuntime.lastError ?? "GDAL gave no reason")", file: path)
        }
        return OGRDataset(handle: made, path: path)
    }

    /// The short name of the driver that opened the dataset ("ESRI Shapefile", "GPKG", "DXF" …).
    var driverName: String {
        guard let d = GDALGetDatasetDriver(handle), let n = GDALGetDriverShortName(d) else { return "" }
        return String(cString: n)
    }

    var layers: [OGRLayer] {
        (0..<Int(GDALDatasetGetLayerCount(handle))).compactMap { i in
            GDALDatasetGetLayer(handle, Int32(i)).map { OGRLayer(handle: $0, dataset: self) }
        }
    }
}

@available(*, unavailable, message: "a GDAL dataset may only be used by the thread that opened it")
extension OGRDataset: Sendable {}

/// A layer of an open dataset. The handle is borrowed from the dataset, which it keeps alive.
final class OGRLayer {
    let handle: OGRLayerH
    let dataset: OGRDataset

    init(handle: OGRLayerH, dataset: OGRDataset) {
        self.handle = handle
        self.dataset = dataset
    }

    /// The layer name as raw bytes (decoded by the caller: Shapefiles may not be UTF-8).
    var name: String { OGR_L_GetName(handle).map { String(cString: $0) } ?? "" }
}

@available(*, unavailable, message: "a GDAL layer belongs to its dataset's thread")
extension OGRLayer: Sendable {}
