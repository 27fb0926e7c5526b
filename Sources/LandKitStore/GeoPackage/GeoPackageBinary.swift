import Foundation
import LandKit

/// GeoPackageBinary geometry blobs (GeoPackage 1.2 §2.1.3): "GP", version 0, flags, srs_id,
/// envelope [minx, maxx, miny, maxy], then standard WKB. Public for the fuzz target (fuzz-gpkgbinary)
/// and for tools that read a GeoPackage's blobs themselves.
public enum GeoPackageBinary {
    /// Encodes a geometry, little endian, with an xy envelope (none for points and empties).
    public static func encode(_ g: Geometry, srsID: Int32) -> Data {
        let envelope: Envelope? = {
            if case .point = g { return nil }
            return g.envelope
        }()
        var out = Data()
        out.reserveCapacity(8 + 32 + g.coordinateCount * 16 + 32)
        out.append(contentsOf: [0x47, 0x50, 0x00])
        var flags: UInt8 = 0x01  // little endian
        if envelope != nil { flags |= 0x01 << 1 }  // envelope type 1: xy
        if g.isEmpty { flags |= 0x10 }
        out.append(flags)
        withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
        if let e = envelope {
            for v in [e.minX, e.maxX, e.minY, e.maxY] { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        }
        out.append(contentsOf: g.wkb)
        return out
    }

    struct Header {
        var empty: Bool
        var envelope: Envelope?
        var wkbOffset: Int
    }

    /// Reads the header; the envelope is read from it when present.
    static func header(_ blob: Data) throws -> Header {
        let b = [UInt8](blob.prefix(72))
        guard b.count >= 8, b[0] == 0x47, b[1] == 0x50 else { throw StoreError("geometry blob is not GeoPackageBinary (no GP magic)") }
        let flags = b[3]
        let little = flags & 0x01 == 1
        let envType = Int((flags >> 1) & 0x07)
        let sizes = [0, 32, 48, 48, 64]
        guard envType < sizes.count else { throw StoreError("geometry blob has envelope type \(envType)") }
        let empty = flags & 0x10 != 0
        var envelope: Envelope?
        if envType > 0 {
            guard b.count >= 8 + 32 else { throw StoreError("geometry blob envelope is truncated") }
            func d(_ i: Int) -> Double {
                var v: UInt64 = 0
                for k in 0..<8 { v |= UInt64(b[8 + i * 8 + k]) << (8 * UInt64(k)) }
                return Double(bitPattern: little ? v : v.byteSwapped)
            }
            envelope = Envelope(minX: d(0), minY: d(2), maxX: d(1), maxY: d(3))
        }
        return Header(empty: empty, envelope: envelope, wkbOffset: 8 + sizes[envType])
    }

    public static func decode(_ blob: Data) throws -> Geometry {
        let h = try header(blob)
        return try Geometry(wkb: blob.dropFirst(h.wkbOffset))
    }

    /// The WKB geometry type code of a blob (1 point … 7 collection), Z/M flags dropped.
    public static func wkbType(_ blob: Data) throws -> UInt32 {
        let h = try header(blob)
        let b = [UInt8](blob.dropFirst(h.wkbOffset).prefix(5))
        guard b.count == 5 else { throw StoreError("geometry blob has no WKB type") }
        let little = b[0] == 1
        var raw: UInt32 = 0
        for i in 1...4 {
            let byte = UInt32(b[i])
            raw = little ? raw | byte << (8 * UInt32(i - 1)) : raw << 8 | byte
        }
        return (raw & 0x0FFF_FFFF) % 1000
    }

    /// The bounding box from the header, or computed from the WKB; nil when empty.
    public static func envelope(_ blob: Data) throws -> Envelope? {
        let h = try header(blob)
        if h.empty { return nil }
        if let e = h.envelope { return e }
        return try Geometry(wkb: blob.dropFirst(h.wkbOffset)).envelope
    }
}
