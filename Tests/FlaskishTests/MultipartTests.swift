import Testing
@testable import Flaskish

struct MultipartTests {
    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// A body as Chromium sends it for a form with a text field, a file, an empty file input
    /// and a non-ASCII field; with a preamble and an epilogue to be ignored.
    static func browserBody() -> [UInt8] {
        let b = boundary
        var body = Array("preamble to ignore\r\n".utf8)
        body += Array("--\(b)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n".utf8)
        body += Array("--\(b)\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n".utf8)
        body += Array("line1\r\nline2\r\n\r\n".utf8)
        body += Array("--\(b)\r\nContent-Disposition: form-data; name=\"bin\"; filename=\"x%22y.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += [0, 255, 13, 10, 45, 45, 45, 13, 10, 13]  // bytes that look like the start of a delimiter
        body += Array("\r\n--\(b)\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += Array("\r\n--\(b)\r\nContent-Disposition: form-data; name=\"city\"\r\n\r\nZ\u{fc}rich\r\n".utf8)
        body += Array("--\(b)--\r\nepilogue".utf8)
        return body
    }

    @Test func parsesABrowserStyleBody() throws {
        let parts = try MultipartFormParser(boundary: Self.boundary).parse(Self.browserBody())
        #expect(parts.map(\.name) == ["title", "upload", "bin", "empty", "city"])
        #expect(parts.map(\.filename) == [nil, "a.txt", "x\"y.bin", "", nil])
        #expect(parts.map(\.contentType) == [nil, "text/plain", "application/octet-stream", "application/octet-stream", nil])
        #expect(parts[0].data == Array("Hello".utf8))
        #expect(parts[1].data == Array("line1\r\nline2\r\n".utf8))
        #expect(parts[2].data == [0, 255, 13, 10, 45, 45, 45, 13, 10, 13])
        #expect(parts[3].data.isEmpty)
        #expect(String(decoding: parts[4].data, as: UTF8.self) == "Z\u{fc}rich")
        #expect(parts[1].headers["content-disposition"] == "form-data; name=\"upload\"; filename=\"a.txt\"")
    }

    @Test func emptyFormAndBodyWithoutPreamble() throws {
        #expect(try MultipartFormParser(boundary: "b").parse(Array("--b--\r\n".utf8)).isEmpty)
        let parts = try MultipartFormParser(boundary: "b").parse(Array("--b  \r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--".utf8))
        #expect(parts.map(\.name) == ["a"])
        #expect(parts.first?.data == Array("1".utf8))
    }

    @Test(arguments: [
        ("no boundary anywhere", "just some text"),
        ("missing closing boundary", "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue"),
        ("body ends after a boundary", "--b"),
        ("garbage after boundary", "--bX\r\n\r\n\r\n--b--"),
        ("header without colon", "--b\r\nNoColonHere\r\n\r\nv\r\n--b--"),
        ("header name with space", "--b\r\nBad Name: x\r\n\r\nv\r\n--b--"),
        ("unterminated headers", "--b\r\nContent-Disposition: form-data; name=a"),
        ("control character in header", "--b\r\nContent-Disposition: form-data;\u{1} name=a\r\n\r\nv\r\n--b--"),
    ])
    func malformedBodyIs400(_ description: String, _ body: String) {
        do {
            _ = try MultipartFormParser(boundary: "b").parse(Array(body.utf8))
            Issue.record("\(description): no error")
        } catch {
            #expect(error.status == .badRequest, "\(description): \(error)")
        }
    }

    @Test func partCountAtTheLimitIsAcceptedAndOneMoreIs413() throws {
        let part = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n"
        let parser = MultipartFormParser(boundary: "b", maxParts: 2)
        #expect(try parser.parse(Array((part + part + "--b--").utf8)).count == 2)
        #expect(throws: MultipartError.tooLarge("More than 2 multipart parts")) {
            try parser.parse(Array((part + part + part + "--b--").utf8))
        }
    }

    @Test func partHeaderBlockAtTheLimitIsAcceptedAndOneMoreByteIs413() throws {
        // "X: <pad>\r\n\r\n" is 7 + pad bytes; the limit counts the whole block with its empty line.
        let block = { (n: Int) in "X: " + String(repeating: "h", count: n - 7) + "\r\n\r\n" }
        let parser = MultipartFormParser(boundary: "b", maxPartHeaderBytes: 40)
        #expect(try parser.parse(Array(("--b\r\n" + block(40) + "v\r\n--b--").utf8)).count == 1)
        #expect(throws: MultipartError.tooLarge("Multipart part headers larger than 40 bytes")) {
            try parser.parse(Array(("--b\r\n" + block(41) + "v\r\n--b--").utf8))
        }
    }

    @Test func boundaryComesFromTheContentType() {
        #expect(MultipartFormParser.boundary(fromContentType: "multipart/form-data; boundary=\(Self.boundary)") == Self.boundary)
        #expect(MultipartFormParser.boundary(fromContentType: "Multipart/Form-Data; BOUNDARY=\"a b:c\"") == "a b:c")
        #expect(MultipartFormParser.boundary(fromContentType: "multipart/form-data") == nil)
        #expect(MultipartFormParser.boundary(fromContentType: "text/plain; boundary=x") == nil)
        #expect(MultipartFormParser.boundary(fromContentType: "multipart/form-data; boundary=\"\"") == nil)
        #expect(MultipartFormParser.boundary(fromContentType: "multipart/form-data; boundary=\"ends \"") == nil)
        let longest = String(repeating: "x", count: 201)
        #expect(MultipartFormParser.boundary(fromContentType: "multipart/form-data; boundary=\(longest)") == longest)
        #expect(MultipartFormParser.boundary(fromContentType: "multipart/form-data; boundary=\(longest)x") == nil)
    }
}
