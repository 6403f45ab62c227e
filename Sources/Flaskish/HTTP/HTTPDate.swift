// HTTP dates (RFC 9110 §5.6.7), computed with integer calendar arithmetic: no Foundation
// formatters, no locale, no time zone other than GMT.
//
//   IMF-fixdate  = day-name "," SP 2DIGIT SP month SP 4DIGIT SP hh:mm:ss SP "GMT"
//   rfc850-date  = day-name-l "," SP 2DIGIT "-" month "-" 2DIGIT SP hh:mm:ss SP "GMT"
//   asctime-date = day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP hh:mm:ss SP 4DIGIT

/// Formats and parses HTTP dates as whole seconds since the Unix epoch.
///
/// Werkzeug: `http_date`, `parse_date`, and the dev server's `log_date_time_string`.
package enum HTTPDate {
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // epoch day 0 is Thursday
    private static let longDayNames = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A moment split into calendar fields (UTC).
    struct Components: Equatable {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int
    }

    /// `Wed, 25 Nov 2026 16:00:00 GMT` for `seconds` since 1970-01-01T00:00:00Z.
    ///
    /// Werkzeug: `http_date(timestamp)`.
    package static func format(_ seconds: Int) -> String {
        let c = components(seconds)
        var out = ""
        out.reserveCapacity(29)
        out += dayNames[c.weekday]
        out += ", "
        append2(c.day, to: &out)
        out += " "
        out += monthNames[c.month - 1]
        out += " "
        append4(c.year, to: &out)
        out += " "
        appendTime(c, to: &out)
        out += " GMT"
        return out
    }

    /// `25/Nov/2026 16:00:00`, the timestamp of a Werkzeug access-log line.
    ///
    /// Werkzeug: `WSGIRequestHandler.log_date_time_string()` (there in local time; UTC here).
    package static func formatLogTimestamp(_ seconds: Int) -> String {
        let c = components(seconds)
        var out = ""
        out.reserveCapacity(20)
        append2(c.day, to: &out)
        out += "/"
        out += monthNames[c.month - 1]
        out += "/"
        append4(c.year, to: &out)
        out += " "
        appendTime(c, to: &out)
        return out
    }

    /// Seconds since the epoch for a date in any of the three forms RFC 9110 §5.6.7 requires a
    /// recipient to accept, or nil. Two-digit RFC 850 years follow Python's `email.utils`:
    /// 69–99 are 19xx, 00–68 are 20xx. The weekday must be a valid name but is not cross-checked.
    ///
    /// Werkzeug: `parse_date(value)`.
    package static func parse(_ text: some StringProtocol) -> Int? {
        let s = Array(text.trimmingASCIIWhitespace().utf8)
        guard s.count <= 40 else { return nil }  // longer than any of the three forms
        if let comma = s.firstIndex(of: ASCII.comma) {
            let name = String(decoding: s[..<comma], as: UTF8.self)
            if comma == 3, dayNames.contains(name) { return parseIMFFixdate(s) }
            if longDayNames.contains(name) { return parseRFC850(s, from: comma + 1) }
            return nil
        }
        return parseAsctime(s)
    }

    // Sun, 06 Nov 1994 08:49:37 GMT
    private static func parseIMFFixdate(_ s: [UInt8]) -> Int? {
        guard s.count == 29, s[4] == ASCII.space, s[7] == ASCII.space, s[11] == ASCII.space,
              s[16] == ASCII.space, s[25] == ASCII.space, String(decoding: s[26...], as: UTF8.self) == "GMT",
              let day = number(s, 5, 2), let month = month(s, 8), let year = number(s, 12, 4),
              let time = time(s, 17)
        else { return nil }
        return seconds(year: year, month: month, day: day, time: time)
    }

    // Sunday, 06-Nov-94 08:49:37 GMT
    private static func parseRFC850(_ s: [UInt8], from start: Int) -> Int? {
        let i = start
        guard s.count == i + 23, s[i] == ASCII.space, s[i + 3] == UInt8(ascii: "-"),
              s[i + 7] == UInt8(ascii: "-"), s[i + 10] == ASCII.space, s[i + 19] == ASCII.space,
              String(decoding: s[(i + 20)...], as: UTF8.self) == "GMT",
              let day = number(s, i + 1, 2), let month = month(s, i + 4), let yy = number(s, i + 8, 2),
              let time = time(s, i + 11)
        else { return nil }
        return seconds(year: yy < 69 ? 2000 + yy : 1900 + yy, month: month, day: day, time: time)
    }

    // Sun Nov  6 08:49:37 1994
    private static func parseAsctime(_ s: [UInt8]) -> Int? {
        guard s.count == 24, dayNames.contains(String(decoding: s[0..<3], as: UTF8.self)),
              s[3] == ASCII.space, s[7] == ASCII.space, s[10] == ASCII.space, s[19] == ASCII.space,
              let month = month(s, 4), let time = time(s, 11), let year = number(s, 20, 4)
        else { return nil }
        let day: Int?
        if s[8] == ASCII.space { day = number(s, 9, 1) } else { day = number(s, 8, 2) }
        guard let day else { return nil }
        return seconds(year: year, month: month, day: day, time: time)
    }

    /// Splits seconds since the epoch into UTC calendar fields (proleptic Gregorian).
    static func components(_ seconds: Int) -> Components {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil_from_days: eras of 400 years starting on March 1st.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7) % 7
        return Components(
            year: year, month: month, day: day, hour: secondOfDay / 3600,
            minute: secondOfDay % 3600 / 60, second: secondOfDay % 60, weekday: weekday
        )
    }

    /// Days since the epoch for a civil date (Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func seconds(year: Int, month: Int, day: Int, time: (Int, Int, Int)) -> Int? {
        guard day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return days(year: year, month: month, day: day) * 86_400 + time.0 * 3600 + time.1 * 60 + time.2
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func number(_ s: [UInt8], _ start: Int, _ length: Int) -> Int? {
        var n = 0
        for i in start..<(start + length) {
            guard s[i] >= 48, s[i] <= 57 else { return nil }
            n = n * 10 + Int(s[i] - 48)
        }
        return n
    }

    private static func month(_ s: [UInt8], _ start: Int) -> Int? {
        let name = String(decoding: s[start..<(start + 3)], as: UTF8.self)
        return monthNames.firstIndex(of: name).map { $0 + 1 }
    }

    /// `hh:mm:ss`; a leap second (60) is accepted and lands on the next second.
    private static func time(_ s: [UInt8], _ start: Int) -> (Int, Int, Int)? {
        guard s[start + 2] == ASCII.colon, s[start + 5] == ASCII.colon,
              let h = number(s, start, 2), let m = number(s, start + 3, 2), let sec = number(s, start + 6, 2),
              h < 24, m < 60, sec <= 60
        else { return nil }
        return (h, m, sec)
    }

    private static func append2(_ n: Int, to out: inout String) {
        out.unicodeScalars.append(Unicode.Scalar(UInt8(48 + n / 10)))
        out.unicodeScalars.append(Unicode.Scalar(UInt8(48 + n % 10)))
    }

    private static func append4(_ n: Int, to out: inout String) {
        if n < 0 || n > 9999 { out += String(n); return }
        append2(n / 100, to: &out)
        append2(n % 100, to: &out)
    }

    private static func appendTime(_ c: Components, to out: inout String) {
        append2(c.hour, to: &out)
        out += ":"
        append2(c.minute, to: &out)
        out += ":"
        append2(c.second, to: &out)
    }
}
