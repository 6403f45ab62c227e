// The chunked transfer coding (RFC 9112 §7.1), decoded byte by byte so that any split of
// the input gives the same body and no byte is looked at twice.
//
//   chunked-body = *chunk last-chunk trailer-section CRLF
//   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
//   last-chunk   = 1*("0") [ chunk-ext ] CRLF
//
// Extensions are skipped (bounded by `maxChunkLineLength`); trailer fields are checked like
// header fields and dropped (bounded by `maxHeaderBytes` / `maxHeaderCount`).

/// Decodes a chunked request body into plain bytes.
struct ChunkedBodyDecoder: Sendable {
    /// What one `decode` call reached.
    enum Outcome: Sendable, Equatable {
        case needMoreData
        case done
        case error(HTTPParseError)
    }

    private enum State: Sendable {
        case size
        case extensions
        case sizeLF
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerName
        case trailerValue
        case trailerLF
        case endLF
        case done
    }

    private let limits: HTTPLimits
    private var state: State = .size
    private var chunkSize = 0
    private var sizeDigits = 0
    private var lineLength = 0
    private var trailerBytes = 0
    private var trailerCount = 0
    private var decodedBytes = 0

    init(limits: HTTPLimits) { self.limits = limits }

    /// Consumes bytes of `input`, appending chunk data to `body`.
    ///
    /// - Returns: how many bytes were consumed (all of them unless the body ended or failed)
    ///   and whether the body is complete.
    mutating func decode(_ input: UnsafeRawBufferPointer, into body: inout [UInt8]) -> (consumed: Int, outcome: Outcome) {
        var i = 0
        let count = input.count
        while i < count {
            let byte = input[i]
            switch state {
            case .data(let remaining):
                let taken = Swift.min(remaining, count - i)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<(i + taken)]))
                i += taken
                state = taken == remaining ? .dataCR : .data(remaining: remaining - taken)
                continue
            case .size:
                if let value = ASCII.hexValue(byte) {
                    sizeDigits += 1
                    lineLength += 1
                    guard chunkSize <= (Int.max >> 4) else { return fail(.badRequest("Chunk size too large"), at: i) }
                    chunkSize = chunkSize << 4 | Int(value)
                } else {
                    guard sizeDigits > 0 else { return fail(.badRequest("Invalid chunk size"), at: i) }
                    switch byte {
                    case ASCII.semicolon, ASCII.space, ASCII.tab:
                        lineLength += 1
                        state = .extensions
                    case ASCII.cr: state = .sizeLF
                    case ASCII.lf: if let error = endSizeLine() { return fail(error, at: i) }
                    default: return fail(.badRequest("Invalid chunk size"), at: i)
                    }
                }
            case .extensions:
                if byte == ASCII.cr {
                    state = .sizeLF
                } else if byte == ASCII.lf {
                    if let error = endSizeLine() { return fail(error, at: i) }
                } else if ASCII.isForbiddenInFieldValue(byte) {
                    return fail(.badRequest("Control character in chunk extension"), at: i)
                } else {
                    lineLength += 1
                }
            case .sizeLF:
                guard byte == ASCII.lf else { return fail(.badRequest("Bare CR in chunk size line"), at: i) }
                if let error = endSizeLine() { return fail(error, at: i) }
            case .dataCR:
                if byte == ASCII.cr {
                    state = .dataLF
                } else if byte == ASCII.lf {
                    state = .size
                } else {
                    return fail(.badRequest("Chunk data longer than its size"), at: i)
                }
            case .dataLF:
                guard byte == ASCII.lf else { return fail(.badRequest("Bare CR after chunk data"), at: i) }
                state = .size
            case .trailerLineStart:
                switch byte {
                case ASCII.cr: state = .endLF
                case ASCII.lf:
                    state = .done
                    return (i + 1, .done)
                case ASCII.space, ASCII.tab:
                    return fail(.badRequest("Obsolete line folding in trailer field"), at: i)
                default:
                    trailerCount += 1
                    if trailerCount > limits.maxHeaderCount {
                        return fail(.headerFieldsTooLarge("More than \(limits.maxHeaderCount) trailer fields"), at: i)
                    }
                    guard HTTPHeaders.isTokenByte(byte) else {
                        return fail(.badRequest("Invalid trailer field name"), at: i)
                    }
                    if let error = countTrailerByte() { return fail(error, at: i) }
                    state = .trailerName
                }
            case .trailerName:
                if let error = countTrailerByte() { return fail(error, at: i) }
                if byte == ASCII.colon {
                    state = .trailerValue
                } else if HTTPHeaders.isTokenByte(byte) {
                } else {
                    return fail(.badRequest("Invalid trailer field name"), at: i)
                }
            case .trailerValue:
                if let error = countTrailerByte() { return fail(error, at: i) }
                if byte == ASCII.cr {
                    state = .trailerLF
                } else if byte == ASCII.lf {
                    state = .trailerLineStart
                } else if ASCII.isForbiddenInFieldValue(byte) {
                    return fail(.badRequest("Control character in trailer field value"), at: i)
                }
            case .trailerLF:
                if let error = countTrailerByte() { return fail(error, at: i) }
                guard byte == ASCII.lf else { return fail(.badRequest("Bare CR in trailer field"), at: i) }
                state = .trailerLineStart
            case .endLF:
                guard byte == ASCII.lf else { return fail(.badRequest("Bare CR after trailer section"), at: i) }
                state = .done
                return (i + 1, .done)
            case .done:
                return (i, .done)
            }
            i += 1
            if lineLength > limits.maxChunkLineLength {
                return fail(.badRequest("Chunk size line longer than \(limits.maxChunkLineLength) bytes"), at: i)
            }
        }
        if case .done = state { return (count, .done) }
        return (count, .needMoreData)
    }

    /// Called at the LF ending a chunk-size line: starts the chunk's data, or the trailers.
    private mutating func endSizeLine() -> HTTPParseError? {
        lineLength = 0
        sizeDigits = 0
        let size = chunkSize
        chunkSize = 0
        if size == 0 {
            state = .trailerLineStart
            return nil
        }
        let (total, overflow) = decodedBytes.addingReportingOverflow(size)
        if overflow { return .badRequest("Chunk size too large") }
        if let max = limits.maxBodyBytes, total > max {
            return .contentTooLarge("Chunked body exceeds the limit of \(max) bytes")
        }
        decodedBytes = total
        state = .data(remaining: size)
        return nil
    }

    private mutating func countTrailerByte() -> HTTPParseError? {
        trailerBytes += 1
        if trailerBytes > limits.maxHeaderBytes {
            return .headerFieldsTooLarge("Trailer section larger than \(limits.maxHeaderBytes) bytes")
        }
        return nil
    }

    private mutating func fail(_ error: HTTPParseError, at index: Int) -> (consumed: Int, outcome: Outcome) {
        (index, .error(error))
    }
}
