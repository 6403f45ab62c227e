import Testing
@testable import Flaskish

struct HTTPResponseSerializerTests {
    private func head(_ status: HTTPStatus, _ headers: HTTPHeaders) throws -> String {
        var buffer: [UInt8] = []
        try HTTPResponseSerializer.writeHead(status: status, headers: headers, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func headIsWrittenByteExact() throws {
        let headers: HTTPHeaders = ["Content-Type": "text/html; charset=utf-8", "Content-Length": "13"]
        #expect(try head(.ok, headers) == "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 13\r\n\r\n")
    }

    @Test func statusLineUsesWerkzeugsUpperCaseStatusStrings() throws {
        #expect(try head(.notFound, [:]) == "HTTP/1.1 404 NOT FOUND\r\n\r\n")
        #expect(try head(.contentTooLarge, [:]) == "HTTP/1.1 413 REQUEST ENTITY TOO LARGE\r\n\r\n")
        #expect(try head(101, [:]) == "HTTP/1.1 101 SWITCHING PROTOCOLS\r\n\r\n")
        #expect(try head(299, [:]) == "HTTP/1.1 299 UNKNOWN\r\n\r\n")
        #expect(try head(799, [:]) == "HTTP/1.1 799 UNKNOWN\r\n\r\n")
    }

    @Test func duplicateFieldsAreWrittenInOrder() throws {
        var headers = HTTPHeaders()
        headers.add(name: "Set-Cookie", value: "a=1")
        headers.add(name: "Set-Cookie", value: "b=2")
        #expect(try head(.ok, headers) == "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n")
    }

    @Test(arguments: ["a\r\nSet-Cookie: evil=1", "a\nb", "a\rb", "a\u{0}b"])
    func valueWithLineBreakOrNULIsRefusedAndNothingIsWritten(_ value: String) {
        var buffer = Array("previous".utf8)
        let headers: HTTPHeaders = ["X-Ok": "fine", "X-Evil": value]
        #expect(throws: HTTPResponseHeadError.invalidFieldValue(name: "X-Evil")) {
            try HTTPResponseSerializer.writeHead(status: .ok, headers: headers, into: &buffer)
        }
        #expect(buffer == Array("previous".utf8))
    }

    @Test(arguments: ["", "Bad Name", "X:Y", "X\r\nY"])
    func invalidFieldNameIsRefused(_ name: String) {
        var buffer: [UInt8] = []
        #expect(throws: HTTPResponseHeadError.invalidFieldName(name)) {
            try HTTPResponseSerializer.writeHead(status: .ok, headers: HTTPHeaders([(name, "v")]), into: &buffer)
        }
        #expect(buffer.isEmpty)
    }

    @Test func statusOutsideThreeDigitsIsRefused() {
        var buffer: [UInt8] = []
        #expect(throws: HTTPResponseHeadError.invalidStatus(1000)) {
            try HTTPResponseSerializer.writeHead(status: 1000, headers: [:], into: &buffer)
        }
        #expect(throws: HTTPResponseHeadError.invalidStatus(99)) {
            try HTTPResponseSerializer.writeHead(status: 99, headers: [:], into: &buffer)
        }
    }

    @Test func chunksAreFramedInLowerCaseHex() {
        var buffer: [UInt8] = []
        HTTPResponseSerializer.writeChunk(Array("hello".utf8), into: &buffer)
        HTTPResponseSerializer.writeChunk([], into: &buffer)
        HTTPResponseSerializer.writeChunk([UInt8](repeating: 0x41, count: 255), into: &buffer)
        HTTPResponseSerializer.writeLastChunk(into: &buffer)
        let expected = "5\r\nhello\r\nff\r\n" + String(repeating: "A", count: 255) + "\r\n0\r\n\r\n"
        #expect(String(decoding: buffer, as: UTF8.self) == expected)
        var big: [UInt8] = []
        HTTPResponseSerializer.writeChunk([UInt8](repeating: 0, count: 4096), into: &big)
        #expect(Array(big.prefix(6)) == Array("1000\r\n".utf8))
    }

    @Test func continueResponseIsTheInterimStatusLine() {
        #expect(HTTPResponseSerializer.continueResponse == Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }

    @Test func chunkedOutputDecodesBackThroughTheRequestParser() {
        var raw = Array("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let pieces = ["Hello", ", ", String(repeating: "x", count: 300), "!"]
        for piece in pieces { HTTPResponseSerializer.writeChunk(Array(piece.utf8), into: &raw) }
        HTTPResponseSerializer.writeLastChunk(into: &raw)
        let outcomes = outcomesCheckingEverySplit(raw)
        guard case .request(_, let body)? = outcomes?.first else { Issue.record("no request"); return }
        #expect(body == Array(pieces.joined().utf8))
    }
}
