/// An HTTP error a handler throws to end the request with that status: `throw abort(404)`.
///
/// Unhandled, it becomes Werkzeug's HTML error page (`<title>404 Not Found</title>`…);
/// `app.errorhandler(404) { error in … }` can answer it instead.
///
/// Flask: `werkzeug.exceptions.HTTPException` (`NotFound`, `BadRequest`, …).
public struct HTTPException: Error, Sendable, CustomStringConvertible {
    /// The status code.
    ///
    /// Flask: `e.code`.
    public var status: HTTPStatus
    /// The text shown in the page's paragraph; Werkzeug's default for the code when nil.
    ///
    /// Flask: `e.description`.
    public var description: String
    /// Extra header fields for the error response (`Allow` on a 405, `Location` on a 308).
    public var headers: HTTPHeaders
    /// A complete response to send instead of the error page (`abort(response)`).
    ///
    /// Flask: `e.response`.
    public var response: Response?
    /// For a 500 made from an unhandled error: that error.
    ///
    /// Flask: `InternalServerError.original_exception`.
    public var originalError: (any Error)?
    /// Set by `abort` for a code Werkzeug has no exception for; the dispatcher then treats the
    /// request as failed with an ``AbortLookupError``.
    var abortedWithoutWerkzeugClass = false

    /// An error for `status`, with Werkzeug's description unless one is given.
    public init(_ status: HTTPStatus, description: String? = nil, headers: HTTPHeaders = [:]) {
        self.status = status
        self.description = description ?? Self.defaultDescriptions[status.code] ?? ""
        self.headers = headers
    }

    /// An error that answers with `response` as it is.
    public init(response: Response) {
        self.init(response.status)
        self.response = response
    }

    /// The code's name (`Not Found`).
    ///
    /// Flask: `e.name`.
    public var name: String { status.reasonPhrase }

    /// Werkzeug's HTML error page.
    ///
    /// Flask: `e.get_body()`.
    public var body: String {
        let escapedDescription = HTMLEscaping.escape(description).replacing("\n", with: "<br>")
        return "<!doctype html>\n<html lang=en>\n<title>\(status.code) \(HTMLEscaping.escape(name))</title>\n"
            + "<h1>\(HTMLEscaping.escape(name))</h1>\n<p>\(escapedDescription)</p>\n"
    }

    /// The error as a response: `response` when set, else the HTML page with `headers`.
    ///
    /// Flask: `e.get_response()`.
    public func makeResponse() -> Response {
        if let response { return response }
        return Response(body, status: status, headers: headers)
    }

    /// Werkzeug's `description` for each standard error code.
    static let defaultDescriptions: [Int: String] = [
        400: "The browser (or proxy) sent a request that this server could not understand.",
        401: "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
        403: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
        404: "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
        405: "The method is not allowed for the requested URL.",
        406: "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.",
        408: "The server closed the network connection because the browser didn't finish the request within the specified time.",
        409: "A conflict happened while processing the request. The resource might have been modified while the request was being processed.",
        410: "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.",
        411: "A request with this method requires a valid <code>Content-Length</code> header.",
        412: "The precondition on the request for the URL failed positive evaluation.",
        413: "The data value transmitted exceeds the capacity limit.",
        414: "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.",
        415: "The server does not support the media type transmitted in the request.",
        416: "The server cannot provide the requested range.",
        417: "The server could not meet the requirements of the Expect header",
        418: "This server is a teapot, not a coffee machine",
        421: "The server is not able to produce a response.",
        422: "The request was well-formed but was unable to be followed due to semantic errors.",
        423: "The resource that is being accessed is locked.",
        424: "The method could not be performed on the resource because the requested action depended on another action and that action failed.",
        428: "This request is required to be conditional; try using \"If-Match\" or \"If-Unmodified-Since\".",
        429: "This user has exceeded an allotted request count. Try again later.",
        431: "One or more header fields exceeds the maximum size.",
        451: "Unavailable for legal reasons.",
        500: "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
        501: "The server does not support the action requested by the browser.",
        502: "The proxy server received an invalid response from an upstream server.",
        503: "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.",
        504: "The connection to an upstream server timed out.",
        505: "The server does not support the HTTP protocol version used in the request.",
    ]
}

/// Ends the request with an HTTP error; throw what it returns: `throw abort(404)`.
///
/// - Parameters:
///   - status: the error's status code.
///   - description: the page's text; Werkzeug's default for the code when nil.
/// Flask: `abort(404)` / `abort(400, description="…")`.
///
/// A code Werkzeug has no exception for (`abort(402)`, `abort(200)`) is a programming error
/// there (`LookupError`): the request ends as an unhandled error, a logged 500, here too.
public func abort(_ status: HTTPStatus, description: String? = nil) -> HTTPException {
    var exception = HTTPException(status, description: description)
    exception.abortedWithoutWerkzeugClass = !AbortLookupError.werkzeugCodes.contains(status.code)
    return exception
}

/// `abort` with a code Werkzeug's `Aborter` has no exception for: Python's
/// `LookupError("no exception for 402")`, which Flask treats as an unhandled error.
public struct AbortLookupError: Error, Sendable, CustomStringConvertible {
    /// The code given to `abort`.
    public let code: Int
    /// Python's message.
    public var description: String { "no exception for \(code)" }

    /// Werkzeug's `default_exceptions`: the codes `abort` knows.
    static let werkzeugCodes: Set<Int> = [
        400, 401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422,
        423, 424, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
    ]
}

/// Ends the request with `response` as it is: `throw abort(Response("no", status: 403))`.
///
/// Flask: `abort(response)`.
public func abort(_ response: Response) -> HTTPException {
    HTTPException(response: response)
}
