import Foundation

/// `JSONValue` is itself `Codable`, so it can sit inside your own `Codable` types (a free-form
/// `extra: JSONValue` field). Our encoder and decoder pass it through untouched; other coders
/// (Foundation's `JSONEncoder`, a property-list coder) see its natural shape.
extension JSONValue: Codable {
    /// Decodes whatever JSON shape is there.
    public init(from decoder: any Decoder) throws {
        if let ours = decoder as? JSONValueDecoder {
            self = ours.value
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        if let object = try? decoder.container(keyedBy: JSONCodingKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? single.decode(Int.self) {
            self = .int(i)
        } else if let d = try? single.decode(Double.self) {
            self = .double(d)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// Encodes the value in its natural shape.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let b):
            var single = encoder.singleValueContainer()
            try single.encode(b)
        case .int(let i):
            var single = encoder.singleValueContainer()
            try single.encode(i)
        case .bigInt(let n):
            // Decimal keeps 38 digits exactly, which covers what encoders can write as a number.
            var single = encoder.singleValueContainer()
            if let exact = Decimal(string: n.description), exact.description == n.description {
                try single.encode(exact)
            } else {
                try single.encode(Double(n.description) ?? .nan)
            }
        case .double(let d):
            var single = encoder.singleValueContainer()
            try single.encode(d)
        case .string(let s):
            var single = encoder.singleValueContainer()
            try single.encode(s)
        case .array(let elements):
            var array = encoder.unkeyedContainer()
            for element in elements { try array.encode(element) }
        case .object(let members):
            var object = encoder.container(keyedBy: JSONCodingKey.self)
            for (key, member) in members { try object.encode(member, forKey: JSONCodingKey(stringValue: key)) }
        }
    }
}
