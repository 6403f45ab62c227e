import Flaskish
import FlaskishSocketIO

/// The JSON parser, serialiser and Codable bridge.
enum FuzzJSON {
    /// Any Decodable shape: walks every container, as a user's recursive model would.
    private struct Tree: Decodable {
        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                while !array.isAtEnd { _ = try array.decode(Tree.self) }
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                for key in object.allKeys { _ = try object.decode(Tree.self, forKey: key) }
            }
        }
    }

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let value = try? JSONValue(parsing: input) else { return }
        _ = try? JSONEncoding.decode(Tree.self, from: value)
        let socketIO = SocketIOValue(value)
        // Socket.IO numbers are JavaScript's: an integer beyond 64 bits becomes a double there
        // by design (docs/differences-from-flask.md), so that is the one change expected.
        Fuzz.check(socketIO.jsonValue == bigIntegersAsDoubles(value), "json", "SocketIOValue round trip")
        guard isFinite(socketIO) else { return }
        for options in [JSONWriteOptions.compact, .jsonify, .pythonDefault] {
            let text = value.serialized(options: options)
            let again = try? JSONValue(parsing: text)
            Fuzz.check(again == value, "json", "round trip through \(String(decoding: text, as: UTF8.self).debugDescription)")
        }
        let decoded = try? JSONEncoding.decode(JSONValue.self, from: value)
        Fuzz.check(decoded == value, "json", "Codable decode of a JSONValue changed it")
        let encoded = try? JSONEncoding.encode(value)
        Fuzz.check(encoded == value, "json", "Codable encode of a JSONValue changed it")
    }

    /// False when a number in `value` is infinite or NaN, which JSON text cannot carry back.
    static func isFinite(_ value: SocketIOValue) -> Bool {
        switch value {
        case .double(let d): d.isFinite
        case .array(let a): a.allSatisfy(isFinite)
        case .object(let o): o.values.allSatisfy(isFinite)
        default: true
        }
    }

    /// `value` with every integer beyond 64 bits turned into the double Socket.IO carries.
    private static func bigIntegersAsDoubles(_ value: JSONValue) -> JSONValue {
        switch value {
        case .bigInt(let n): return .double(Double(n.description) ?? .nan)
        case .array(let items): return .array(items.map(bigIntegersAsDoubles))
        case .object(let members): return .object(members.mapValues(bigIntegersAsDoubles))
        default: return value
        }
    }
}
