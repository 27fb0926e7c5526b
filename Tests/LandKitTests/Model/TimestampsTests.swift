import Foundation
import Testing

@testable import LandKit

@Suite("Timestamps")
struct TimestampsTests {
    @Test(
        "instants are stored in UTC; local input is Asia/Shanghai (UTC+8)",
        arguments: [
            ("2021-03-15T10:00:00+08:00", "2021-03-15T02:00:00.000Z"),
            ("2021-03-15T02:00:00Z", "2021-03-15T02:00:00.000Z"),
            ("2021-03-15T10:00", "2021-03-15T02:00:00.000Z"),
            ("2021-03-15 10:00:30.25", "2021-03-15T02:00:30.250Z"),
            ("2021-03-15T00:30:00-05:00", "2021-03-15T05:30:00.000Z"),
            // A date is the end of that local day: 23:59:59.999 in Shanghai.
            ("2021-12-31", "2021-12-31T15:59:59.999Z"),
        ])
    func parse(_ text: String, _ stored: String) throws {
        let d = try #require(Timestamps.parse(text))
        #expect(Timestamps.utc(d) == stored)
    }

    @Test(
        "bad times are refused", arguments: ["yesterday", "2021-13-01", "2021-02-30", "2021-03-15T25:00", "2021-03-15T10:00:00+08:00x", ""])
    func bad(_ text: String) {
        #expect(Timestamps.parse(text) == nil)
    }

    @Test(
        "impossible offsets and implausible years are refused with a message naming the value (issue 12, defect 5)",
        arguments: [
            ("2022-01-05T10:00:00+99:00", "offset +99:00"),
            ("2022-01-05T10:00:00+14:01", "offset +14:01"),
            ("2022-01-05T10:00:00-15:00", "offset -15:00"),
            ("2022-01-05T10:00:00+08:60", "offset +08:60"),
            ("2022-01-05T10:00:00+0875", "offset +0875"),
            ("1999-12-31T10:00:00+08:00", "year 1999"),
            ("0001-01-01", "year 0001"),
        ])
    func refusedWithReason(_ text: String, _ named: String) {
        #expect(Timestamps.parse(text) == nil)
        #expect {
            try Timestamps.parseInput(text)
        } throws: { error in
            guard let e = error as? FormatError else { return false }
            return e.message.contains(named) && e.message.contains(text)
        }
    }

    @Test("the extreme real offsets ±14:00 / -12:00 and year 2000 are accepted")
    func extremes() throws {
        #expect(Timestamps.utc(try Timestamps.parseInput("2022-01-05T10:00:00+14:00")) == "2022-01-04T20:00:00.000Z")
        #expect(Timestamps.utc(try Timestamps.parseInput("2022-01-05T10:00:00-14:00")) == "2022-01-06T00:00:00.000Z")
        #expect(Timestamps.utc(try Timestamps.parseInput("2000-01-01T00:00:00Z")) == "2000-01-01T00:00:00.000Z")
    }

    @Test("display and local dates use the database's time zone")
    func display() {
        #expect(Timestamps.display("2021-03-15T16:30:00.000Z") == "2021-03-16 00:30")
        #expect(Timestamps.localDate(of: "2021-03-15T16:30:00.000Z") == LocalDate(year: 2021, month: 3, day: 16))
        #expect(Timestamps.localDate(of: "2021-03-15T15:59:59.999Z") == LocalDate(year: 2021, month: 3, day: 15))
    }

    @Test(
        "the stored form is read by a fast path that agrees with the general parser, and refuses what it refuses",
        arguments: [
            ("2021-03-15T02:00:00.000Z", 1_615_773_600.0), ("2000-01-01T00:00:00.000Z", 946_684_800.0),
            ("2024-02-29T23:59:59.999Z", 1_709_251_199.999), ("2100-03-01T00:00:00.001Z", 4_107_542_400.001),
        ])
    func storedFastPath(_ text: String, _ epochSeconds: Double) throws {
        // Expected seconds since 1970 from `date -u -d 2021-03-15T02:00:00Z +%s` (GNU date), ms added by hand.
        let fast = try #require(Timestamps.storedForm(text))
        #expect(abs(fast.timeIntervalSince1970 - epochSeconds) < 1e-6)
        #expect(fast == Timestamps.parse(text).map(Timestamps.millisecond))
        for bad in ["2021-02-29T00:00:00.000Z", "2021-13-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "2021-03-15T24:00:00.000Z"] {
            #expect(Timestamps.storedForm(bad) == nil && Timestamps.parse(bad) == nil, "\(bad)")
        }
        // Every millisecond-step instant over a few years round-trips through the stored form.
        var t = 1_600_000_000.123
        while t < 1_700_000_000 {
            let d = Date(timeIntervalSince1970: t)
            #expect(Timestamps.storedForm(Timestamps.utc(d)) == Timestamps.millisecond(d))
            t += 3_456_789.017
        }
    }
}
