import Foundation

/// A value a URL converter produced from a path segment: what a Flask view receives as a keyword
/// argument (`def show(id: int)`), here typed by the converter that made it.
///
/// `int` makes `.int` (`.bigInt` beyond 64 bits), `float` makes `.double`, `uuid` makes `.uuid`, and `string`, `path` and
/// `any` make `.string`. A rule's `defaults` are strings, so they arrive as `.string`; the numeric
/// accessors parse such strings, so `value.intValue` works for both `<int:page>` and
/// `defaults: ["page": "1"]`.
public enum RouteValue: Sendable, Hashable, CustomStringConvertible {
    /// Text from `string`, `path`, `any`, a custom converter, or a rule default.
    ///
    /// Werkzeug: what `UnicodeConverter`, `PathConverter` and `AnyConverter` give (`str`).
    case string(String)
    /// A whole number from `int`.
    ///
    /// Werkzeug: what `IntegerConverter` gives (`int`).
    case int(Int)
    /// A whole number from `int` beyond 64 bits, kept exactly.
    ///
    /// Werkzeug: what `IntegerConverter` gives (Python's `int` is unbounded).
    case bigInt(BigInteger)
    /// A number from `float`.
    ///
    /// Werkzeug: what `FloatConverter` gives (`float`).
    case double(Double)
    /// A UUID from `uuid` (Python: `uuid.UUID`).
    case uuid(UUID)

    /// The value as it is written in a URL: Python's `str()` of the Werkzeug value, so a UUID is
    /// lower-case and a double is the shortest text that reads back the same (`0.815`, `1e-05`).
    public var description: String {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bigInt(let number): return number.description
        case .double(let number): return number.description
        case .uuid(let id): return id.uuidString.lowercased()
        }
    }

    /// The text of a `.string`; nil for the other cases.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an `.int`, or a `.string` that reads as a whole number (a rule default).
    public var intValue: Int? {
        switch self {
        case .int(let number): return number
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    /// The number of a `.double`, an `.int`, or a `.string` that reads as a number.
    public var doubleValue: Double? {
        switch self {
        case .double(let number): return number
        case .int(let number): return Double(number)
        case .bigInt(let number): return number.doubleValue
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    /// The UUID of a `.uuid`, or a `.string` in UUID form.
    public var uuidValue: UUID? {
        switch self {
        case .uuid(let id): return id
        case .string(let text): return UUID(uuidString: text)
        default: return nil
        }
    }
}
