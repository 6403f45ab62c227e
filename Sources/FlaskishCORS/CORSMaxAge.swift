/// How long a browser may cache a preflight answer: `Access-Control-Max-Age`.
///
/// Written as seconds (`maxAge: 600`), a `Duration` (`maxAge: .duration(.seconds(600))`) or
/// text (`maxAge: "600"`), as flask-cors takes an `int`, a `timedelta` or a `str`. The forms
/// keep flask-cors's one quirk: `0` seconds sends no header (Python drops falsy values) while
/// a zero `Duration` sends `0`.
///
/// flask-cors: `max_age`.
public enum CORSMaxAge: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// Whole seconds; `0` sends no header.
    case seconds(Int)
    /// A duration, sent as its whole seconds truncated toward zero (`timedelta`).
    case duration(Duration)
    /// Sent verbatim; an empty string sends no header.
    case text(String)

    /// Whole seconds.
    public init(integerLiteral value: Int) { self = .seconds(value) }
    /// Text sent verbatim.
    public init(stringLiteral value: String) { self = .text(value) }

    /// The header value, or nil when flask-cors would send none.
    var headerValue: String? {
        switch self {
        case .seconds(let seconds):
            return seconds == 0 ? nil : String(seconds)
        case .duration(let duration):
            let (seconds, attoseconds) = duration.components
            // `int(td.total_seconds())`: the sum truncated toward zero.
            var whole = seconds
            if seconds < 0 && attoseconds > 0 { whole += 1 }
            if seconds > 0 && attoseconds < 0 { whole -= 1 }
            return String(whole)
        case .text(let text):
            return text.isEmpty ? nil : text
        }
    }
}
