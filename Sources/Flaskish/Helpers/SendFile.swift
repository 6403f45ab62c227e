import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response that sends the file at `path`, streamed from disk (never read whole into
/// memory), with the headers Werkzeug's `send_file` sets: `Content-Type` guessed from the
/// name, `Content-Disposition`, `Last-Modified`, `ETag`, `Cache-Control` and
/// `Accept-Ranges`. Inside a request and with `conditional`, it answers `If-None-Match`
/// and `If-Modified-Since` with 304, `If-Match` with 412, and a `Range` with 206 (or 416
/// with `Content-Range: bytes */size`).
///
/// ```swift
/// app.route("/report") { _ in try sendFile("reports/latest.pdf", asAttachment: true) }
/// ```
///
/// - Parameters:
///   - path: the file; a relative path starts at the current app's `rootPath`. Take care
///     with user input: use `sendFromDirectory` for that.
///   - mimetype: the media type; guessed from `downloadName` (or the file name) when nil,
///     `application/octet-stream` when unknown.
///   - asAttachment: `attachment` (a download) rather than `inline`.
///   - downloadName: the name the browser shows; the file's own name when nil. Non-ASCII
///     names are also sent as RFC 5987 `filename*`.
///   - conditional: answer conditional and range requests.
///   - etag: send an `ETag` made from the file's time, size and path.
///   - maxAge: seconds a cache may keep it; when nil, the app's `SEND_FILE_MAX_AGE_DEFAULT`,
///     and without one `no-cache`, as Flask does by default.
/// - Throws: `HTTPException` 404 when there is no such regular file, 416 for a bad range.
/// Flask: `flask.send_file(path, mimetype=…, as_attachment=…, download_name=…,
/// conditional=True, etag=True, max_age=None)`.
public func sendFile(
    _ path: String, mimetype: String? = nil, asAttachment: Bool = false, downloadName: String? = nil,
    conditional: Bool = true, etag: Bool = true, maxAge: Int? = nil
) throws -> Response {
    let context = AppContext.current
    let fullPath = path.hasPrefix("/") ? path : StaticFiles.resolve(path, rootPath: context?.app.rootPath)
    let options = SendFileOptions(
        mimetype: mimetype, asAttachment: asAttachment, downloadName: downloadName,
        conditional: conditional, etag: etag, maxAge: maxAge ?? context?.app.sendFileMaxAge)
    return try SendFileResponder.respond(path: fullPath, request: context?.request, options: options)
}

/// Sends `path` from inside `directory`, refusing with 404 anything that would leave it:
/// `..`, absolute paths, NUL bytes, and symbolic links that lead outside. Missing files and
/// folders are 404 too. Use this for paths that come from the URL.
///
/// ```swift
/// app.route("/uploads/<path:name>") { req in
///     try sendFromDirectory("uploads", req.viewArgs["name"] ?? "")
/// }
/// ```
/// Flask: `flask.send_from_directory(directory, path, **kwargs)` (Werkzeug's `safe_join`).
public func sendFromDirectory(
    _ directory: String, _ path: String, mimetype: String? = nil, asAttachment: Bool = false,
    downloadName: String? = nil, conditional: Bool = true, etag: Bool = true, maxAge: Int? = nil
) throws -> Response {
    let context = AppContext.current
    let folder = StaticFiles.resolve(directory, rootPath: context?.app.rootPath)
    guard let fullPath = StaticFiles.safeJoin(folder, path) else { throw HTTPException(.notFound) }
    let options = SendFileOptions(
        mimetype: mimetype, asAttachment: asAttachment, downloadName: downloadName,
        conditional: conditional, etag: etag, maxAge: maxAge ?? context?.app.sendFileMaxAge)
    return try SendFileResponder.respond(path: fullPath, request: context?.request, options: options)
}

/// `sendFile` found the file but may not read it (permissions). Unhandled, it is a 500.
///
/// Flask: the `PermissionError` `send_file` lets through.
public struct FileNotReadableError: Error, Sendable, CustomStringConvertible {
    /// The file.
    ///
    /// Python: `PermissionError.filename`.
    public let path: String
    /// `Permission denied: '<path>'`, as Python words it.
    public var description: String { "Permission denied: '\(path)'" }
}

/// The choices of one `sendFile` call.
struct SendFileOptions {
    var mimetype: String?
    var asAttachment = false
    var downloadName: String?
    var conditional = true
    var etag = true
    var maxAge: Int?
}

/// Builds file responses: Werkzeug's `send_file` and `Response.make_conditional`.
enum SendFileResponder {
    static func respond(path: String, request: Request?, options: SendFileOptions) throws -> Response {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw HTTPException(.notFound) }
        // Found but unreadable is the server's fault, not the client's: a logged 500, as the
        // `PermissionError` Werkzeug's `open` raises.
        guard access(path, R_OK) == 0 else { throw FileNotReadableError(path: path) }
        let size = Int(info.st_size)
        let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9
        let lastModified = Int(info.st_mtim.tv_sec)

        var headers = HTTPHeaders()
        let downloadName = options.downloadName ?? String(path.split(separator: "/").last ?? "")
        var mimetype = options.mimetype
        if mimetype == nil {
            let guess = MimeTypes.guess(downloadName)
            mimetype = guess.type ?? "application/octet-stream"
            // Werkzeug leaves the encoding off downloads: browsers would unpack a .tar.gz.
            if let encoding = guess.encoding, !options.asAttachment { headers.add(name: "Content-Encoding", value: encoding) }
        }
        headers.add(name: "Content-Disposition", value: ContentDisposition.value(
            asAttachment: options.asAttachment, filename: downloadName))
        headers.add(name: "Content-Type", value: MimeTypes.contentType(for: mimetype ?? "application/octet-stream"))
        headers.add(name: "Last-Modified", value: HTTPDate.format(lastModified))
        if let maxAge = options.maxAge {
            headers.add(name: "Cache-Control", value: maxAge > 0 ? "public, max-age=\(maxAge)" : "no-cache, max-age=\(maxAge)")
            let now = Int(Date().timeIntervalSince1970)
            headers.add(name: "Expires", value: HTTPDate.format(now + maxAge))
        } else {
            headers.add(name: "Cache-Control", value: "no-cache")
        }
        let tag = "\(mtime)-\(size)-\(Adler32.checksum(Array(path.utf8)))"
        if options.etag { headers.add(name: "ETag", value: "\"\(tag)\"") }

        var response = Response(status: .ok, headers: headers, body: .file(path: path, offset: 0, length: size))
        guard options.conditional, let request, request.method == .GET || request.method == .HEAD else { return response }
        return try makeConditional(&response, request: request, size: size,
                                   etag: options.etag ? tag : nil, lastModified: lastModified, path: path)
    }

    /// Werkzeug's `make_conditional(accept_ranges=True, complete_length=size)`.
    private static func makeConditional(
        _ response: inout Response, request: Request, size: Int, etag: String?, lastModified: Int, path: String
    ) throws -> Response {
        response.headers.add(name: "Accept-Ranges", value: "bytes")
        let headers = request.headers
        if let rangeHeader = headers["Range"], size > 0,
           headers["If-Range"] == nil || !isResourceModified(headers, etag: etag, lastModified: lastModified, useIfRange: true) {
            guard let range = ByteRangeRequest(rangeHeader)?.range(forLength: size) else {
                throw HTTPException(.rangeNotSatisfiable, headers: ["Content-Range": "bytes */\(size)"])
            }
            response.status = .partialContent
            response.headers.add(name: "Content-Range", value: "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)")
            response.body = .file(path: path, offset: range.lowerBound, length: range.count)
            return response
        }
        guard !isResourceModified(headers, etag: etag, lastModified: lastModified, useIfRange: false) else { return response }
        if !EntityTagList(headers["If-Match"]).isEmpty {
            response.status = .preconditionFailed
            return response
        }
        response.status = .notModified
        response.body = .bytes([])
        // RFC 9110 §15.4.5: a 304 carries no representation headers (Werkzeug's
        // `remove_entity_headers`, which keeps `Expires`).
        for name in ["Content-Type", "Content-Length", "Last-Modified", "Content-Range", "Content-Encoding"] {
            response.headers.remove(name)
        }
        return response
    }
}

/// Adler-32, as Python's `zlib.adler32`: Werkzeug puts it of the path into file `ETag`s.
enum Adler32 {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return (b << 16) | a
    }
}
