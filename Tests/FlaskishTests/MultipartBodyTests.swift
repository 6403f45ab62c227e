import Testing
@testable import Flaskish

/// The test client's multipart encoder, checked byte for byte and against our parser.
struct MultipartBodyTests {
    @Test func encodesFieldsAndFiles() {
        var body = MultipartBody(fields: [("a", "1")], boundary: "B")
        body.addFile("f", filename: "x\"y.txt", contentType: "text/plain", data: Array("hi".utf8))
        let expected = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x%22y.txt\"\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
            + "--B--\r\n"
        #expect(String(decoding: body.encoded(), as: UTF8.self) == expected)
        #expect(body.contentType == "multipart/form-data; boundary=B")
    }

    @Test func emptyBodyIsJustTheClosingBoundary() {
        #expect(String(decoding: MultipartBody(boundary: "B").encoded(), as: UTF8.self) == "--B--\r\n")
    }

    @Test func roundTripsThroughTheParser() throws {
        let file = FileStorage(name: "doc", filename: "na\nme.bin", contentType: "application/pdf", data: [0, 13, 10, 45, 45, 66])
        let body = MultipartBody(fields: [("x", "line\r\nbreak"), ("é", "ü")], files: [file])
        let parts = try MultipartFormParser(boundary: body.boundary).parse(body.encoded())
        #expect(parts.map(\.name) == ["x", "é", "doc"])
        #expect(parts[0].data == Array("line\r\nbreak".utf8))
        #expect(parts[2].filename == "na%0Ame.bin")
        #expect(parts[2].data == file.data)
        #expect(parts[2].contentType == "application/pdf")
    }

    @Test func generatedBoundariesDiffer() {
        #expect(MultipartBody().boundary != MultipartBody().boundary)
    }
}
