import Foundation

/// Where one encoder's output accumulates. A reference, because a nested container or a
/// `superEncoder()` is handed out and written after its parent has recorded it.
final class JSONEncodingNode {
    /// A finished value, or a node still being filled by a nested container.
    enum Slot {
        case value(JSONValue)
        case node(JSONEncodingNode)

        var json: JSONValue {
            switch self {
            case .value(let value): value
            case .node(let node): node.json
            }
        }
    }

    enum Kind { case empty, value, array, object }

    // Kept in separate stored properties so appending mutates in place (no enum payload copy).
    private(set) var kind = Kind.empty
    private(set) var value = JSONValue.null
    var array: [Slot] = []
    var object: [String: Slot] = [:]

    func setValue(_ newValue: JSONValue) {
        kind = .value
        value = newValue
    }

    func becomeArray() {
        if kind != .array { kind = .array }
    }

    func becomeObject() {
        if kind != .object { kind = .object }
    }

    /// Takes over what `slot` holds (a single-value container encoding a composite).
    func adopt(_ slot: Slot) {
        switch slot {
        case .value(let newValue): setValue(newValue)
        case .node(let other):
            kind = other.kind
            value = other.value
            array = other.array
            object = other.object
        }
    }

    /// The finished value; a node nobody wrote to is `{}`, as with Foundation's `JSONEncoder`.
    var json: JSONValue {
        switch kind {
        case .empty: .object([:])
        case .value: value
        case .array: .array(array.map(\.json))
        case .object: .object(object.mapValues(\.json))
        }
    }
}

/// Our `Encoder`: encodes into a ``JSONEncodingNode``.
struct JSONValueEncoder: Encoder {
    let node: JSONEncodingNode
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(node: JSONEncodingNode = JSONEncodingNode(), codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.node = node
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return JSONUnkeyedEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueEncodingContainer(encoder: self)
    }

    /// A child encoder for the value at `key`, writing into a fresh node.
    func child(at key: any CodingKey) -> JSONValueEncoder {
        JSONValueEncoder(codingPath: codingPath + [key], userInfo: userInfo)
    }

    /// The whole value of `value`, for the top level.
    func box<T: Encodable>(_ value: T) throws -> JSONValue {
        try boxSlot(value, at: nil).json
    }

    /// `value` as a slot: scalars and Flask's special types directly, anything else through its
    /// own `encode(to:)`.
    ///
    /// The child's coding path is built only when needed (a composite or an error): most
    /// values are scalars, and the array would cost an allocation each.
    func boxSlot<T: Encodable>(_ value: T, at key: (any CodingKey)?) throws -> JSONEncodingNode.Slot {
        if let scalar = try Self.scalar(value, path: key.map { codingPath + [$0] } ?? codingPath) {
            return .value(scalar)
        }
        let encoder = JSONValueEncoder(codingPath: key.map { codingPath + [$0] } ?? codingPath, userInfo: userInfo)
        try value.encode(to: encoder)
        if encoder.node.kind == .value { return .value(encoder.node.value) }
        return .node(encoder.node)
    }

    /// The JSON of the types encoded as one scalar, or nil for any other type.
    ///
    /// Compares type identities (a pointer comparison) rather than trying `as?` casts, which
    /// cost a runtime conformance search per value.
    private static func scalar<T: Encodable>(
        _ value: T, path: @autoclosure () -> [any CodingKey]
    ) throws -> JSONValue? {
        func same<U>(_ type: U.Type) -> U { unsafeBitCast(value, to: U.self) }
        let type = T.self
        if type == String.self { return .string(same(String.self)) }
        if type == Int.self { return .int(same(Int.self)) }
        if type == Double.self { return .double(same(Double.self)) }
        if type == Bool.self { return .bool(same(Bool.self)) }
        if type == JSONValue.self { return same(JSONValue.self) }
        if type == Float.self { return .double(double(same(Float.self))) }
        if type == Date.self {
            let date = same(Date.self)
            guard let text = JSONEncodingDates.httpDate(date) else {
                throw EncodingError.invalidValue(
                    date, .init(codingPath: path(), debugDescription: "Date \(date) is outside the years 1–9999."))
            }
            return .string(text)
        }
        if type == UUID.self { return .string(same(UUID.self).uuidString.lowercased()) }
        if type == Data.self { return .string(same(Data.self).base64EncodedString()) }
        if type == URL.self { return .string(same(URL.self).absoluteString) }
        if type == Decimal.self { return .string(same(Decimal.self).description) }
        if type == UInt.self { return .int(try int(same(UInt.self), path: path())) }
        if type == UInt64.self { return .int(try int(same(UInt64.self), path: path())) }
        return nil
    }

    /// The `Double` whose shortest text is the `Float`'s, so `Float(0.1)` writes `0.1`.
    static func double(_ value: Float) -> Double {
        Double(value.description) ?? Double(value)
    }

    /// `value` as an `Int`, or an error: ``JSONValue`` has no integers beyond `Int`.
    static func int<I: BinaryInteger>(_ value: I, path: [any CodingKey]) throws -> Int {
        guard let int = Int(exactly: value) else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: path, debugDescription: "\(value) does not fit in JSONValue.int (Int)."))
        }
        return int
    }
}

/// The keyed container: writes members of the encoder's object node.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: JSONValue, _ key: Key) { encoder.node.object[key.stringValue] = .value(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.double(JSONValueEncoder.double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try putUnsigned(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try putUnsigned(value, key) }

    private func putUnsigned<I: BinaryInteger>(_ value: I, _ key: Key) throws {
        put(.int(try JSONValueEncoder.int(value, path: codingPath + [key])), key)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.node.object[key.stringValue] = try encoder.boxSlot(value, at: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = encoder.child(at: key)
        encoder.node.object[key.stringValue] = .node(child.node)
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = encoder.child(at: key)
        encoder.node.object[key.stringValue] = .node(child.node)
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(at: JSONCodingKey.superKey) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(at: key) }

    private func superEncoder(at key: any CodingKey) -> any Encoder {
        let child = encoder.child(at: key)
        encoder.node.object[key.stringValue] = .node(child.node)
        return child
    }
}

/// The unkeyed container: appends elements to the encoder's array node.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.node.array.count }

    private var nextKey: JSONCodingKey { JSONCodingKey(intValue: count) }
    private func append(_ value: JSONValue) { encoder.node.array.append(.value(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.double(value)) }
    mutating func encode(_ value: Float) throws { append(.double(JSONValueEncoder.double(value))) }
    mutating func encode(_ value: Int) throws { append(.int(value)) }
    mutating func encode(_ value: Int8) throws { append(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { append(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { append(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { append(.int(try JSONValueEncoder.int(value, path: codingPath + [nextKey]))) }
    mutating func encode(_ value: UInt8) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { append(.int(try JSONValueEncoder.int(value, path: codingPath + [nextKey]))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let slot = try encoder.boxSlot(value, at: nextKey)
        encoder.node.array.append(slot)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = encoder.child(at: nextKey)
        encoder.node.array.append(.node(child.node))
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = encoder.child(at: nextKey)
        encoder.node.array.append(.node(child.node))
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = encoder.child(at: nextKey)
        encoder.node.array.append(.node(child.node))
        return child
    }
}

/// The single-value container: sets the encoder's node to one value.
struct JSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: JSONValue) { encoder.node.setValue(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.double(value)) }
    mutating func encode(_ value: Float) throws { set(.double(JSONValueEncoder.double(value))) }
    mutating func encode(_ value: Int) throws { set(.int(value)) }
    mutating func encode(_ value: Int8) throws { set(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { set(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { set(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { set(.int(try JSONValueEncoder.int(value, path: codingPath))) }
    mutating func encode(_ value: UInt8) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { set(.int(try JSONValueEncoder.int(value, path: codingPath))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node.adopt(try encoder.boxSlot(value, at: nil))
    }
}
