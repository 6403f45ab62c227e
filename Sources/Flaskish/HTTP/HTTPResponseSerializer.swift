// Response heads and chunked framing as bytes (RFC 9112 §4, §5, §7.1).
//
//   status-line = HTTP-version SP 3DIGIT SP reason-phrase CRLF
//   head        = status-line *( field-name ": " field-value CRLF ) CRLF

/// Why a response head could not be written. Never sent to a client: it is a bug in the
/// application (a header value holding a line break would split the response).
public enum HTTPResponseHeadError: Error, Sendable, Equatable {
    /// A status outside 100...999.
    case invalidStatus(Int)
    /// A field name that is empty or not an RFC 9110 token.
    case invalidFieldName(String)
    /// A field value holding CR, LF or NUL; the name of the field is given.
    case invalidFieldValue(name: String)
}

/// Writes response heads and chunked body framing into a byte buffer.
///
/// Werkzeug: what `WSGIRequestHandler.send_response` / `send_header` write. The status line
/// uses Werkzeug's status strings (`HTTP/1.1 404 NOT FOUND`), as a Flask server sends them.
package enum HTTPResponseSerializer {
    /// `HTTP/1.1 100 Continue` and its empty line: the answer to `Expect: 100-continue`.
    package static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// The chunk that ends a chunked body, with an empty trailer section.
    package static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    private static let firstCachedCode = 100
    /// `HTTP/1.1 <code> <PHRASE>\r\n` for every code 100...599, built once.
    private static let statusLines: [[UInt8]] = (firstCachedCode..<600).map { code in
        Array("HTTP/1.1 \(HTTPStatus(code).description)\r\n".utf8)
    }

    /// Appends the status line, every field, and the empty line that ends the head.
    ///
    /// - Throws: `HTTPResponseHeadError` for a bad status, name or value. `buffer` is then
    ///   left as it was: no partial head is ever written.
    package static func writeHead(
        status: HTTPStatus, headers: HTTPHeaders, into buffer: inout [UInt8]
    ) throws(HTTPResponseHeadError) {
        try writeStatusAndFields(status: status, headers: headers, skippingFraming: false, into: &buffer)
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
    }

    /// Appends the status line and the user's fields, leaving the head open so the engine
    /// can add the fields it owns (`Date`, `Server`, framing) without copying the headers.
    /// `Content-Length` and `Transfer-Encoding` set by the user are skipped: the engine frames
    /// the body itself.
    ///
    /// - Throws: as `writeHead`; `buffer` is then left as it was.
    package static func writeOpenHead(
        status: HTTPStatus, headers: HTTPHeaders, into buffer: inout [UInt8]
    ) throws(HTTPResponseHeadError) {
        try writeStatusAndFields(status: status, headers: headers, skippingFraming: true, into: &buffer)
    }

    private static func writeStatusAndFields(
        status: HTTPStatus, headers: HTTPHeaders, skippingFraming: Bool, into buffer: inout [UInt8]
    ) throws(HTTPResponseHeadError) {
        let code = status.code
        guard (100...999).contains(code) else { throw .invalidStatus(code) }
        let start = buffer.count
        if code < 600 {
            buffer.append(contentsOf: statusLines[code - firstCachedCode])
        } else {
            buffer.append(contentsOf: "HTTP/1.1 \(status.description)\r\n".utf8)
        }
        for field in headers {
            if skippingFraming, HTTPHeaders.equalsIgnoringCase(field.name, "Content-Length")
                || HTTPHeaders.equalsIgnoringCase(field.name, "Transfer-Encoding") { continue }
            guard HTTPHeaders.isValidFieldName(field.name) else {
                buffer.removeSubrange(start...)
                throw .invalidFieldName(field.name)
            }
            guard HTTPHeaders.isValidFieldValue(field.value) else {
                buffer.removeSubrange(start...)
                throw .invalidFieldValue(name: field.name)
            }
            appendTrustedField(field.name, field.value, into: &buffer)
        }
    }

    /// Appends a field the engine itself produced (no validation).
    package static func appendTrustedField(_ name: String, _ value: String, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: name.utf8)
        buffer.append(ASCII.colon)
        buffer.append(ASCII.space)
        buffer.append(contentsOf: value.utf8)
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
    }

    /// Appends `Content-Length: <n>` without formatting a String.
    package static func appendContentLength(_ length: Int, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: contentLengthPrefix)
        if length == 0 {
            buffer.append(UInt8(ascii: "0"))
        } else {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            var value = length
            withUnsafeMutableBytes(of: &digits) { raw in
                while value > 0 {
                    raw[count] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                    count += 1
                }
                for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
            }
        }
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
    }

    private static let contentLengthPrefix: [UInt8] = Array("Content-Length: ".utf8)

    /// Appends the empty line that ends a head.
    package static func closeHead(into buffer: inout [UInt8]) {
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
    }

    /// Appends one chunk: its size in hex, CRLF, the bytes, CRLF. Empty input writes nothing,
    /// since an empty chunk would end the body.
    package static func writeChunk(_ bytes: UnsafeRawBufferPointer, into buffer: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        appendHex(bytes.count, to: &buffer)
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
        buffer.append(contentsOf: bytes)
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
    }

    /// Appends one chunk holding `bytes`; see `writeChunk(_:into:)`.
    package static func writeChunk(_ bytes: [UInt8], into buffer: inout [UInt8]) {
        bytes.withUnsafeBytes { writeChunk($0, into: &buffer) }
    }

    /// Appends the last chunk and an empty trailer section: `0\r\n\r\n`.
    package static func writeLastChunk(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: lastChunk)
    }

    private static func appendHex(_ value: Int, to buffer: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        var shift = (Int.bitWidth - value.leadingZeroBitCount + 3) / 4 * 4 - 4
        if shift < 0 { shift = 0 }
        while shift >= 0 {
            let nibble = (value >> shift) & 0xF
            buffer.append(digits.withUTF8Buffer { $0[nibble] })
            shift -= 4
        }
    }
}
