import FlaskishTestSupport
import Foundation
import Testing
@testable import Flaskish

/// `request.files` and `FileStorage`, in-process and over a live server.
struct RequestFilesTests {
    func uploadApp() -> Flask {
        let app = Flask()
        app.post("/upload") { req in
            let files = try req.files
            return files.map { "\($0.key):\($0.value.filename ?? "-"):\($0.value.mimetype):\($0.value.data.count)" }
                .joined(separator: ",")
        }
        return app
    }

    func body() -> MultipartBody {
        var body = MultipartBody(fields: [("note", "hi")])
        body.addFile("docs", filename: "a.txt", contentType: "text/plain; charset=utf-8", data: Array("hello".utf8))
        body.addFile("docs", filename: "b \"q\".bin", data: [0, 13, 10, 45, 45])
        body.addFile("empty", filename: "", data: [])
        return body
    }

    @Test func filesThroughTheTestClient() async {
        let response = await uploadApp().testClient().post("/upload", multipart: body())
        #expect(response.text == "docs:a.txt:text/plain:5,docs:b \"q\".bin:application/octet-stream:5,empty::application/octet-stream:0")
    }

    @Test func filesOverALiveServer() async throws {
        try await withLiveServer(uploadApp()) { port in
            let body = body()
            let reply = try liveRequest("POST", "/upload", port: port, headers: [("Content-Type", body.contentType)],
                                        body: body.encoded())
            #expect(reply.text == "docs:a.txt:text/plain:5,docs:b \"q\".bin:application/octet-stream:5,empty::application/octet-stream:0")
        }
    }

    @Test func fileMultiDictLooksUpByName() {
        var files = FileMultiDict()
        #expect(files.isEmpty)
        files.add("a", FileStorage(name: "a", filename: "1", data: [1]))
        files.add("b", FileStorage(name: "b", filename: "2", data: [2]))
        files.add("a", FileStorage(name: "a", filename: "3", data: [3]))
        #expect(files.count == 3)
        #expect(files.keys == ["a", "b"])
        #expect(files["a"]?.filename == "1")
        #expect(files.getAll("a").map(\.filename) == ["1", "3"])
        #expect(files["c"] == nil)
        #expect(files.contains("b") && !files.contains("c"))
    }

    @Test func saveWritesTheContent() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flaskish-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileStorage(filename: "x", data: [1, 2, 3]).save(to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
    }

    @Test func mimetypeIsLowerCasedWithoutParameters() {
        #expect(FileStorage(filename: "x", contentType: "Image/PNG; q=1", data: []).mimetype == "image/png")
        #expect(FileStorage(filename: "x", data: []).mimetype == "")
    }
}
