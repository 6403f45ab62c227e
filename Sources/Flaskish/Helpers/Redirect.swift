/// A response that sends the client to `location`, with Werkzeug's small HTML body.
///
/// ```swift
/// app.route("/old") { _ in redirect("/new") }
/// ```
/// - Parameters:
///   - location: the target URL, absolute or relative.
///   - code: 302 by default; 301, 303, 307 and 308 are the other redirect codes.
/// Flask: `flask.redirect(location, code=302)`.
public func redirect(_ location: String, code: HTTPStatus = .found) -> Response {
    let escaped = HTMLEscaping.escape(location)
    let body = "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
        + "<p>You should be redirected automatically to the target URL: <a href=\"\(escaped)\">\(escaped)</a>. If not, click the link.\n"
    let safeLocation = URLCoding.percentEncode(location, safe: .init(extra: "!#$&'()*+,/:;=?@[]~%"))
    return Response(body, status: code, headers: ["Location": safeLocation])
}
