/// GeoJSON objects read straight from bytes, without an intermediate tree for coordinates.
extension JSONScanner {
    /// Reads one Feature object. Syntax errors and truncation throw; a well-formed feature that
    /// is not usable GeoJSON throws `.semantic` (the caller skips it with `skipValue`).
    ///
    /// A key that occurs twice in the feature object, its geometry or its properties is a problem
    /// of that feature (RFC 8259 leaves the meaning open; readers disagree on which one wins).
    mutating func feature(idField: String?) throws(JSONScanError) -> FeatureRecord {
        let startLine = line
        try expect(0x7B, "a Feature object '{'")
        try enter()
        defer { depth -= 1 }
        var id: String?
        var seen: [String] = []  // keys other than the common ones
        var seenMask: UInt8 = 0
        var geometry: Geometry?
        var geometryIsNull = false
        var sawGeometry = false
        var properties: [FeatureRecord.Property] = []
        var type: String?
        var problem: JSONScanError?
        if try peek() == 0x7D {
            i += 1
            throw .semantic("empty feature object", line: startLine)
        }
        while true {
            let keyLine = line
            let key = try string()
            try expect(0x3A, "':'")
            let bit = Self.keyBit(key)
            let repeated = bit != 0 ? seenMask & bit != 0 : seen.contains(key)
            if bit != 0 { seenMask |= bit }
            if repeated {
                if problem == nil {
                    let which = key == "id" ? "" : id.map { " (id \(FormatError.snippet($0)))" } ?? ""
                    problem = .semantic("duplicate key \"\(FormatError.snippet(key))\" in the feature object\(which)", line: keyLine)
                }
            } else if bit == 0 {
                seen.append(key)
            }
            switch key {
            case "type": type = try typeString()
            case "id":
                switch try value() {
                case .string(let s): id = s
                case .number(let d): id = PropertyValue.format(d)
                default: id = nil
                }
            case "geometry":
                sawGeometry = true
                if try peek() == 0x6E {
                    try literal("null")
                    geometryIsNull = true
                } else {
                    do {
                        geometry = try geometryObject()
                    } catch .semantic(let m, let l) {
                        // The caller skips the whole feature from its start.
                        let which = m.hasPrefix("duplicate key") ? id.map { " (id \(FormatError.snippet($0)))" } ?? "" : ""
                        throw .semantic(m + which, line: l)
                    }
                }
            case "properties":
                do {
                    properties = try propertyObject()
                } catch .semantic(let m, let l) {
                    let which = m.hasPrefix("duplicate key") ? id.map { " (id \(FormatError.snippet($0)))" } ?? "" : ""
                    throw .semantic(m + which, line: l)
                }
            default: try skipValue()
            }
            let d = try peek()
            i += 1
            if d == 0x7D { break }
            if d != 0x2C {
                i -= 1
                throw syntax("expected ',' or '}' in a feature")
            }
        }
        if let problem { throw problem }
        if let type, type != "Feature" {
            throw .semantic("expected a Feature, found \"\(FormatError.snippet(type))\"", line: startLine)
        }
        if let idField {
            if let v = properties.first(where: { $0.key == idField })?.value, v != .null { id = v.text }
        }
        guard sawGeometry else { throw .semantic("feature has no \"geometry\" member", line: startLine) }
        guard !geometryIsNull, let geometry else { throw .semantic("feature has a null geometry", line: startLine) }
        return FeatureRecord(id: id, geometry: geometry, properties: properties, sourceLine: startLine)
    }

    /// A bit for the keys every feature and geometry has, so that the duplicate check costs no
    /// allocation for them; 0 for any other key.
    @inline(__always) static func keyBit(_ key: String) -> UInt8 {
        switch key {
        case "type": 1
        case "id": 2
        case "geometry": 4
        case "properties": 8
        case "coordinates": 16
        case "geometries": 32
        case "bbox": 64
        default: 0
        }
    }

    mutating func typeString() throws(JSONScanError) -> String {
        guard try peek() == 0x22 else {
            let l = line
            try skipValue()
            throw .semantic("\"type\" is not a string", line: l)
        }
        return try string()
    }

    mutating func propertyObject() throws(JSONScanError) -> [FeatureRecord.Property] {
        let c = try peek()
        if c == 0x6E {
            try literal("null")
            return []
        }
        guard c == 0x7B else {
            let l = line
            try skipValue()
            throw .semantic("\"properties\" is not an object", line: l)
        }
        i += 1
        try enter()
        defer { depth -= 1 }
        var out: [FeatureRecord.Property] = []
        // Keys seen, hashed only for wide objects (a linear search is faster for a few keys).
        var keys: Set<String>?
        var duplicate: JSONScanError?
        if try peek() == 0x7D {
            i += 1
            return out
        }
        while true {
            let keyLine = line
            let k = try string()
            try expect(0x3A, "':'")
            let v: PropertyValue
            switch try peek() {
            case 0x22: v = .string(try string())
            case 0x7B, 0x5B: v = .string(try rawValue())
            case 0x74:
                try literal("true")
                v = .bool(true)
            case 0x66:
                try literal("false")
                v = .bool(false)
            case 0x6E:
                try literal("null")
                v = .null
            default: v = .number(try number())
            }
            let repeated: Bool
            if keys != nil {
                repeated = keys?.insert(k).inserted == false
            } else {
                repeated = out.contains { $0.key == k }
                if out.count >= 16 { keys = Set(out.map(\.key) + [k]) }
            }
            if repeated {
                if duplicate == nil {
                    duplicate = .semantic("duplicate key \"\(FormatError.snippet(k))\" in the properties", line: keyLine)
                }
            } else {
                out.append(.init(k, v))
            }
            let d = try peek()
            i += 1
            if d == 0x7D {
                if let duplicate { throw duplicate }
                return out
            }
            if d != 0x2C {
                i -= 1
                throw syntax("expected ',' or '}' in properties")
            }
        }
    }

    /// Depth of position nesting for each geometry type (Point 0 … MultiPolygon 3).
    static func positionDepth(_ type: String) -> Int? {
        switch type {
        case "Point": 0
        case "LineString", "MultiPoint": 1
        case "Polygon", "MultiLineString": 2
        case "MultiPolygon": 3
        default: nil
        }
    }

    mutating func geometryObject() throws(JSONScanError) -> Geometry {
        let startLine = line
        guard try peek() == 0x7B else {
            try skipValue()
            throw .semantic("\"geometry\" is not an object", line: startLine)
        }
        i += 1
        try enter()
        defer { depth -= 1 }
        var type: String?
        var geometry: Geometry?
        var deferred: (index: Int, line: Int)?
        var parts: [Geometry]?
        var seen: [String] = []  // keys other than the common ones
        var seenMask: UInt8 = 0
        var duplicate: JSONScanError?
        if try peek() == 0x7D {
            i += 1
            throw .semantic("empty geometry object", line: startLine)
        }
        while true {
            let keyLine = line
            let key = try string()
            try expect(0x3A, "':'")
            let bit = Self.keyBit(key)
            let repeated = bit != 0 ? seenMask & bit != 0 : seen.contains(key)
            if bit != 0 { seenMask |= bit }
            if repeated {
                if duplicate == nil {
                    duplicate = .semantic("duplicate key \"\(FormatError.snippet(key))\" in the geometry", line: keyLine)
                }
            } else if bit == 0 {
                seen.append(key)
            }
            switch key {
            case "type":
                type = try typeString()
            case "coordinates":
                if let t = type {
                    geometry = try coordinates(type: t)
                } else {
                    // "type" comes later: remember where the coordinates are.
                    try skipWhitespace()
                    deferred = (i, line)
                    try skipValue()
                }
            case "geometries":
                try expect(0x5B, "'[' after \"geometries\"")
                try enter()
                defer { depth -= 1 }
                var gs: [Geometry] = []
                if try peek() == 0x5D {
                    i += 1
                } else {
                    while true {
                        gs.append(try geometryObject())
                        let d = try peek()
                        i += 1
                        if d == 0x5D { break }
                        if d != 0x2C {
                            i -= 1
                            throw syntax("expected ',' or ']' in geometries")
                        }
                    }
                }
                parts = gs
            default: try skipValue()
            }
            let d = try peek()
            i += 1
            if d == 0x7D { break }
            if d != 0x2C {
                i -= 1
                throw syntax("expected ',' or '}' in a geometry")
            }
        }
        if let duplicate { throw duplicate }
        guard let type else { throw .semantic("geometry has no \"type\"", line: startLine) }
        if type == "GeometryCollection" {
            guard let parts else { throw .semantic("GeometryCollection has no \"geometries\" array", line: startLine) }
            return .geometryCollection(parts)
        }
        guard Self.positionDepth(type) != nil else {
            throw .semantic("unknown geometry type \"\(FormatError.snippet(type))\"", line: startLine)
        }
        if let geometry { return geometry }
        guard let deferred else { throw .semantic("\(type) has no \"coordinates\"", line: startLine) }
        let end = i, endLine = line
        i = deferred.index
        line = deferred.line
        let g = try coordinates(type: type)
        i = end
        line = endLine
        return g
    }

    /// Reads the "coordinates" value of a geometry of `type`.
    mutating func coordinates(type: String) throws(JSONScanError) -> Geometry {
        guard let depth = Self.positionDepth(type) else {
            let l = line
            try skipValue()
            throw .semantic("unknown geometry type \"\(FormatError.snippet(type))\"", line: l)
        }
        switch depth {
        case 0: return .point(try position(type))
        case 1:
            let cs = try positions(type)
            return type == "LineString" ? .lineString(cs) : .multiPoint(cs)
        case 2:
            var rings: [[Coordinate]] = []
            try array(type) { (s: inout JSONScanner) throws(JSONScanError) in rings.append(try s.positions(type)) }
            if type == "MultiLineString" { return .multiLineString(rings) }
            return .polygon(Self.polygon(rings))
        default:
            var polys: [Polygon] = []
            try array(type) { (s: inout JSONScanner) throws(JSONScanError) in
                var rings: [[Coordinate]] = []
                try s.array(type) { (t: inout JSONScanner) throws(JSONScanError) in rings.append(try t.positions(type)) }
                polys.append(Self.polygon(rings))
            }
            return .multiPolygon(polys)
        }
    }

    static func polygon(_ rings: [[Coordinate]]) -> Polygon {
        guard let first = rings.first else { return Polygon(exterior: []) }
        return Polygon(exterior: first, holes: Array(rings.dropFirst()))
    }

    /// Calls `item` for each element of an array.
    mutating func array(_ type: String, _ item: (inout JSONScanner) throws(JSONScanError) -> Void) throws(JSONScanError) {
        guard try peek() == 0x5B else {
            let l = line
            try skipValue()
            throw .semantic("\(type): expected an array of coordinates", line: l)
        }
        i += 1
        try enter()
        defer { depth -= 1 }
        if try peek() == 0x5D {
            i += 1
            return
        }
        while true {
            try item(&self)
            let d = try peek()
            i += 1
            if d == 0x5D { return }
            if d != 0x2C {
                i -= 1
                throw syntax("expected ',' or ']' in coordinates")
            }
        }
    }

    mutating func positions(_ type: String) throws(JSONScanError) -> [Coordinate] {
        var out: [Coordinate] = []
        try array(type) { (s: inout JSONScanner) throws(JSONScanError) in out.append(try s.position(type)) }
        return out
    }

    /// `[x, y]` or `[x, y, z, …]` (extra ordinates dropped).
    mutating func position(_ type: String) throws(JSONScanError) -> Coordinate {
        let l = line
        guard try peek() == 0x5B else {
            try skipValue()
            throw .semantic("\(type): a position must be an array of numbers", line: l)
        }
        i += 1
        var values: (Double, Double) = (.nan, .nan)
        var n = 0
        var bad: String?
        if try peek() == 0x5D {
            i += 1
            throw .semantic("\(type): empty position", line: l)
        }
        while true {
            let c = try peek()
            if c == 0x2D || (c >= 0x30 && c <= 0x39) {
                let v = try number()
                if n == 0 { values.0 = v } else if n == 1 { values.1 = v }
            } else {
                let raw = try rawValue()
                if bad == nil { bad = raw }
            }
            n += 1
            let d = try peek()
            i += 1
            if d == 0x5D { break }
            if d != 0x2C {
                i -= 1
                throw syntax("expected ',' or ']' in a position")
            }
        }
        if let bad { throw .semantic("\(type): coordinate \(FormatError.snippet(bad)) is not a number", line: l) }
        guard n >= 2 else { throw .semantic("\(type): a position needs at least 2 numbers", line: l) }
        guard values.0.isFinite, values.1.isFinite else { throw .semantic("\(type): coordinate is not finite", line: l) }
        return Coordinate(x: values.0, y: values.1)
    }
}
