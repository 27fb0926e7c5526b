import Foundation
import LandKit

/// A buffered text file written front to back, so that big files stream to disk.
final class TextFile {
    private let handle: FileHandle
    private var buffer = Data()
    let path: String
    private(set) var bytes = 0

    /// Creates (or truncates) the file.
    init(_ path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw GeneratorError("cannot create \(path): check that the directory is writable")
        }
        guard let h = FileHandle(forWritingAtPath: path) else { throw GeneratorError("cannot open \(path) for writing") }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        bytes += buffer.count
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}

/// GeoJSON FeatureCollections in EPSG:4544, one feature per line.
enum GeoJSONOutput {
    static let crsMember = "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4544\"}}"

    static func header(name: String) -> String {
        "{\"type\":\"FeatureCollection\",\"name\":\(Text.json(name)),\(crsMember),\"features\":[\n"
    }

    static let footer = "\n]}\n"

    /// A property value already written as JSON.
    enum Value {
        case string(String)
        case number(String)
        case null

        var json: String {
            switch self {
            case .string(let s): Text.json(s)
            case .number(let n): n
            case .null: "null"
            }
        }
    }

    static func feature(id: String, properties: [(String, Value)], geometry: String) -> String {
        let props = properties.map { "\(Text.json($0.0)):\($0.1.json)" }.joined(separator: ",")
        return "{\"type\":\"Feature\",\"id\":\(Text.json(id)),\"properties\":{\(props)},\"geometry\":\(geometry)}"
    }

    /// Writes a whole small collection.
    static func write(_ path: String, name: String, features: [String]) throws {
        let f = try TextFile(path)
        try f.write(header(name: name))
        try f.write(features.joined(separator: ",\n"))
        try f.write(footer)
        try f.close()
    }

    /// A polygon ring in centimetres as GeoJSON coordinates, metres with up to 2 decimals.
    static func ring(_ r: [Centimetres]) -> String {
        "[" + r.map { "[\(Text.metres($0.x)),\(Text.metres($0.y))]" }.joined(separator: ",") + "]"
    }
}
