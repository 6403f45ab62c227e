import Flaskish
import Foundation

/// A value that can be sent as a Socket.IO argument: `emit("e", "text", 42, ["k": 1])`.
///
/// `String`, numbers, `Bool`, `[UInt8]` and `Data` (sent as binary attachments), arrays,
/// string-keyed dictionaries, optionals (`nil` → `null`), ``JSONValue`` and ``SocketIOValue``
/// conform. For your `Encodable` types pass `try SocketIOValue(encoding: value)`, or declare
/// `extension MyType: SocketIOValueConvertible {}` to send them as their JSON.
///
/// Flask-SocketIO: the `str`/`bytes`/`list`/`dict`/numbers accepted by `emit`.
public protocol SocketIOValueConvertible: Sendable {
    /// The value as a Socket.IO payload.
    var socketIOValue: SocketIOValue { get }
}

extension SocketIOValueConvertible where Self: Encodable {
    /// The value's JSON; `null` when the encoder refuses it (e.g. a non-finite `Double`).
    /// Use `try SocketIOValue(encoding:)` to see that error instead.
    public var socketIOValue: SocketIOValue { (try? SocketIOValue(encoding: self)) ?? .null }
}

extension SocketIOValue: SocketIOValueConvertible {
    /// Itself.
    public var socketIOValue: SocketIOValue { self }
}

extension JSONValue: SocketIOValueConvertible {
    /// The same value.
    public var socketIOValue: SocketIOValue { SocketIOValue(self) }
}

extension String: SocketIOValueConvertible {
    /// `.string`.
    public var socketIOValue: SocketIOValue { .string(self) }
}

extension Substring: SocketIOValueConvertible {
    /// `.string`.
    public var socketIOValue: SocketIOValue { .string(String(self)) }
}

extension Bool: SocketIOValueConvertible {
    /// `.bool`.
    public var socketIOValue: SocketIOValue { .bool(self) }
}

extension Int: SocketIOValueConvertible {
    /// `.int`.
    public var socketIOValue: SocketIOValue { .int(self) }
}

extension UInt8: SocketIOValueConvertible {
    /// `.int` (an array of them is binary, see `Array`).
    public var socketIOValue: SocketIOValue { .int(Int(self)) }
}

extension Double: SocketIOValueConvertible {
    /// `.double`.
    public var socketIOValue: SocketIOValue { .double(self) }
}

extension Float: SocketIOValueConvertible {
    /// `.double`.
    public var socketIOValue: SocketIOValue { .double(Double(self)) }
}

extension Data: SocketIOValueConvertible {
    /// `.binary`, sent as an attachment. python-socketio: `bytes`.
    public var socketIOValue: SocketIOValue { .binary([UInt8](self)) }
}

extension Array: SocketIOValueConvertible where Element: SocketIOValueConvertible {
    /// `.array`, except `[UInt8]`, which is `.binary` (python-socketio's `bytes`).
    public var socketIOValue: SocketIOValue {
        if let bytes = self as? [UInt8] { return .binary(bytes) }
        return .array(map(\.socketIOValue))
    }
}

extension Dictionary: SocketIOValueConvertible where Key == String, Value: SocketIOValueConvertible {
    /// `.object`.
    public var socketIOValue: SocketIOValue { .object(mapValues(\.socketIOValue)) }
}

extension Optional: SocketIOValueConvertible where Wrapped: SocketIOValueConvertible {
    /// The wrapped value, or `.null`.
    public var socketIOValue: SocketIOValue { self?.socketIOValue ?? .null }
}
