import Testing
@testable import Flaskish

struct ChunkedBodyDecoderTests {
    private func decode(_ text: String, limits: HTTPLimits = HTTPLimits()) -> (consumed: Int, outcome: ChunkedBodyDecoder.Outcome, body: [UInt8]) {
        var decoder = ChunkedBodyDecoder(limits: limits)
        var body: [UInt8] = []
        let bytes = Array(text.utf8)
        let (consumed, outcome) = bytes.withUnsafeBytes { decoder.decode($0, into: &body) }
        return (consumed, outcome, body)
    }

    @Test func stopsRightAfterTheTrailerSection() {
        let result = decode("3\r\nabc\r\n0\r\nT: 1\r\n\r\nGET / HTTP/1.1")
        #expect(result.outcome == .done)
        #expect(result.body == Array("abc".utf8))
        #expect(result.consumed == "3\r\nabc\r\n0\r\nT: 1\r\n\r\n".utf8.count)
    }

    @Test func consumesEverythingWhileIncomplete() {
        let result = decode("a\r\n01234")
        #expect(result.outcome == .needMoreData)
        #expect(result.consumed == 8)
        #expect(result.body == Array("01234".utf8))
    }

    @Test func continuesAcrossCalls() {
        var decoder = ChunkedBodyDecoder(limits: HTTPLimits())
        var body: [UInt8] = []
        for piece in ["1", "0\r", "\n0123456789ab", "cdef\r\n0", "\r\n\r", "\n"] {
            let bytes = Array(piece.utf8)
            let (consumed, outcome) = bytes.withUnsafeBytes { decoder.decode($0, into: &body) }
            #expect(consumed == bytes.count)
            if piece == "\n" { #expect(outcome == .done) } else { #expect(outcome == .needMoreData) }
        }
        #expect(body == Array("0123456789abcdef".utf8))
    }

    @Test func errorsCarryTheirStatus() {
        #expect(decode("g\r\n").outcome == .error(.badRequest("Invalid chunk size")))
        var small = HTTPLimits()
        small.maxBodyBytes = 4
        #expect(decode("5\r\n", limits: small).outcome == .error(.contentTooLarge("Chunked body exceeds the limit of 4 bytes")))
    }
}
