// An incremental HTTP/1.1 request parser (RFC 9112 §2–§7).
//
//   request   = *( CRLF ) request-line *( field-line CRLF ) CRLF [ body ]
//   request-line = method SP request-target SP HTTP-version
//   body      = Content-Length octets | chunked (ChunkedBodyDecoder)
//
// Bare LF is accepted as a line ending, bare CR is not. A well-formed version other than
// HTTP/1.0 and HTTP/1.1 (HTTP/2.0, HTTP/1.2) gets 505, but the HTTP/2 preface `PRI * HTTP/2.0`
// is not a request at all and gets 400 and a close; a
// malformed one (`http/1.1`, `HTTP/1.10`, none at all) gets 400. The head is scanned once for its end
// (limits are checked while scanning, so an oversized line fails before its CRLF arrives),
// then parsed once into Strings.

/// What one `HTTPRequestParser.parse` call found.
package enum HTTPParseResult: Sendable {
    /// The bytes given end inside a request: read more and call `parse` again.
    case needMoreData
    /// The head is complete, carries `Expect: 100-continue`, and a body follows. Returned once
    /// per request: write `HTTPResponseSerializer.continueResponse`, then call `parse` again.
    case expectContinue
    /// One whole request. The parser is reset: call `parse` again for a pipelined next one.
    case request(HTTPRequestHead, body: [UInt8])
    /// The request is malformed or over a limit: answer `error.status` and close.
    case error(HTTPParseError)
}

/// Turns the bytes of a connection into requests, in any split the network delivers them.
///
/// The engine keeps a read buffer, calls `parse` with every unconsumed byte, drops the first
/// `consumed` bytes, and loops while the result is `.request`. The parser remembers how far it
/// has scanned, so a head arriving byte by byte is not rescanned from its start.
///
/// Werkzeug: the request parsing its dev server inherits from `http.server`, with the limits
/// of `MAX_CONTENT_LENGTH`; stricter, as RFC 9112 asks of a server facing the internet.
package struct HTTPRequestParser: Sendable {
    /// The limits every request is held to.
    package let limits: HTTPLimits

    private enum Phase: Sendable {
        case head
        case contentLength(remaining: Int)
        case chunked
        case failed(HTTPParseError)
    }

    private var phase: Phase = .head
    private var scan = HeadScan()
    private var pendingHead: HTTPRequestHead?
    private var body: [UInt8] = []
    private var chunkedDecoder: ChunkedBodyDecoder

    /// True once part of a request has been taken (its head, or some of its body): a
    /// timeout then deserves a 408 rather than a silent close.
    package var hasPartialRequest: Bool {
        if case .head = phase { return pendingHead != nil }
        return true
    }

    /// A parser waiting for the first byte of a request.
    package init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
        self.chunkedDecoder = ChunkedBodyDecoder(limits: limits)
    }

    /// True while a request body is being read: its bytes were consumed, so the engine's own
    /// buffer may be empty mid-request. With an empty buffer and this false, the connection is
    /// idle between requests (keep-alive timeout rather than request timeout).
    package var isReadingBody: Bool {
        switch phase {
        case .contentLength, .chunked: return true
        case .head, .failed: return false
        }
    }

    /// Parses as much of `input` as it can.
    ///
    /// - Parameter input: every byte received and not yet consumed, oldest first.
    /// - Returns: how many leading bytes of `input` the parser has taken (the caller drops
    ///   them and never passes them again) and what it found.
    package mutating func parse(_ input: UnsafeRawBufferPointer) -> (consumed: Int, result: HTTPParseResult) {
        switch phase {
        case .failed(let error):
            return (0, .error(error))
        case .contentLength, .chunked:
            return readBody(input, alreadyConsumed: 0)
        case .head:
            break
        }

        let headEnd: Int
        switch scan.advance(over: input, limits: limits) {
        case .incomplete:
            return (0, .needMoreData)
        case .failed(let error):
            return fail(error, consumed: 0)
        case .complete(let end):
            headEnd = end
        }

        let parsed: ParsedHead
        switch Self.parseHead(UnsafeRawBufferPointer(rebasing: input[..<headEnd]), limits: limits) {
        case .failure(let error):
            return fail(error, consumed: headEnd)
        case .success(let value):
            parsed = value
        }

        switch parsed.framing {
        case .none:
            resetForNextRequest()
            return (headEnd, .request(parsed.head, body: []))
        case .length(let length):
            phase = .contentLength(remaining: length)
            body.reserveCapacity(Swift.min(length, 1 << 20))
        case .chunked:
            phase = .chunked
        }
        pendingHead = parsed.head
        if parsed.expectsContinue {
            return (headEnd, .expectContinue)
        }
        return readBody(UnsafeRawBufferPointer(rebasing: input[headEnd...]), alreadyConsumed: headEnd)
    }

    /// Moves body bytes from `input` into `body` and finishes the request when it is whole.
    private mutating func readBody(
        _ input: UnsafeRawBufferPointer, alreadyConsumed: Int
    ) -> (consumed: Int, result: HTTPParseResult) {
        switch phase {
        case .contentLength(let remaining):
            let taken = Swift.min(remaining, input.count)
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[..<taken]))
            if taken < remaining {
                phase = .contentLength(remaining: remaining - taken)
                return (alreadyConsumed + taken, .needMoreData)
            }
            return (alreadyConsumed + taken, finishRequest())
        case .chunked:
            let (taken, outcome) = chunkedDecoder.decode(input, into: &body)
            switch outcome {
            case .needMoreData:
                return (alreadyConsumed + taken, .needMoreData)
            case .done:
                return (alreadyConsumed + taken, finishRequest())
            case .error(var error):
                if error.status == .contentTooLarge { error.refusedHead = pendingHead.map { head in
                    var refused = head
                    refused.keepAlive = false
                    return refused
                } }
                return fail(error, consumed: alreadyConsumed + taken)
            }
        case .head, .failed:
            return (alreadyConsumed, .needMoreData)
        }
    }

    private mutating func finishRequest() -> HTTPParseResult {
        guard let head = pendingHead else {
            return .error(.badRequest("Request body without a head"))
        }
        let finishedBody = body
        resetForNextRequest()
        return .request(head, body: finishedBody)
    }

    private mutating func fail(_ error: HTTPParseError, consumed: Int) -> (consumed: Int, result: HTTPParseResult) {
        phase = .failed(error)
        pendingHead = nil
        body = []
        return (consumed, .error(error))
    }

    private mutating func resetForNextRequest() {
        phase = .head
        scan = HeadScan()
        pendingHead = nil
        body = []
        chunkedDecoder = ChunkedBodyDecoder(limits: limits)
    }
}

/// Finds the end of a request head across calls, enforcing the size limits on the way.
/// Offsets are from the start of the caller's buffer, which does not move while a head is
/// incomplete (nothing is consumed until the head ends).
struct HeadScan: Sendable {
    enum Outcome {
        case incomplete
        case complete(headEnd: Int)
        case failed(HTTPParseError)
    }

    private var position = 0
    private var lineStart = 0
    private var leadingEmptyLines = 0
    private var requestLineEnd: Int?
    private var fieldCount = 0

    mutating func advance(over input: UnsafeRawBufferPointer, limits: HTTPLimits) -> Outcome {
        let count = input.count
        while let i = ASCII.firstIndex(of: ASCII.lf, in: input, from: position) {
            position = i + 1
            var contentEnd = i
            if contentEnd > lineStart && input[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
            let length = contentEnd - lineStart
            if let requestLineEnd {
                if length == 0 {
                    return .complete(headEnd: i + 1)
                }
                fieldCount += 1
                if fieldCount > limits.maxHeaderCount {
                    return .failed(.headerFieldsTooLarge("More than \(limits.maxHeaderCount) header fields"))
                }
                if i + 1 - requestLineEnd > limits.maxHeaderBytes {
                    return .failed(.headerFieldsTooLarge("Header block larger than \(limits.maxHeaderBytes) bytes"))
                }
            } else if length == 0 {
                leadingEmptyLines += 1
                if leadingEmptyLines > limits.maxLeadingEmptyLines {
                    return .failed(.badRequest("Too many empty lines before the request line"))
                }
            } else {
                if length > limits.maxRequestLineLength {
                    return .failed(.uriTooLong("Request line longer than \(limits.maxRequestLineLength) bytes"))
                }
                requestLineEnd = i + 1
            }
            lineStart = i + 1
        }
        position = count
        // A trailing CR may be the first half of a line ending: don't count it yet, so every
        // split of the input reaches the same verdict.
        let pendingCR = count > lineStart && input[count - 1] == ASCII.cr ? 1 : 0
        if let requestLineEnd {
            if count - pendingCR - requestLineEnd > limits.maxHeaderBytes {
                return .failed(.headerFieldsTooLarge("Header block larger than \(limits.maxHeaderBytes) bytes"))
            }
        } else if count - pendingCR - lineStart > limits.maxRequestLineLength {
            return .failed(.uriTooLong("Request line longer than \(limits.maxRequestLineLength) bytes"))
        }
        return .incomplete
    }
}

/// The bytes the HTTP codecs compare against.
enum ASCII {
    // Integer literals rather than UInt8(ascii:) so the constants need no lazy initialisation.
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let percent: UInt8 = 0x25
    static let equals: UInt8 = 0x3D

    /// The index of the first `target` in `buffer[start...]`, eight bytes at a time.
    @inline(__always)
    static func firstIndex(of target: UInt8, in buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let count = buffer.count
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pattern = UInt64(target) &* ones
        while i + 8 <= count {
            // Bytes equal to `target` become zero; the lowest zero byte sets its high bit in `found`.
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            let found = (word &- ones) & ~word & highs
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count {
            if base.load(fromByteOffset: i, as: UInt8.self) == target { return i }
            i += 1
        }
        return nil
    }

    /// `a`–`z` folded onto `A`–`Z`'s lower-case, other bytes unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }

    /// True for the bytes a field value may not hold: controls other than HTAB, and DEL.
    @inline(__always)
    static func isForbiddenInFieldValue(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != tab) || byte == 0x7F
    }
}
