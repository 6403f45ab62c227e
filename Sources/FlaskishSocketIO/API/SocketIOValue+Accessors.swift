import Flaskish

extension SocketIOValue {
    /// The integer, or nil for any other kind (a whole `.double` counts).
    public var intValue: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: Int(d)
        default: nil
        }
    }
    /// The number as a `Double`, or nil for any other kind.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
    /// The Bool, or nil for any other kind.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// True for `.null`.
    public var isNull: Bool { self == .null }
}

extension SocketIOValue: CustomStringConvertible {
    /// A string prints as its text (so `print(msg)` shows the message, as in Python); any
    /// other value as compact JSON, with binary shown as `<n bytes>`.
    public var description: String {
        if case .string(let text) = self { return text }
        if let json = jsonValue { return json.serializedString(options: Self.descriptionOptions) }
        switch self {
        case .binary(let bytes): return "<\(bytes.count) bytes>"
        case .array(let elements): return "[" + elements.map(\.nestedDescription).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }
                .map { JSONValue.string($0.key).serializedString(options: Self.descriptionOptions) + ":" + $0.value.nestedDescription }
                .joined(separator: ",") + "}"
        default: return ""
        }
    }

    /// Sorted keys, so a description is the same on every run; Unicode kept readable.
    private static let descriptionOptions = JSONWriteOptions(sortKeys: true, ensureASCII: false, itemSeparator: ",", keySeparator: ":")

    private var nestedDescription: String {
        if case .string = self, let json = jsonValue { return json.serializedString(options: Self.descriptionOptions) }
        return description
    }
}
