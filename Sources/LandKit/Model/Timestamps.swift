import Foundation

/// Times as LandKit stores them: ISO 8601 in UTC with milliseconds ("2021-03-15T02:00:00.000Z"),
/// so that text order is time order. Input without an offset, and dates, are in the database's
/// time zone (default Asia/Shanghai).
public enum Timestamps {
    public static let defaultTimeZone = "Asia/Shanghai"
    /// UTC+8 without a zone database, the fallback when a zone name is unknown.
    static let chinaStandardTime = TimeZone(secondsFromGMT: 8 * 3600) ?? TimeZone.current

    public static func nowUTC() -> String { utc(Date()) }

    public static func utc(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    /// Parses a stored or user-given instant.
    /// Accepted: `2021-03-15T10:00:00+08:00`, `…Z`, with fractional seconds, `2021-03-15T10:00`,
    /// `2021-03-15 10:00:00` (local), and `2021-03-15` (the END of that local day, 23:59:59.999).
    public static func parse(_ text: String, timeZone: String = defaultTimeZone) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: t) { return d }
        full.formatOptions = [.withInternetDateTime]
        if let d = full.date(from: t) { return d }
        guard let tz = TimeZone(identifier: timeZone) else { return nil }
        if let date = LocalDate(t) { return endOfDay(date, timeZone: tz) }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = tz
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            local.dateFormat = format
            if let d = local.date(from: t) { return d }
        }
        return nil
    }

    /// The last millisecond of a local date.
    public static func endOfDay(_ date: LocalDate, timeZone: TimeZone) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let start = cal.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date(timeIntervalSince1970: 0)
        let next = cal.date(byAdding: .day, value: 1, to: start) ?? start
        return next.addingTimeInterval(-0.001)
    }

    /// The stored (UTC) form of `endOfDay`.
    public static func endOfDayUTC(_ date: LocalDate, timeZone: String = defaultTimeZone) -> String {
        utc(endOfDay(date, timeZone: TimeZone(identifier: timeZone) ?? chinaStandardTime))
    }

    /// The local calendar date of a stored instant.
    public static func localDate(of stored: String, timeZone: String = defaultTimeZone) -> LocalDate? {
        guard let d = parse(stored), let tz = TimeZone(identifier: timeZone) else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.year, .month, .day], from: d)
        guard let y = c.year, let m = c.month, let day = c.day else { return nil }
        return LocalDate(year: y, month: m, day: day)
    }

    /// "2021-03-15 10:00" in the local time zone, for people.
    public static func display(_ stored: String, timeZone: String = defaultTimeZone) -> String {
        guard let d = parse(stored) else { return stored }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: timeZone)
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }
}
