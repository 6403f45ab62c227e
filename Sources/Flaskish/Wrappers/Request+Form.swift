// Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data`, parsed on each
// access (a `Request` is a value and cannot cache); bind `let form = try req.form` once in a
// handler that reads many fields of a large body.

/// The limits that apply while a form body is parsed.
///
/// Read from the current app's config inside a request, Werkzeug's defaults outside one.
///
/// Flask: `MAX_FORM_MEMORY_SIZE` and `MAX_FORM_PARTS` (`request.max_form_memory_size`,
/// `request.max_form_parts`).
package struct FormLimits: Sendable, Equatable {
    /// The largest non-file field of a multipart body, in bytes; more is answered with 413.
    /// A urlencoded body is bounded by `MAX_CONTENT_LENGTH` only, as in Werkzeug 3.1.
    /// Flask 3.1: `MAX_FORM_MEMORY_SIZE`, 500 000.
    package var maxFormMemorySize: Int
    /// The most parts a multipart body may have; more is answered with 413.
    /// Flask: `MAX_FORM_PARTS`, 1000.
    package var maxFormParts: Int

    /// The largest body parsed as a form, or nil for no limit beyond the engine's; more is
    /// answered with 413. The server refuses such bodies before any handler runs; this
    /// catches them where no server did (the test client, a server given its own limits).
    /// Flask: `MAX_CONTENT_LENGTH` (`request.max_content_length`).
    package var maxContentLength: Int?

    /// Werkzeug 3.1's default for `max_form_memory_size`.
    package static let defaultMaxFormMemorySize = 500_000
    /// Werkzeug's default for `max_form_parts`.
    package static let defaultMaxFormParts = 1000

    /// Limits with the given values.
    package init(maxFormMemorySize: Int = FormLimits.defaultMaxFormMemorySize,
                 maxFormParts: Int = FormLimits.defaultMaxFormParts, maxContentLength: Int? = nil) {
        self.maxFormMemorySize = maxFormMemorySize
        self.maxFormParts = maxFormParts
        self.maxContentLength = maxContentLength
    }

    /// The limits of the app handling the current request, else the defaults.
    package static var current: FormLimits {
        guard let config = AppContext.current?.app.config else { return FormLimits() }
        return FormLimits(
            maxFormMemorySize: config.get("MAX_FORM_MEMORY_SIZE", as: Int.self) ?? defaultMaxFormMemorySize,
            maxFormParts: config.get("MAX_FORM_PARTS", as: Int.self) ?? defaultMaxFormParts,
            maxContentLength: config.get("MAX_CONTENT_LENGTH", as: Int.self)
        )
    }
}

extension Request {
    /// The fields of a urlencoded or multipart form body, in order; empty for other bodies.
    ///
    /// ```swift
    /// app.post("/login") { req in
    ///     let form = try req.form
    ///     return "Hello \(form["name"] ?? "stranger")"
    /// }
    /// ```
    /// - Throws: `HTTPException` 400 for a malformed multipart body, 413 when a multipart
    ///   field is past `MAX_FORM_MEMORY_SIZE` or the parts past `MAX_FORM_PARTS`.
    ///
    /// Flask: `request.form`.
    public var form: MultiDict {
        get throws { try parseForm(limits: .current).form }
    }

    /// The uploaded files of a multipart body, by field name (several per name possible).
    ///
    /// - Throws: as `form`.
    ///
    /// Flask: `request.files`.
    public var files: FileMultiDict {
        get throws { try parseForm(limits: .current).files }
    }

    /// The query arguments followed by the form fields; `GET` requests use the arguments only,
    /// so a body cannot change what a cached URL means.
    ///
    /// - Throws: as `form`.
    ///
    /// Flask: `request.values` (a `CombinedMultiDict`).
    public var values: MultiDict {
        get throws {
            guard method != .GET else { return args }
            var combined = args
            for (key, value) in try form { combined.add(key, value) }
            return combined
        }
    }

    /// Parses the body as a form with explicit limits.
    ///
    /// Werkzeug: `FormDataParser.parse` (Werkzeug returns an empty form for a malformed body;
    /// Flaskish answers 400 so the client learns why).
    package func parseForm(limits: FormLimits) throws(HTTPException) -> (form: MultiDict, files: FileMultiDict) {
        let mimetype = self.mimetype
        guard mimetype == "application/x-www-form-urlencoded" || mimetype == "multipart/form-data" else {
            return (MultiDict(), FileMultiDict())
        }
        if let limit = limits.maxContentLength, data.count > limit { throw HTTPException(.contentTooLarge) }
        switch mimetype {
        case "application/x-www-form-urlencoded":
            // As in Werkzeug 3.1, only `MAX_CONTENT_LENGTH` bounds a urlencoded body: it is read
            // whole, so a per-field memory limit would protect nothing.
            return (MultiDict(URLCoding.parseQuery(String(decoding: data, as: UTF8.self))), FileMultiDict())
        case "multipart/form-data":
            return try parseMultipart(limits: limits)
        default:
            return (MultiDict(), FileMultiDict())
        }
    }

    private func parseMultipart(limits: FormLimits) throws(HTTPException) -> (form: MultiDict, files: FileMultiDict) {
        guard let boundary = MultipartFormParser.boundary(fromContentType: contentType ?? "") else {
            throw HTTPException(.badRequest, description: "Invalid form-data cannot be parsed, boundary is missing or invalid.")
        }
        let parts: [MultipartPart]
        do {
            parts = try MultipartFormParser(boundary: boundary, maxParts: limits.maxFormParts).parse(data)
        } catch {
            throw error.status == .contentTooLarge
                ? HTTPException(.contentTooLarge)
                : HTTPException(.badRequest, description: "Invalid form-data: \(error.reason).")
        }
        var form = MultiDict()
        var files = FileMultiDict()
        for part in parts {
            if let filename = part.filename {
                files.add(part.name, FileStorage(name: part.name, filename: filename, contentType: part.contentType,
                                                 headers: part.headers, data: part.data))
            } else {
                guard part.data.count <= limits.maxFormMemorySize else { throw HTTPException(.contentTooLarge) }
                form.add(part.name, String(decoding: part.data, as: UTF8.self))
            }
        }
        return (form, files)
    }
}

extension MultiDict {
    /// The first value for `key`, or a 400 when the client did not send it.
    ///
    /// ```swift
    /// let name = try req.form.require("name")
    /// ```
    /// - Throws: `HTTPException` 400; in debug mode its description names the missing key.
    ///
    /// Flask: `request.form["name"]` (Werkzeug's `BadRequestKeyError`).
    public func require(_ key: String) throws(HTTPException) -> String {
        if let value = self[key] { return value }
        var error = HTTPException(.badRequest)
        if let app = AppContext.current?.app, app.debug { error.description += "\nKeyError: '\(key)'" }
        throw error
    }
}
