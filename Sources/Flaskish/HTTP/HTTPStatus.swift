/// An HTTP status code with its reason phrase.
///
/// Integer literals work wherever a status is expected: `Response("Created", status: 201)`.
///
/// Flask: the `status` of a response, `return body, 201`.
public struct HTTPStatus: Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The three-digit code.
    public let code: Int

    /// A status from its code.
    public init(_ code: Int) { self.code = code }
    /// A status from an integer literal.
    public init(integerLiteral value: Int) { self.code = value }

    /// The standard reason phrase (`Not Found`), or `Unknown` for a code without one.
    public var reasonPhrase: String { Self.reasonPhrases[code] ?? "Unknown" }

    /// `404 NOT FOUND`: how Werkzeug prints a status line in its logs and `Response.status`.
    public var description: String { "\(code) \(reasonPhrase.uppercased())" }

    /// True for 1xx, 204 and 304: responses that never carry a body (RFC 9110 §6.4.1).
    public var forbidsBody: Bool { (100..<200).contains(code) || code == 204 || code == 304 }

    /// 100 Continue. Python: `HTTPStatus.CONTINUE`.
    public static let `continue`: HTTPStatus = 100
    /// 101 Switching Protocols. Python: `HTTPStatus.SWITCHING_PROTOCOLS`.
    public static let switchingProtocols: HTTPStatus = 101
    /// 200 OK. Python: `HTTPStatus.OK`.
    public static let ok: HTTPStatus = 200
    /// 201 Created. Python: `HTTPStatus.CREATED`.
    public static let created: HTTPStatus = 201
    /// 202 Accepted. Python: `HTTPStatus.ACCEPTED`.
    public static let accepted: HTTPStatus = 202
    /// 204 No Content. Python: `HTTPStatus.NO_CONTENT`.
    public static let noContent: HTTPStatus = 204
    /// 206 Partial Content. Python: `HTTPStatus.PARTIAL_CONTENT`.
    public static let partialContent: HTTPStatus = 206
    /// 301 Moved Permanently. Python: `HTTPStatus.MOVED_PERMANENTLY`.
    public static let movedPermanently: HTTPStatus = 301
    /// 302 Found. Python: `HTTPStatus.FOUND`.
    public static let found: HTTPStatus = 302
    /// 303 See Other. Python: `HTTPStatus.SEE_OTHER`.
    public static let seeOther: HTTPStatus = 303
    /// 304 Not Modified. Python: `HTTPStatus.NOT_MODIFIED`.
    public static let notModified: HTTPStatus = 304
    /// 307 Temporary Redirect. Python: `HTTPStatus.TEMPORARY_REDIRECT`.
    public static let temporaryRedirect: HTTPStatus = 307
    /// 308 Permanent Redirect. Python: `HTTPStatus.PERMANENT_REDIRECT`.
    public static let permanentRedirect: HTTPStatus = 308
    /// 400 Bad Request. Werkzeug: `BadRequest`.
    public static let badRequest: HTTPStatus = 400
    /// 401 Unauthorized. Werkzeug: `Unauthorized`.
    public static let unauthorized: HTTPStatus = 401
    /// 403 Forbidden. Werkzeug: `Forbidden`.
    public static let forbidden: HTTPStatus = 403
    /// 404 Not Found. Werkzeug: `NotFound`.
    public static let notFound: HTTPStatus = 404
    /// 405 Method Not Allowed. Werkzeug: `MethodNotAllowed`.
    public static let methodNotAllowed: HTTPStatus = 405
    /// 406 Not Acceptable. Werkzeug: `NotAcceptable`.
    public static let notAcceptable: HTTPStatus = 406
    /// 408 Request Timeout. Werkzeug: `RequestTimeout`.
    public static let requestTimeout: HTTPStatus = 408
    /// 409 Conflict. Werkzeug: `Conflict`.
    public static let conflict: HTTPStatus = 409
    /// 410 Gone. Werkzeug: `Gone`.
    public static let gone: HTTPStatus = 410
    /// 411 Length Required. Werkzeug: `LengthRequired`.
    public static let lengthRequired: HTTPStatus = 411
    /// 412 Precondition Failed. Werkzeug: `PreconditionFailed`.
    public static let preconditionFailed: HTTPStatus = 412
    /// 413 Content Too Large (RFC 9110). Werkzeug: `RequestEntityTooLarge`.
    public static let contentTooLarge: HTTPStatus = 413
    /// 414 URI Too Long. Werkzeug: `RequestURITooLarge`.
    public static let uriTooLong: HTTPStatus = 414
    /// 415 Unsupported Media Type. Werkzeug: `UnsupportedMediaType`.
    public static let unsupportedMediaType: HTTPStatus = 415
    /// 416 Range Not Satisfiable. Werkzeug: `RequestedRangeNotSatisfiable`.
    public static let rangeNotSatisfiable: HTTPStatus = 416
    /// 417 Expectation Failed. Werkzeug: `ExpectationFailed`.
    public static let expectationFailed: HTTPStatus = 417
    /// 426 Upgrade Required. Python: `HTTPStatus.UPGRADE_REQUIRED`.
    public static let upgradeRequired: HTTPStatus = 426
    /// 429 Too Many Requests. Werkzeug: `TooManyRequests`.
    public static let tooManyRequests: HTTPStatus = 429
    /// 431 Request Header Fields Too Large. Werkzeug: `RequestHeaderFieldsTooLarge`.
    public static let requestHeaderFieldsTooLarge: HTTPStatus = 431
    /// 500 Internal Server Error. Werkzeug: `InternalServerError`.
    public static let internalServerError: HTTPStatus = 500
    /// 501 Not Implemented. Werkzeug: `NotImplemented`.
    public static let notImplemented: HTTPStatus = 501
    /// 502 Bad Gateway. Werkzeug: `BadGateway`.
    public static let badGateway: HTTPStatus = 502
    /// 503 Service Unavailable. Werkzeug: `ServiceUnavailable`.
    public static let serviceUnavailable: HTTPStatus = 503
    /// 504 Gateway Timeout. Werkzeug: `GatewayTimeout`.
    public static let gatewayTimeout: HTTPStatus = 504
    /// 505 HTTP Version Not Supported. Werkzeug: `HTTPVersionNotSupported`.
    public static let httpVersionNotSupported: HTTPStatus = 505

    /// Werkzeug's `HTTP_STATUS_CODES` phrases, so log lines and error pages read the same.
    static let reasonPhrases: [Int: String] = [
        100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
        200: "OK", 201: "Created", 202: "Accepted", 203: "Non Authoritative Information",
        204: "No Content", 205: "Reset Content", 206: "Partial Content", 207: "Multi Status",
        208: "Already Reported", 226: "IM Used",
        300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
        304: "Not Modified", 305: "Use Proxy", 306: "Switch Proxy", 307: "Temporary Redirect",
        308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
        404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
        407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict",
        410: "Gone", 411: "Length Required", 412: "Precondition Failed",
        413: "Request Entity Too Large", 414: "Request URI Too Long",
        415: "Unsupported Media Type", 416: "Requested Range Not Satisfiable",
        417: "Expectation Failed", 418: "I'm a teapot", 421: "Misdirected Request",
        422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency", 425: "Too Early",
        426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
        431: "Request Header Fields Too Large", 449: "Retry With",
        451: "Unavailable For Legal Reasons",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
        506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
        510: "Not Extended", 511: "Network Authentication Failed",
    ]
}
