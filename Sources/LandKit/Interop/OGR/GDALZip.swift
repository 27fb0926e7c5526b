import CLandKitGDAL
import Foundation

/// Zip files written through GDAL's virtual file system (`/vsizip/`, deflate): no zip code of our own.
enum GDALZip {
    /// Writes a zip at `path` holding one entry `name` with `contents` (replacing the file).
    /// - Throws: `FormatError` naming the file when GDAL cannot write it.
    static func write(_ contents: Data, entry name: String, to path: String) throws {
        try GDALRuntime.quietly {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            guard let f = VSIFOpenL("/vsizip/{\(path)}/\(name)", "wb") else {
                throw FormatError(
                    "cannot write \(path)\(GDALRuntime.lastError.map { ": \($0)" } ?? ""): check the folder exists and is writable")
            }
            let written = contents.withUnsafeBytes { VSIFWriteL($0.baseAddress, 1, contents.count, f) }
            let closed = VSIFCloseL(f)
            guard written == contents.count, closed == 0 else {
                throw FormatError("writing \(path) failed\(GDALRuntime.lastError.map { ": \($0)" } ?? "")")
            }
        }
    }
}
