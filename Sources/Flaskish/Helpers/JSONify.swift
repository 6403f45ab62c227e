/// A JSON response for `value`: `application/json`, keys sorted, compact, ending in a
/// newline — byte for byte what Flask's `jsonify` sends outside debug mode.
///
/// Flask: `flask.jsonify(...)`.
public func jsonify(_ value: JSONValue) -> Response {
    Response(bytes: value.serialized(options: jsonOptions()), contentType: "application/json")
}

/// A JSON response for any `Encodable` value (structs become objects with sorted keys).
///
/// - Throws: `EncodingError` when the value cannot be represented as JSON.
/// Flask: `flask.jsonify(obj)` with a JSON provider that knows the type.
public func jsonify<T: Encodable>(_ value: T) throws -> Response {
    if let json = value as? JSONValue { return jsonify(json) }
    return jsonify(try JSONValue(encoding: value))
}

/// Flask pretty-prints JSON in debug mode.
private func jsonOptions() -> JSONWriteOptions {
    if let context = AppContext.current, context.app.debug { return .jsonifyDebug }
    return .jsonify
}
