import Foundation

/// The date texts JSON encoding writes and reads, computed with integer calendar arithmetic
/// (no `DateFormatter`, no locale, no time zone database).
///
/// Flask's default JSON provider writes a `date`/`datetime` as `werkzeug.http.http_date`,
/// e.g. `Wed, 25 Nov 2026 16:00:00 GMT` (RFC 9110 IMF-fixdate, whole seconds, UTC).
/// Reading accepts that form and ISO 8601 (`2026-11-25T16:00:00Z`, `…T16:00:00.250+01:00`),
/// which is what a browser's `JSON.stringify(new Date())` sends.
enum JSONEncodingDates {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` as an IMF-fixdate; fractions of a second are dropped, as Python's `http_date` does.
    /// Nil outside the years 1–9999, which Python's `datetime` cannot hold either.
    static func httpDate(_ date: Date) -> String? {
        let interval = date.timeIntervalSince1970.rounded(.down)
        // -62135596800 is 0001-01-01T00:00:00Z; 253402300800 is 10000-01-01T00:00:00Z.
        guard interval >= -62_135_596_800, interval < 253_402_300_800 else { return nil }
        let seconds = Int(interval)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let weekday = weekdays[floorDivide(days + 4, 7).1]
        return "\(weekday), \(pad(day, 2)) \(months[month - 1]) \(pad(year, 4)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)) GMT"
    }

    /// The date of an IMF-fixdate or ISO 8601 text, or nil when `text` is neither.
    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        return parseHTTPDate(bytes) ?? parseISO8601(bytes)
    }

    private static func parseHTTPDate(_ b: [UInt8]) -> Date? {
        // "Wed, 25 Nov 2026 16:00:00 GMT"
        guard b.count == 29, b[3] == UInt8(ascii: ","), b[4] == 0x20, b[7] == 0x20, b[11] == 0x20, b[16] == 0x20,
            b[19] == UInt8(ascii: ":"), b[22] == UInt8(ascii: ":"), b[25] == 0x20,
            String(decoding: b[26...], as: UTF8.self) == "GMT",
            let monthIndex = months.firstIndex(of: String(decoding: b[8..<11], as: UTF8.self)),
            let day = number(b, 5, 2), let year = number(b, 12, 4),
            let hour = number(b, 17, 2), let minute = number(b, 20, 2), let second = number(b, 23, 2)
        else { return nil }
        return makeDate(year, monthIndex + 1, day, hour, minute, second, fraction: 0, offsetSeconds: 0)
    }

    private static func parseISO8601(_ b: [UInt8]) -> Date? {
        // YYYY-MM-DD[Tt ]HH:MM[:SS[.fff…]][Z|±HH:MM]
        guard b.count >= 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == 0x20, b[13] == UInt8(ascii: ":"),
            let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
            let hour = number(b, 11, 2), let minute = number(b, 14, 2)
        else { return nil }
        var i = 16
        var second = 0
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = number(b, i + 1, 2) else { return nil }
            second = s
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, let digit = number(b, i, 1) {
                    fraction += Double(digit) * scale
                    scale /= 10
                    i += 1
                }
                if i == start { return nil }
            }
        }
        var offset = 0
        if i < b.count, b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if i + 6 == b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
            b[i + 3] == UInt8(ascii: ":"), let oh = number(b, i + 1, 2), let om = number(b, i + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        }
        guard i == b.count else { return nil }
        return makeDate(year, month, day, hour, minute, second, fraction: fraction, offsetSeconds: offset)
    }

    private static func makeDate(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
        fraction: Double, offsetSeconds: Int
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = self.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func number(_ b: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= b.count else { return nil }
        var value = 0
        for byte in b[start..<start + length] {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> (Int, Int) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    /// Days since 1970-01-01 → proleptic Gregorian (year, month, day); H. Hinnant's algorithm.
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097).0
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The inverse of `civil(fromDays:)`.
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400).0
        let yearOfEra = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * mp + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
