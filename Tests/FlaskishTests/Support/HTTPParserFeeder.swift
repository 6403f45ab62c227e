@testable import Flaskish

/// What the engine sees from the parser for one fixture, comparable across input splits.
enum ParserOutcome: Equatable, CustomStringConvertible {
    case continue100
    case request(HTTPRequestHead, body: [UInt8])
    case error(status: Int)

    var description: String {
        switch self {
        case .continue100: return "100-continue"
        case .request(let head, let body): return "\(head.method) \(head.target) body=\(body.count)B"
        case .error(let status): return "error \(status)"
        }
    }
}

/// Feeds `chunks` to a parser the way the engine does: keep unconsumed bytes, append each
/// new chunk, call `parse` until it needs more data; stop at the first error.
/// `trailing` holds whatever was left unconsumed at the end.
func feedParser(_ chunks: [[UInt8]], limits: HTTPLimits = HTTPLimits()) -> (outcomes: [ParserOutcome], trailing: [UInt8]) {
    var parser = HTTPRequestParser(limits: limits)
    var buffer: [UInt8] = []
    var outcomes: [ParserOutcome] = []
    for chunk in chunks {
        buffer.append(contentsOf: chunk)
        while true {
            let (consumed, result) = buffer.withUnsafeBytes { parser.parse($0) }
            precondition(consumed >= 0 && consumed <= buffer.count)
            buffer.removeFirst(consumed)
            switch result {
            case .needMoreData:
                break
            case .expectContinue:
                outcomes.append(.continue100)
                continue
            case .request(let head, let body):
                outcomes.append(.request(head, body: body))
                continue
            case .error(let error):
                outcomes.append(.error(status: error.status.code))
                return (outcomes, buffer)
            }
            break
        }
    }
    return (outcomes, buffer)
}

/// The outcomes for the whole input at once, after checking that every two-way split and a
/// byte-by-byte feed give exactly the same outcomes (and, without an error, the same
/// leftover bytes; after an error the connection is closed, so what is left does not matter).
func outcomesCheckingEverySplit(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> [ParserOutcome]? {
    let whole = feedParser([bytes], limits: limits)
    func same(_ other: (outcomes: [ParserOutcome], trailing: [UInt8])) -> Bool {
        guard other.outcomes == whole.outcomes else { return false }
        if case .error = whole.outcomes.last { return true }
        return other.trailing == whole.trailing
    }
    for i in 0...bytes.count where !same(feedParser([Array(bytes[..<i]), Array(bytes[i...])], limits: limits)) {
        return nil
    }
    guard same(feedParser(bytes.map { [$0] }, limits: limits)) else { return nil }
    return whole.outcomes
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
