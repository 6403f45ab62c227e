import Foundation
import Testing
@testable import Flaskish

/// The test client reads every kind of body, as Flask's test client consumes the response
/// iterable: bytes, files (`sendFile`, static files, ranges) and streams.
struct FlaskClientBodiesTests {
    struct StreamFailure: Error {}

    func app() throws -> Flask {
        let root = try TemporaryFolder(files: ["ten.txt": "0123456789", "static/app.css": "body{}", "static/data.json": #"{"a": 1}"#])
        let app = Flask(rootPath: root.path)
        app.keepAlive(root)
        let file = root.path + "/ten.txt"
        app.route("/file") { _ in try sendFile(file) }
        app.route("/download") { _ in try sendFile(file, asAttachment: true, downloadName: "numbers.txt") }
        app.route("/stream") { _ in
            Response { writer in
                for word in ["one ", "two ", "three"] { try await writer.write(word) }
            }
        }
        app.route("/json-stream") { _ in
            Response(contentType: "application/json") { writer in
                try await writer.write("[1, ")
                try await writer.write("2]")
            }
        }
        app.route("/broken-stream") { _ in
            Response { writer in
                try await writer.write("partial")
                throw StreamFailure()
            }
        }
        return app
    }

    @Test func sendFileBodyIsRead() async throws {
        let response = try await app().testClient().get("/file")
        #expect(response.status == .ok)
        #expect(response.text == "0123456789")
        #expect(response.data == Array("0123456789".utf8))
    }

    @Test func attachmentBodyIsRead() async throws {
        let response = try await app().testClient().get("/download")
        #expect(response.text == "0123456789")
        #expect(response.headers["Content-Disposition"] == "attachment; filename=numbers.txt")
    }

    @Test func staticFileBodiesAreRead() async throws {
        let client = try app().testClient()
        #expect(await client.get("/static/app.css").text == "body{}")
        let json = await client.get("/static/data.json")
        #expect(json.json == ["a": 1])
    }

    @Test func rangeRequestReadsOnlyTheRange() async throws {
        let response = try await app().testClient().get("/file", headers: ["Range": "bytes=2-4"])
        #expect(response.status == .partialContent)
        #expect(response.text == "234")
    }

    @Test func notModifiedHasNoBody() async throws {
        let client = try app().testClient()
        let etag = try #require(await client.get("/file").headers["ETag"])
        let response = await client.get("/file", headers: ["If-None-Match": etag])
        #expect(response.status == .notModified)
        #expect(response.data.isEmpty)
    }

    @Test func streamedBodyIsReadWhole() async throws {
        let response = try await app().testClient().get("/stream")
        #expect(response.text == "one two three")
        guard case .bytes = response.body else {
            Issue.record("the test client should hand back the collected bytes, got \(response.body)")
            return
        }
    }

    @Test func streamedJSONCanBeParsed() async throws {
        let response = try await app().testClient().get("/json-stream")
        #expect(response.json == [1, 2])
    }

    @Test func headOfAFileOrStreamHasNoBody() async throws {
        let client = try app().testClient()
        #expect(await client.open("/file", method: .HEAD).data.isEmpty)
        #expect(await client.open("/stream", method: .HEAD).data.isEmpty)
    }

    /// The server logs a producer's error and cuts the connection; the test client keeps what
    /// was written and logs the error too.
    @Test func failingStreamGivesWhatWasWrittenAndLogs() async throws {
        let app = try app()
        let lines = ConfigLoggerTests.Lines()
        app.logger.addHandler { _, message in lines.append(message) }
        let response = await app.testClient().get("/broken-stream")
        #expect(response.text == "partial")
        #expect(lines.withLock { $0.contains { $0.contains("StreamFailure") } })
    }

    @Test func followedRedirectToAFileReadsIt() async throws {
        let app = try app()
        app.route("/go") { _ in redirect("/file") }
        let response = await app.testClient().get("/go", followRedirects: true)
        #expect(response.text == "0123456789")
    }
}
