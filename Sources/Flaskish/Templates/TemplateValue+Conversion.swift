import Foundation

/// A Swift type that knows how to appear in a template context.
///
/// Flask passes arbitrary Python objects to `render_template`; in Swift, conform a model to
/// this protocol (or to `Encodable`) to make its fields readable as `{{ user.name }}`.
public protocol TemplateRepresentable {
    /// The value templates see.
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    /// A value is its own template value.
    public var templateValue: TemplateValue { self }
}

extension TemplateValue {
    /// A render context from loosely typed Swift values (see ``init(any:)``), for callers
    /// such as `renderTemplate("page.html", ["user": user, "count": 3])` with `[String: Any]`.
    public static func context(_ values: [String: Any?]) -> [String: TemplateValue] {
        values.mapValues { TemplateValue(any: $0) }
    }

    /// MarkupSafe's `escape(value)`: Markup is returned unchanged, anything else is
    /// `str()`-ed and HTML-escaped into Markup (Flask re-exports it as `flask.escape`).
    public static func escape(_ value: TemplateValue) -> TemplateValue {
        TemplateEscaping.escapeValue(value)
    }

    /// Converts a `JSONValue`. Object keys are sorted, since `JSONValue` objects are unordered.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .none
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .bigInt(let n): self = .integer(n)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(TemplateValue.init))
        case .object(let members):
            var dict = TemplateDict()
            for key in members.keys.sorted() { dict[key] = TemplateValue(members[key] ?? .null) }
            self = .dict(dict)
        }
    }

    /// Converts an `Encodable` model, keeping its fields in the order it encodes them.
    public init(encoding value: some Encodable) throws {
        self = try TemplateValueEncoder.encode(value)
    }

    /// Converts a loosely typed Swift value: `nil`/optionals, strings, numbers, booleans,
    /// arrays, `[String: Any]` (keys sorted), `JSONValue`, ``TemplateRepresentable`` and
    /// `Encodable` values. Anything else becomes its `String(describing:)`.
    public init(any value: Any?) {
        guard let value else { self = .none; return }
        // The common scalars (config values, contexts built from `[String: Any]`) are cast
        // before reflecting on the value, which costs far more; a TemplateRepresentable type
        // still takes precedence, as in the switch below, and a cast sees through Optional
        // as the Mirror does.
        if !(value is any TemplateRepresentable) {
            if let v = value as? String { self = .string(v); return }
            if let v = value as? Int { self = .int(v); return }
            if let v = value as? Bool { self = .bool(v); return }
            if let v = value as? Double { self = .double(v); return }
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { self = .none; return }
            self.init(any: wrapped)
            return
        }
        switch value {
        case let v as any TemplateRepresentable: self = v.templateValue
        case let v as JSONValue: self.init(v)
        case let v as String: self = .string(v)
        case let v as Substring: self = .string(String(v))
        case let v as Bool: self = .bool(v)
        case let v as Int: self = .int(v)
        case let v as any BinaryInteger: self = TemplateValue.integer(v)
        case let v as Double: self = .double(v)
        case let v as Float: self = .double(Double(v))
        case let v as [Any?]: self = .list(v.map { TemplateValue(any: $0) })
        case let v as [String: Any?]:
            var dict = TemplateDict()
            for key in v.keys.sorted() { dict[key] = TemplateValue(any: v[key] ?? nil) }
            self = .dict(dict)
        case let v as any Encodable:
            self = (try? TemplateValueEncoder.encode(v)) ?? .string(String(describing: value))
        default: self = .string(String(describing: value))
        }
    }
}

/// Encodes `Encodable` values straight into ``TemplateValue`` (no JSON round trip), so
/// dictionaries keep the order in which `encode(to:)` wrote the keys.
enum TemplateValueEncoder {
    static func encode(_ value: some Encodable) throws -> TemplateValue {
        if let direct = special(value) { return direct }
        let node = Node()
        try value.encode(to: ValueEncoder(node: node, codingPath: []))
        return node.resolved
    }

    /// Types whose `Encodable` form is not what a template wants.
    static func special(_ value: Any) -> TemplateValue? {
        switch value {
        case let v as TemplateValue: v
        case let v as JSONValue: TemplateValue(v)
        case let v as URL: .string(v.absoluteString)
        case let v as Date: .string(v.formatted(.iso8601))
        case let v as Decimal: .double(NSDecimalNumber(decimal: v).doubleValue)
        default: nil
        }
    }

    final class Node {
        enum Content {
            case empty
            case value(TemplateValue)
            case keyed([(String, Node)])
            case unkeyed([Node])
        }
        var content = Content.empty

        var resolved: TemplateValue {
            switch content {
            case .empty: return .none
            case .value(let v): return v
            case .unkeyed(let nodes): return .list(nodes.map(\.resolved))
            case .keyed(let pairs):
                var dict = TemplateDict()
                for (k, n) in pairs { dict[k] = n.resolved }
                return .dict(dict)
            }
        }

        func child(forKey key: String) -> Node {
            let node = Node()
            if case .keyed(var pairs) = content {
                pairs.append((key, node))
                content = .keyed(pairs)
            } else {
                content = .keyed([(key, node)])
            }
            return node
        }

        func appendChild() -> Node {
            let node = Node()
            if case .unkeyed(var nodes) = content {
                nodes.append(node)
                content = .unkeyed(nodes)
            } else {
                content = .unkeyed([node])
            }
            return node
        }

        func store(_ value: some Encodable, codingPath: [any CodingKey]) throws {
            if let direct = TemplateValueEncoder.special(value) ?? Self.primitive(value) {
                content = .value(direct)
            } else {
                try value.encode(to: ValueEncoder(node: self, codingPath: codingPath))
            }
        }

        static func primitive(_ value: Any) -> TemplateValue? {
            switch value {
            case let v as String: .string(v)
            case let v as Bool: .bool(v)
            case let v as Int: .int(v)
            case let v as Double: .double(v)
            case let v as Float: .double(Double(v))
            case let v as any BinaryInteger: TemplateValue.integer(v)
            default: nil
            }
        }
    }

    struct ValueEncoder: Encoder {
        let node: Node
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .keyed = node.content {} else { node.content = .keyed([]) }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
            return Unkeyed(node: node, codingPath: codingPath)
        }
        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]
        mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.none) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try node.child(forKey: key.stringValue).store(value, codingPath: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.child(forKey: "super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int {
            if case .unkeyed(let nodes) = node.content { return nodes.count }
            return 0
        }
        mutating func encodeNil() throws { node.appendChild().content = .value(.none) }
        mutating func encode<T: Encodable>(_ value: T) throws { try node.appendChild().store(value, codingPath: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            ValueEncoder(node: node.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            ValueEncoder(node: node.appendChild(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.appendChild(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        mutating func encodeNil() throws { node.content = .value(.none) }
        mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
    }
}
