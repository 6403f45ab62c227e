extension Request {
    /// True when the mimetype is `application/json` or `application/*+json`.
    ///
    /// Flask: `request.is_json`.
    public var isJSON: Bool {
        let type = mimetype
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// The body parsed as JSON, or nil when the request is not JSON or the body is malformed.
    ///
    /// Flask: `request.json`. Flask 3 raises 415/400 from this property; Flaskish keeps the
    /// property quiet and leaves the errors to `getJSON()` and `decode(_:)`.
    public var json: JSONValue? { try? getJSON(silent: true) }

    /// The body parsed as JSON.
    ///
    /// - Parameters:
    ///   - force: parse whatever the `Content-Type`.
    ///   - silent: return nil instead of throwing, for a wrong content type or a malformed body.
    /// - Throws: `HTTPException` 415 when the request is not JSON (and not `force`), 400 when
    ///   the body is malformed; in debug mode the 400 names the parse error, as Flask's does.
    ///
    /// Flask: `request.get_json(force=False, silent=False)`.
    public func getJSON(force: Bool = false, silent: Bool = false) throws(HTTPException) -> JSONValue? {
        guard force || isJSON else {
            if silent { return nil }
            throw HTTPException(.unsupportedMediaType, description: Self.notJSONDescription)
        }
        do {
            return try JSONValue(parsing: data, limits: .python)
        } catch {
            if silent { return nil }
            throw Self.badJSON("Failed to decode JSON object: \(error)")
        }
    }

    /// The JSON body decoded as `T`.
    ///
    /// ```swift
    /// struct NewUser: Decodable { let name: String; let age: Int }
    /// app.post("/users") { req in
    ///     let user = try req.decode(NewUser.self)
    ///     return "Hello \(user.name)"
    /// }
    /// ```
    /// - Throws: `HTTPException` 415 as `getJSON()`; 400 for a malformed body or one whose
    ///   shape does not match `T`, naming the coding path (`Invalid JSON at 'items[1].name': …`).
    ///
    /// Flask: `request.get_json()` followed by building the object (as a marshmallow or
    /// pydantic schema would).
    public func decode<T: Decodable>(_ type: T.Type, force: Bool = false) throws -> T {
        guard let value = try getJSON(force: force) else { throw Self.badJSON("Expected a JSON body.") }
        do {
            return try JSONEncoding.decode(type, from: value)
        } catch let error as DecodingError {
            throw HTTPException(.badRequest, description: Self.describe(error))
        }
    }

    /// Werkzeug's 415 wording for `get_json` on a non-JSON request.
    static let notJSONDescription =
        "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."

    /// Flask shows the JSON parse error only in debug mode, and Werkzeug's plain 400 otherwise.
    private static func badJSON(_ detail: String) -> HTTPException {
        if let app = AppContext.current?.app, app.debug { return HTTPException(.badRequest, description: detail) }
        return HTTPException(.badRequest)
    }

    /// `Invalid JSON at 'items[1].name': Expected String but found a number.`
    static func describe(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        let problem: String
        switch error {
        case .typeMismatch(let type, let c):
            context = c
            problem = "expected \(type): \(c.debugDescription)"
        case .valueNotFound(let type, let c):
            context = c
            problem = "expected \(type) but found null: \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            context = DecodingError.Context(codingPath: c.codingPath + [key], debugDescription: c.debugDescription)
            problem = "missing key '\(key.stringValue)'"
        case .dataCorrupted(let c):
            context = c
            problem = c.debugDescription
        @unknown default:
            return "Invalid JSON: \(error)"
        }
        let path = codingPathText(context.codingPath)
        return path.isEmpty ? "Invalid JSON: \(problem)" : "Invalid JSON at '\(path)': \(problem)"
    }

    /// `items[1].name` from the coding keys.
    private static func codingPathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }
}
