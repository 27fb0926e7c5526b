/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, well-mixed 64-bit generator. The sample data
/// depends on its exact sequence, so it is written out here instead of using the system RNG.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser, also used as a stateless hash.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * unit() }

    /// Uniform integer in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % span)
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Picks an index with the given relative weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var r = unit() * total
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    /// A generator derived from this seed and a label, so that independent parts of the data
    /// (parcels, houses, events …) do not shift when another part draws more numbers.
    static func derived(seed: UInt64, _ label: String) -> SplitMix64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return SplitMix64(seed: mix(seed ^ h))
    }
}

/// Stateless, position-keyed random numbers: the same (seed, i, j) always gives the same value,
/// so any parcel vertex can be rebuilt without keeping the whole grid in memory.
struct PositionHash {
    let seed: UInt64

    func bits(_ salt: UInt64, _ i: Int, _ j: Int) -> UInt64 {
        var h = SplitMix64.mix(seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        h = SplitMix64.mix(h ^ UInt64(bitPattern: Int64(i)))
        h = SplitMix64.mix(h ^ (UInt64(bitPattern: Int64(j)) &* 0x9E37_79B9_7F4A_7C15))
        return h
    }

    /// Uniform in [0, 1).
    func unit(_ salt: UInt64, _ i: Int, _ j: Int = 0) -> Double { Double(bits(salt, i, j) >> 11) * 0x1p-53 }

    /// Uniform in [-1, 1).
    func signed(_ salt: UInt64, _ i: Int, _ j: Int = 0) -> Double { unit(salt, i, j) * 2 - 1 }
}
