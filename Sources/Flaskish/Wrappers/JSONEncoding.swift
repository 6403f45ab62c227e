import Foundation

/// Converts between Swift's `Codable` types and ``JSONValue`` (and JSON bytes) with our own
/// `Encoder`/`Decoder`: no Foundation `JSONEncoder` round trip, so integers stay integers.
///
/// Special types follow Flask's default JSON provider (`flask.json.provider.DefaultJSONProvider`):
/// - `Date` → `http_date` text, `"Wed, 25 Nov 2026 16:00:00 GMT"`; decoding also accepts ISO 8601.
/// - `UUID` → lowercase text, as Python's `str(uuid)`.
/// - `Decimal` → its text (`"1.10"`), as Flask's `str(decimal)`.
/// - `Data` → standard base64 text (Flask refuses `bytes`; this is Foundation's convention).
/// - `URL` → its absolute string.
/// - `Float` → the `Double` with the same shortest text (`Float(0.1)` is written `0.1`).
/// - `UInt`/`UInt64` above `Int.max` → an encoding error (``JSONValue`` has no big integers).
/// - A value that encodes nothing → `{}`, as Foundation's `JSONEncoder`.
///
/// Decoding errors are `DecodingError`s whose context names the coding path (`items`,
/// `Index 1`, `name`), as Foundation's do.
public enum JSONEncoding {
    /// The JSON value of `value`.
    /// - Throws: `EncodingError.invalidValue` for what JSON cannot hold (see the type's notes).
    ///
    /// Flask: what `jsonify(obj)` hands to `json.dumps` after `default` conversions.
    public static func encode(_ value: some Encodable, userInfo: [CodingUserInfoKey: Any] = [:]) throws -> JSONValue {
        try JSONValueEncoder(codingPath: [], userInfo: userInfo).box(value)
    }

    /// `value` as JSON text bytes laid out by `options`; pass ``JSONWriteOptions/jsonify`` for
    /// Flask's response body (the default, ``JSONWriteOptions/compact``, has no final newline).
    /// - Throws: `EncodingError.invalidValue` for what JSON cannot hold.
    public static func serialize(
        _ value: some Encodable, options: JSONWriteOptions = .compact, userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws -> [UInt8] {
        let slot = try JSONValueEncoder(codingPath: [], userInfo: userInfo).boxSlot(value, at: nil)
        var writer = JSONWriter(options: options)
        writer.write(slot, level: 0)
        writer.output.append(contentsOf: options.terminator.utf8)
        return writer.output
    }

    /// A `T` decoded from `value`.
    /// - Throws: `DecodingError` naming the coding path of the first mismatch.
    public static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws -> T {
        try JSONValueDecoder(value: value, codingPath: [], userInfo: userInfo).unbox(type)
    }

    /// A `T` decoded from JSON text bytes (a request body).
    /// - Throws: ``JSONParseError`` for malformed text, `DecodingError` for a shape mismatch.
    ///
    /// Flask: `request.get_json()` followed by building your object from the dict.
    public static func decode<T: Decodable>(
        _ type: T.Type, from bytes: some Collection<UInt8>, limits: JSONLimits = .init(),
        userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws -> T {
        try decode(type, from: JSONValue(parsing: bytes, limits: limits), userInfo: userInfo)
    }
}

extension JSONValue {
    /// The JSON value of an `Encodable`; see ``JSONEncoding`` for the special types.
    /// - Throws: `EncodingError.invalidValue` for what JSON cannot hold.
    public init(encoding value: some Encodable) throws {
        self = try JSONEncoding.encode(value)
    }

    /// This value decoded as a `T`.
    /// - Throws: `DecodingError` naming the coding path of the first mismatch.
    public func decoded<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONEncoding.decode(type, from: self)
    }
}

/// A coding key for array positions and free-form object keys.
struct JSONCodingKey: CodingKey {
    private let name: String
    let intValue: Int?

    /// Built on demand: most paths are never printed, and interpolation costs an allocation.
    var stringValue: String {
        if let intValue { "Index \(intValue)" } else { name }
    }

    init(stringValue: String) {
        self.name = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.name = ""
        self.intValue = intValue
    }

    /// The key `superEncoder()`/`superDecoder()` use, as Foundation does.
    static let superKey = JSONCodingKey(stringValue: "super")
}
