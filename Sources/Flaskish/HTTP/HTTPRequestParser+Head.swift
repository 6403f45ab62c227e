// Parsing a complete request head (RFC 9112 §3 request line, §5 field lines, §6 framing).

/// How the body of a request is delimited (RFC 9112 §6.3).
enum BodyFraming: Equatable, Sendable {
    case none
    case length(Int)
    case chunked
}

/// A parsed head with what the parser needs to read its body.
struct ParsedHead: Sendable {
    var head: HTTPRequestHead
    var framing: BodyFraming
    var expectsContinue: Bool
}

extension HTTPHeaders {
    /// Room for `count` fields, so parsing a head appends without regrowing.
    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }
}

extension HTTPRequestParser {
    private static let contentLengthName = Array("content-length".utf8)
    private static let transferEncodingName = Array("transfer-encoding".utf8)
    private static let hostName = Array("host".utf8)
    private static let connectionName = Array("connection".utf8)
    private static let expectName = Array("expect".utf8)
    private static let chunkedToken = Array("chunked".utf8)
    private static let closeToken = Array("close".utf8)
    private static let keepAliveToken = Array("keep-alive".utf8)
    private static let continueToken = Array("100-continue".utf8)

    /// Parses `head`, which ends with its empty line and was already checked against the
    /// size limits by `HeadScan`.
    static func parseHead(_ head: UnsafeRawBufferPointer, limits: HTTPLimits) -> Result<ParsedHead, HTTPParseError> {
        var lines = LineIterator(head)
        var requestLine = lines.next()
        while let line = requestLine, line.isEmpty { requestLine = lines.next() }
        guard let requestLine else { return .failure(.badRequest("Missing request line")) }

        let method: HTTPMethod, target: String, version: HTTPVersion
        switch parseRequestLine(UnsafeRawBufferPointer(rebasing: head[requestLine])) {
        case .failure(let error): return .failure(error)
        case .success(let parts): (method, target, version) = parts
        }

        var headers = HTTPHeaders()
        headers.reserveCapacity(8)
        var contentLength: Int?
        var transferCodings = 0
        var chunkedCount = 0
        var unsupportedCoding: String?
        var hostCount = 0
        var connectionClose = false
        var connectionKeepAlive = false
        var expectsContinue = false

        while let line = lines.next(), !line.isEmpty {
            let bytes = UnsafeRawBufferPointer(rebasing: head[line])
            let first = bytes[0]
            if first == ASCII.space || first == ASCII.tab {
                return .failure(.badRequest("Obsolete line folding in header field"))
            }
            var colon = 0
            while colon < bytes.count && HTTPHeaders.isTokenByte(bytes[colon]) { colon += 1 }
            guard colon < bytes.count, bytes[colon] == ASCII.colon else {
                return .failure(.badRequest("Invalid header field name"))
            }
            guard colon > 0 else { return .failure(.badRequest("Empty header field name")) }
            var valueStart = colon + 1
            var valueEnd = bytes.count
            while valueStart < valueEnd && (bytes[valueStart] == ASCII.space || bytes[valueStart] == ASCII.tab) {
                valueStart += 1
            }
            while valueEnd > valueStart && (bytes[valueEnd - 1] == ASCII.space || bytes[valueEnd - 1] == ASCII.tab) {
                valueEnd -= 1
            }
            let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[..<colon])
            let valueBytes = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            for byte in valueBytes where ASCII.isForbiddenInFieldValue(byte) {
                return .failure(.badRequest("Control character in header field value"))
            }

            // Only names of the right length are compared: most fields match none of these.
            switch nameBytes.count {
            case contentLengthName.count where equalsLowercased(nameBytes, contentLengthName):
                guard let length = parseContentLength(valueBytes) else {
                    return .failure(.badRequest("Invalid Content-Length"))
                }
                if let contentLength, contentLength != length {
                    return .failure(.badRequest("Conflicting Content-Length values"))
                }
                contentLength = length
            case transferEncodingName.count where equalsLowercased(nameBytes, transferEncodingName):
                var sawElement = false
                for coding in listElements(valueBytes) {
                    sawElement = true
                    transferCodings += 1
                    if equalsLowercased(coding, chunkedToken) {
                        chunkedCount += 1
                    } else if unsupportedCoding == nil {
                        unsupportedCoding = String(decoding: coding, as: UTF8.self)
                    }
                }
                if !sawElement { return .failure(.badRequest("Empty Transfer-Encoding")) }
            case hostName.count where equalsLowercased(nameBytes, hostName):
                hostCount += 1
            case connectionName.count where equalsLowercased(nameBytes, connectionName):
                for token in listElements(valueBytes) {
                    if equalsLowercased(token, closeToken) { connectionClose = true }
                    if equalsLowercased(token, keepAliveToken) { connectionKeepAlive = true }
                }
            case expectName.count where equalsLowercased(nameBytes, expectName):
                if equalsLowercased(valueBytes, continueToken) { expectsContinue = true }
            default:
                break
            }
            headers.add(
                name: String(decoding: nameBytes, as: UTF8.self),
                value: String(decoding: valueBytes, as: UTF8.self)
            )
        }

        let isHTTP11 = version.minor == 1
        if isHTTP11 && hostCount == 0 { return .failure(.badRequest("Missing Host header")) }
        if hostCount > 1 { return .failure(.badRequest("More than one Host header")) }

        var framing = BodyFraming.none
        if transferCodings > 0 {
            if contentLength != nil {
                return .failure(.badRequest("Both Content-Length and Transfer-Encoding"))
            }
            if let unsupportedCoding {
                return .failure(.notImplemented("Transfer-Encoding \(unsupportedCoding) is not supported"))
            }
            if chunkedCount > 1 { return .failure(.badRequest("chunked applied more than once")) }
            framing = .chunked
        } else if let contentLength, contentLength > 0 {
            if let max = limits.maxBodyBytes, contentLength > max {
                var error = HTTPParseError.contentTooLarge("Content-Length \(contentLength) exceeds the limit of \(max) bytes")
                error.refusedHead = HTTPRequestHead(method: method, target: target, version: version, headers: headers, keepAlive: false)
                return .failure(error)
            }
            framing = .length(contentLength)
        }

        // RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has unreliable framing.
        let keepAlive = connectionClose ? false : isHTTP11 || (connectionKeepAlive && transferCodings == 0)
        let requestHead = HTTPRequestHead(
            method: method, target: target, version: version, headers: headers, keepAlive: keepAlive
        )
        return .success(ParsedHead(
            head: requestHead, framing: framing,
            expectsContinue: expectsContinue && isHTTP11 && framing != .none
        ))
    }

    /// `method SP request-target SP HTTP-version`, single spaces only.
    private static func parseRequestLine(
        _ line: UnsafeRawBufferPointer
    ) -> Result<(HTTPMethod, String, HTTPVersion), HTTPParseError> {
        var i = 0
        while i < line.count && HTTPHeaders.isTokenByte(line[i]) { i += 1 }
        guard i > 0, i < line.count, line[i] == ASCII.space else {
            return .failure(.badRequest("Invalid request method"))
        }
        let methodEnd = i
        i += 1
        let targetStart = i
        // Any visible byte, obs-text included (clients do send raw UTF-8 paths); no controls.
        while i < line.count && line[i] > ASCII.space && line[i] != 0x7F { i += 1 }
        guard i > targetStart, i < line.count, line[i] == ASCII.space else {
            return .failure(.badRequest("Invalid request target"))
        }
        let targetEnd = i
        i += 1
        let version = UnsafeRawBufferPointer(rebasing: line[i...])
        guard version.count == 8, version.starts(with: "HTTP/".utf8), version[6] == UInt8(ascii: "."),
              let major = digit(version[5]), let minor = digit(version[7])
        else {
            return .failure(.badRequest("Invalid HTTP version"))
        }
        // HTTP/2's connection preface (`PRI * HTTP/2.0`) is not a request at all: a client
        // that speaks h2 without negotiating gets a plain 400 and a close.
        if major == 2, line.starts(with: "PRI * ".utf8) {
            return .failure(.badRequest("HTTP/2 connection preface on an HTTP/1.1 server"))
        }
        guard major == 1, minor <= 1 else {
            return .failure(.versionNotSupported("HTTP/\(major).\(minor) is not supported"))
        }
        let method = HTTPMethod(rawValue: String(decoding: line[..<methodEnd], as: UTF8.self))
        let target = String(decoding: line[targetStart..<targetEnd], as: UTF8.self)
        return .success((method, target, HTTPVersion(major: major, minor: minor)))
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
    }

    /// `1*DIGIT`, or a list of equal ones (`5, 5`: RFC 9112 §6.3 lets a recipient accept it).
    static func parseContentLength(_ value: UnsafeRawBufferPointer) -> Int? {
        var result: Int?
        var sawElement = false
        for element in value.split(separator: ASCII.comma, omittingEmptySubsequences: false) {
            let trimmed = trimOWS(element)
            guard !trimmed.isEmpty else { return nil }
            var n = 0
            for byte in trimmed {
                guard let d = digit(byte) else { return nil }
                let (times10, o1) = n.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(d)
                if o1 || o2 { return nil }
                n = sum
            }
            if let result, result != n { return nil }
            result = n
            sawElement = true
        }
        return sawElement ? result : nil
    }

    /// The non-empty, OWS-trimmed elements of a `#element` list (RFC 9110 §5.6.1), with any
    /// `;parameters` cut off.
    static func listElements(_ value: UnsafeRawBufferPointer) -> [Slice<UnsafeRawBufferPointer>] {
        var elements: [Slice<UnsafeRawBufferPointer>] = []
        for element in value.split(separator: ASCII.comma) {
            var part = element
            if let semicolon = part.firstIndex(of: ASCII.semicolon) { part = part[..<semicolon] }
            let trimmed = trimOWS(part)
            if !trimmed.isEmpty { elements.append(trimmed) }
        }
        return elements
    }

    static func trimOWS(_ slice: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var s = slice
        while let f = s.first, f == ASCII.space || f == ASCII.tab { s = s.dropFirst() }
        while let l = s.last, l == ASCII.space || l == ASCII.tab { s = s.dropLast() }
        return s
    }

    /// Compares bytes with an already lower-case ASCII name, ignoring the bytes' case.
    static func equalsLowercased<C: Collection<UInt8>>(_ bytes: C, _ lowercase: [UInt8]) -> Bool {
        guard bytes.count == lowercase.count else { return false }
        for (a, b) in zip(bytes, lowercase) where ASCII.lower(a) != b { return false }
        return true
    }
}

/// The lines of a head, as index ranges without their CRLF or LF.
struct LineIterator: IteratorProtocol {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let end = ASCII.firstIndex(of: ASCII.lf, in: bytes, from: position) ?? bytes.count
        let next = end + 1
        var contentEnd = end
        if contentEnd > position && bytes[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
        defer { position = next }
        return position..<contentEnd
    }
}
