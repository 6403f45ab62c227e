import Flaskish

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
