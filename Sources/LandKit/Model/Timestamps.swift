import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Times as LandKit stores them: ISO 8601 in UTC with milliseconds ("2021-03-15T02:00:00.000Z"),
/// so that text order is time order. Input without an offset, and dates, are in the database's
/// time zone (default Asia/Shanghai).
///
/// Formatting and parsing are done by hand: Foundation's date formatters cost tens of
/// microseconds to create, which dominated bulk imports.
public enum Timestamps {
    public static let defaultTimeZone = "Asia/Shanghai"
    /// UTC+8 without a zone database, the fallback when a zone name is unknown.
    static let chinaStandardTime = TimeZone(secondsFromGMT: 8 * 3600) ?? TimeZone.current

    public static func nowUTC() -> String { utc(Date()) }

    /// Now, to the millisecond (the precision of the stored form).
    public static func now() -> Date { millisecond(Date()) }

    /// `d` rounded to the millisecond, so that an instant equals itself after a trip through the store.
    public static func millisecond(_ d: Date) -> Date {
        Date(timeIntervalSince1970: (d.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// A stored instant ("2021-03-15T02:00:00.000Z"), to the millisecond; nil when it is not one.
    public static func instant(_ stored: String) -> Date? { storedForm(stored) ?? parse(stored).map(millisecond) }

    /// The exact stored form, "2021-03-15T02:00:00.000Z", read without the general parser (which sets up a time
    /// zone and an error message per call: reading an item's history, or every event for an as-of report, spent
    /// most of its time there). Anything else, or an impossible date, is nil and goes to ``parse(_:timeZone:)``.
    static func storedForm(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A
            else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var v = 0
                for k in from..<(from + count) {
                    let c = b[k]
                    guard c >= 0x30, c <= 0x39 else { return nil }
                    v = v * 10 + Int(c - 0x30)
                }
                return v
            }
            guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2),
                let se = number(17, 2), let ms = number(20, 3), y >= earliestYear, (1...12).contains(mo), h < 24, mi < 60, se < 60
            else { return nil }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard d >= 1, d <= monthDays[mo - 1] else { return nil }
            // Days from 1970-01-01 to y-mo-d (Howard Hinnant's days_from_civil).
            let yy = mo <= 2 ? y - 1 : y
            let era = yy / 400
            let yoe = yy - era * 400
            let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            let days = era * 146_097 + doe - 719_468
            let millis = ((days * 86_400 + h * 3600 + mi * 60 + se) * 1000) + ms
            return Date(timeIntervalSince1970: Double(millis) / 1000)
        }
    }

    /// The stored form of an instant.
    public static func utc(_ d: Date) -> String {
        let t = d.timeIntervalSince1970
        var whole = time_t(t.rounded(.down))
        var millis = Int(((t - Double(whole)) * 1000).rounded())
        if millis >= 1000 {
            whole += 1
            millis -= 1000
        }
        var parts = tm()
        gmtime_r(&whole, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// The earliest year accepted: LandKit records acquisitions for current public works, so an
    /// earlier year is a typing error (or a spreadsheet's 1900 date), never data.
    public static let earliestYear = 2000
    /// The largest UTC offset in use anywhere (UTC+14, Line Islands; the lowest is UTC−12).
    public static let maxOffsetSeconds = 14 * 3600

    /// Parses a stored or user-given instant; nil when it is not a valid time (see ``parseInput(_:timeZone:)``
    /// for the reason).
    /// Accepted: `2021-03-15T10:00:00+08:00`, `…Z`, with fractional seconds, `2021-03-15T10:00`,
    /// `2021-03-15 10:00:00` (local), and `2021-03-15` (the END of that local day, 23:59:59.999).
    public static func parse(_ text: String, timeZone: String = defaultTimeZone) -> Date? {
        try? parseInput(text, timeZone: timeZone)
    }

    /// Parses a user-given instant (the forms of ``parse(_:timeZone:)``), saying what is wrong.
    /// - Parameters:
    ///   - text: the time as typed.
    ///   - timeZone: the zone of times without an offset, and of dates.
    /// - Returns: the instant.
    /// - Throws: `FormatError` naming the value when it is not one of the accepted forms, when
    ///   its UTC offset is beyond ±14:00 or has minutes ≥ 60, or when its year is before
    ///   ``earliestYear``.
    public static func parseInput(_ text: String, timeZone: String = defaultTimeZone) throws(FormatError) -> Date {
        let zone = TimeZone(identifier: timeZone) ?? chinaStandardTime
        let b = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        let shown = FormatError.snippet(text)
        let notATime = FormatError(
            "time \"\(shown)\" is not ISO 8601 (2021-03-15T10:00:00+08:00), a local time (2021-03-15 10:00) or YYYY-MM-DD")
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), take(0x2D), let mo = digits(2), take(0x2D), let d = digits(2) else { throw notATime }
        guard y >= earliestYear else {
            throw FormatError(
                "time \"\(shown)\": year \(String(decoding: b[0..<4], as: UTF8.self)) is before \(earliestYear), too early for a LandKit record"
            )
        }
        guard let date = LocalDate(year: y, month: mo, day: d) else { throw notATime }
        if i == b.count { return endOfDay(date, timeZone: zone) }
        guard take(0x54) || take(0x20), let h = digits(2), h < 24, take(0x3A), let mi = digits(2), mi < 60 else { throw notATime }
        var s = 0, fraction = 0.0
        if take(0x3A) {
            guard let sec = digits(2), sec < 61 else { throw notATime }
            s = sec
            if take(0x2E) || take(0x2C) {
                var scale = 0.1
                var any = false
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    fraction += Double(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { throw notATime }
            }
        }
        var offset: Int?
        if take(0x5A) {
            offset = 0
        } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
            let signAt = i
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = digits(2) else { throw notATime }
            _ = take(0x3A)
            let om = digits(2) ?? 0
            guard i == b.count else { throw notATime }
            let written = String(decoding: b[signAt..<i], as: UTF8.self)
            guard om < 60 else { throw FormatError("time \"\(shown)\": offset \(written) has \(om) minutes (at most 59)") }
            let seconds = oh * 3600 + om * 60
            guard seconds <= maxOffsetSeconds else {
                throw FormatError("time \"\(shown)\": offset \(written) is beyond ±14:00, the largest UTC offset in use (China is +08:00)")
            }
            offset = sign * seconds
        }
        guard i == b.count else { throw notATime }
        var parts = tm()
        parts.tm_year = Int32(y - 1900)
        parts.tm_mon = Int32(mo - 1)
        parts.tm_mday = Int32(d)
        parts.tm_hour = Int32(h)
        parts.tm_min = Int32(mi)
        parts.tm_sec = Int32(s)
        let asUTC = Double(timegm(&parts)) + fraction
        if let offset { return Date(timeIntervalSince1970: asUTC - Double(offset)) }
        // Local time: the zone's offset at that moment (DST-safe enough for China, which has none).
        let guess = Date(timeIntervalSince1970: asUTC)
        let off = zone.secondsFromGMT(for: guess.addingTimeInterval(-Double(zone.secondsFromGMT(for: guess))))
        return Date(timeIntervalSince1970: asUTC - Double(off))
    }

    /// The last millisecond of a local date.
    public static func endOfDay(_ date: LocalDate, timeZone: TimeZone) -> Date {
        var parts = tm()
        parts.tm_year = Int32(date.year - 1900)
        parts.tm_mon = Int32(date.month - 1)
        parts.tm_mday = Int32(date.day) + 1
        let nextMidnightUTC = Double(timegm(&parts))
        let off = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: nextMidnightUTC))
        return Date(timeIntervalSince1970: nextMidnightUTC - Double(off) - 0.001)
    }

    /// The stored (UTC) form of `endOfDay`.
    public static func endOfDayUTC(_ date: LocalDate, timeZone: String = defaultTimeZone) -> String {
        utc(endOfDay(date, timeZone: TimeZone(identifier: timeZone) ?? chinaStandardTime))
    }

    /// The local calendar date of a stored instant.
    public static func localDate(of stored: String, timeZone: String = defaultTimeZone) -> LocalDate? {
        guard let d = parse(stored) else { return nil }
        return localDate(of: d, timeZone: timeZone)
    }

    /// The local calendar date of an instant in the database's time zone.
    public static func localDate(of d: Date, timeZone: String = defaultTimeZone) -> LocalDate {
        LocalDate(d, timeZone: TimeZone(identifier: timeZone) ?? chinaStandardTime)
    }

    /// The last millisecond of a local date, in the database's time zone.
    public static func endOfDay(_ date: LocalDate, timeZone: String) -> Date {
        millisecond(endOfDay(date, timeZone: TimeZone(identifier: timeZone) ?? chinaStandardTime))
    }

    /// "2021-03-15 10:00" in the local time zone, for people.
    public static func display(_ stored: String, timeZone: String = defaultTimeZone) -> String {
        guard let d = parse(stored) else { return stored }
        return display(d, timeZone: timeZone)
    }

    /// "2021-03-15 10:00" in the local time zone, for people.
    public static func display(_ d: Date, timeZone: String = defaultTimeZone) -> String {
        let zone = TimeZone(identifier: timeZone) ?? chinaStandardTime
        var t = time_t(d.timeIntervalSince1970.rounded(.down)) + time_t(zone.secondsFromGMT(for: d))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
            Int(parts.tm_min))
    }
}
