// multipart/form-data bodies (RFC 7578 over RFC 2046 §5.1.1), parsed from a complete body.
//
//   body      = [preamble CRLF] dash-boundary padding CRLF part
//               *( CRLF dash-boundary padding CRLF part ) CRLF dash-boundary "--" [epilogue]
//   part      = *( header-field CRLF ) CRLF data
//   dash-boundary = "--" boundary;  padding = *( SP / HTAB )

/// One field or file of a multipart form.
///
/// Flask: an entry of `request.form` (no filename) or a `FileStorage` in `request.files`.
public struct MultipartPart: Sendable, Equatable {
    /// The `name` parameter of the part's `Content-Disposition` (empty when absent).
    public var name: String
    /// The `filename` parameter, when the part is a file (empty when no file was chosen).
    public var filename: String?
    /// The part's `Content-Type`, as sent.
    public var contentType: String?
    /// Every header of the part.
    public var headers: HTTPHeaders
    /// The part's content.
    public var data: [UInt8]

    /// A part from its parts.
    public init(name: String, filename: String? = nil, contentType: String? = nil,
                headers: HTTPHeaders = HTTPHeaders(), data: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.headers = headers
        self.data = data
    }
}

/// Why a multipart body was refused: 400 when malformed, 413 when over a limit.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status to answer with.
    public var status: HTTPStatus
    /// What was wrong, for logs and error pages.
    public var reason: String

    /// The code and the reason, for log lines.
    public var description: String { "\(status.code) \(reason)" }

    static func malformed(_ reason: String) -> MultipartError { .init(status: .badRequest, reason: reason) }
    static func tooLarge(_ reason: String) -> MultipartError { .init(status: .contentTooLarge, reason: reason) }
}

/// Splits a complete `multipart/form-data` body into its parts.
///
/// Werkzeug: `MultiPartParser` / `sansio.multipart.MultipartDecoder`, with `max_form_parts`
/// (too many parts → 413, as there).
package struct MultipartFormParser: Sendable {
    /// The boundary from the request's Content-Type, without the leading dashes.
    package let boundary: String
    /// The most parts accepted. Werkzeug: `max_form_parts`, 1000.
    package var maxParts: Int
    /// The largest header block of one part. Werkzeug caps part headers at 8 KiB.
    package var maxPartHeaderBytes: Int

    /// A parser for bodies delimited by `boundary`.
    package init(boundary: String, maxParts: Int = 1000, maxPartHeaderBytes: Int = 8 * 1024) {
        self.boundary = boundary
        self.maxParts = maxParts
        self.maxPartHeaderBytes = maxPartHeaderBytes
    }

    /// The `boundary` parameter of a `multipart/*` Content-Type, or nil when it is missing or
    /// invalid (1–201 printable ASCII characters, not ending in a space, as Werkzeug checks).
    ///
    /// Werkzeug: `parse_options_header` + `is_valid_multipart_boundary`.
    package static func boundary(fromContentType contentType: some StringProtocol) -> String? {
        let (type, params) = parseMediaType(contentType)
        guard type.hasPrefix("multipart/"), let boundary = params["boundary"] else { return nil }
        let bytes = boundary.utf8
        guard !bytes.isEmpty, bytes.count <= 201, bytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }),
              bytes.last != ASCII.space
        else { return nil }
        return boundary
    }

    /// The parts of `body`, in order.
    package func parse(_ body: [UInt8]) throws(MultipartError) -> [MultipartPart] {
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = [ASCII.cr, ASCII.lf] + dashBoundary
        // The first boundary may follow a preamble, which ends with a line break.
        var position: Int
        if body.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let found = Self.find(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw .malformed("Missing multipart boundary")
        }

        var parts: [MultipartPart] = []
        while true {
            // After a boundary: "--" closes the body, otherwise padding and a line break.
            if body.count - position >= 2 && body[position] == UInt8(ascii: "-") && body[position + 1] == UInt8(ascii: "-") {
                return parts
            }
            while position < body.count && (body[position] == ASCII.space || body[position] == ASCII.tab) { position += 1 }
            if position + 1 < body.count && body[position] == ASCII.cr && body[position + 1] == ASCII.lf {
                position += 2
            } else if position < body.count && body[position] == ASCII.lf {
                position += 1
            } else {
                throw .malformed(position >= body.count ? "Missing closing multipart boundary" : "Garbage after multipart boundary")
            }
            guard parts.count < maxParts else { throw .tooLarge("More than \(maxParts) multipart parts") }

            let (headers, dataStart) = try parseHeaders(body, from: position)
            guard let dataEnd = Self.find(delimiter, in: body, from: dataStart) else {
                throw .malformed("Missing closing multipart boundary")
            }
            parts.append(makePart(headers: headers, data: Array(body[dataStart..<dataEnd])))
            position = dataEnd + delimiter.count
        }
    }

    private func makePart(headers: HTTPHeaders, data: [UInt8]) -> MultipartPart {
        var name = ""
        var filename: String?
        if let disposition = headers["Content-Disposition"] {
            let params = parseMediaType(disposition).params
            name = params["name"] ?? ""
            filename = params["filename"]
        }
        return MultipartPart(name: name, filename: filename, contentType: headers["Content-Type"],
                             headers: headers, data: data)
    }

    /// The header lines of a part up to its empty line, and where its data starts.
    private func parseHeaders(_ body: [UInt8], from start: Int) throws(MultipartError) -> (HTTPHeaders, Int) {
        var headers = HTTPHeaders()
        var lineStart = start
        while true {
            guard let lf = body[lineStart...].firstIndex(of: ASCII.lf), lf - start < maxPartHeaderBytes else {
                if body.count - start >= maxPartHeaderBytes {
                    throw .tooLarge("Multipart part headers larger than \(maxPartHeaderBytes) bytes")
                }
                throw .malformed("Unterminated multipart part headers")
            }
            var lineEnd = lf
            if lineEnd > lineStart && body[lineEnd - 1] == ASCII.cr { lineEnd -= 1 }
            if lineEnd == lineStart { return (headers, lf + 1) }
            let line = body[lineStart..<lineEnd]
            guard let colon = line.firstIndex(of: ASCII.colon), colon > lineStart,
                  line[..<colon].allSatisfy(HTTPHeaders.isTokenByte)
            else { throw .malformed("Invalid multipart part header") }
            let value = line[(colon + 1)...]
            if value.contains(where: ASCII.isForbiddenInFieldValue) {
                throw .malformed("Control character in multipart part header")
            }
            headers.add(
                name: String(decoding: line[..<colon], as: UTF8.self),
                value: String(decoding: value, as: UTF8.self).trimmingASCIIWhitespace().description
            )
            lineStart = lf + 1
        }
    }

    /// The index of the first occurrence of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count - start >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var i = start
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
