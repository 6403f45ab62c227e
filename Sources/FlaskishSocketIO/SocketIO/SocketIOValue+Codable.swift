import Flaskish

/// Bridges between your `Codable` types and Socket.IO payload values, through Flaskish's own
/// JSON coders (see `JSONEncoding` for how dates, UUIDs and `Data` are written).
///
/// Binary is not inferred from types: `Data` encodes as base64 text, as in `jsonify`. To send
/// bytes as a binary attachment, put them in a ``SocketIOValue/binary(_:)`` yourself.
extension SocketIOValue {
    /// The payload value of an `Encodable`.
    /// - Throws: `EncodingError.invalidValue` for what JSON cannot hold.
    public init(encoding value: some Encodable) throws {
        self.init(try JSONEncoding.encode(value))
    }

    /// This value decoded as a `T`. A `.binary` value decodes as `[UInt8]`; binary nested in a
    /// composite cannot be decoded (read it with ``binaryValue`` and the subscripts).
    /// - Throws: `DecodingError` naming the coding path of the first mismatch.
    public func decoded<T: Decodable>(as type: T.Type = T.self) throws -> T {
        if case .binary(let bytes) = self, let bytes = bytes as? T { return bytes }
        guard let json = jsonValue else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [], debugDescription: "The value holds binary, which has no JSON form to decode \(type) from."))
        }
        return try JSONEncoding.decode(type, from: json)
    }
}
