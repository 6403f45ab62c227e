import Flaskish

/// The HTTP/1.1 request parser (head and body) and its chunked decoder.
enum FuzzHTTP {
    /// What feeding a connection's bytes produced: the requests, then how it stopped.
    private struct Outcome: Equatable {
        var requests: [String] = []
        var end = "needMoreData"
    }

    /// Small limits, so the fuzzer reaches every limit branch with short inputs.
    private static let limits: HTTPLimits = {
        var limits = HTTPLimits()
        limits.maxRequestLineLength = 256
        limits.maxHeaderBytes = 512
        limits.maxHeaderCount = 8
        limits.maxBodyBytes = 1024
        limits.maxChunkLineLength = 64
        return limits
    }()

    /// The engine's loop, reduced: keep unconsumed bytes, parse, drop what was consumed.
    private static func feed(_ chunks: [UnsafeRawBufferPointer]) -> Outcome {
        var parser = HTTPRequestParser(limits: limits)
        var buffer: [UInt8] = []
        var outcome = Outcome()
        for chunk in chunks {
            buffer.append(contentsOf: chunk)
            while true {
                let (consumed, result) = buffer.withUnsafeBytes { parser.parse($0) }
                Fuzz.check(consumed >= 0 && consumed <= buffer.count, "http", "consumed \(consumed) of \(buffer.count)")
                buffer.removeFirst(consumed)
                switch result {
                case .needMoreData:
                    break
                case .expectContinue:
                    continue
                case .request(let head, let body):
                    outcome.requests.append("\(head.method) \(head.target) \(head.version) \(head.headers) \(body)")
                    continue
                case .error(let error):
                    outcome.end = "error \(error.status)"
                    return outcome
                }
                break
            }
        }
        return outcome
    }

    private static func whole(_ input: UnsafeRawBufferPointer, _ target: String) {
        let whole = feed([input])
        let cut = Fuzz.splitPoint(input)
        let split = feed([UnsafeRawBufferPointer(rebasing: input[..<cut]), UnsafeRawBufferPointer(rebasing: input[cut...])])
        Fuzz.check(whole == split, target, "split at \(cut) differs: \(whole) vs \(split)")
    }

    /// Any bytes as a connection's input.
    static func request(_ input: UnsafeRawBufferPointer) {
        whole(input, "http-request")
    }

    private static let chunkedHead = Array("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)

    /// Any bytes as the body of a chunked request (the fuzzer need not find the head first).
    static func chunked(_ input: UnsafeRawBufferPointer) {
        let bytes = chunkedHead + Array(input)
        bytes.withUnsafeBytes { whole($0, "http-chunked") }
    }
}
