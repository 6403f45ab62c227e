extension Response {
    /// The status code as a number.
    ///
    /// Flask: `response.status_code`.
    public var statusCode: Int { status.code }

    /// True when the `Content-Type` is `application/json` or `application/*+json`.
    ///
    /// Flask: `response.is_json`.
    public var isJSON: Bool {
        guard let type = mimetype?.lowercased() else { return false }
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// The body parsed as JSON, or nil when the response is not JSON or the body is malformed.
    ///
    /// Flask: `response.json` / `response.get_json()` (the test client's responses).
    public var json: JSONValue? {
        guard isJSON else { return nil }
        return try? JSONValue(parsing: data, limits: .python)
    }
}
