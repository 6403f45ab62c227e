import Foundation
import Testing
@testable import Flaskish

/// `sendFile` / `sendFromDirectory`: Werkzeug's headers, conditional requests and ranges.
struct StaticFilesSendFileTests {
    /// An app with `/f` sending `ten.txt` ("0123456789") through `sendFile`.
    func tenApp(_ send: @escaping @Sendable (String) throws -> Response = { try sendFile($0) }) throws -> (Flask, TemporaryFolder) {
        let root = try TemporaryFolder(files: ["ten.txt": "0123456789"])
        let app = Flask(rootPath: root.path)
        app.keepAlive(root)
        let file = root.path + "/ten.txt"
        app.route("/f", methods: [.GET, .POST]) { _ in try send(file) }
        return (app, root)
    }

    func etagAndDate(_ client: FlaskClient) async throws -> (String, String) {
        let first = await client.get("/f")
        return (try #require(first.headers["ETag"]), try #require(first.headers["Last-Modified"]))
    }

    @Test(arguments: [
        ("bytes=2-4", "bytes 2-4/10", "234"), ("bytes=-3", "bytes 7-9/10", "789"), ("bytes=5-", "bytes 5-9/10", "56789"),
        ("bytes=3-100", "bytes 3-9/10", "3456789"), ("bytes=0-0", "bytes 0-0/10", "0"), ("bytes=-0", "bytes 0-9/10", "0123456789"),
        (" bytes = 1 - 2 ", "bytes 1-2/10", "12"),
    ])
    func satisfiableRangeGives206(range: String, contentRange: String, body: String) async throws {
        let (app, _) = try tenApp()
        let response = await app.testClient().get("/f", headers: ["Range": range])
        #expect(response.status == .partialContent)
        #expect(response.headers["Content-Range"] == contentRange)
        #expect(response.headers["Accept-Ranges"] == "bytes")
        #expect(try String(decoding: response.bodyBytes(), as: UTF8.self) == body)
    }

    @Test(arguments: ["bytes=-30", "bytes=50-", "bytes=0-1,4-5", "items=0-1", "garbage", "bytes=4-2", "bytes=+1-2", "bytes=a-b"])
    func unsatisfiableRangeGives416WithTheLength(range: String) async throws {
        let (app, _) = try tenApp()
        let response = await app.testClient().get("/f", headers: ["Range": range])
        #expect(response.status == .rangeNotSatisfiable)
        #expect(response.headers["Content-Range"] == "bytes */10")
        #expect(response.text.contains("<title>416 Requested Range Not Satisfiable</title>"))
    }

    @Test func ifNoneMatchAndIfModifiedSinceGive304WithoutRepresentationHeaders() async throws {
        let (app, _) = try tenApp()
        let client = app.testClient()
        let (etag, date) = try await etagAndDate(client)
        for headers: HTTPHeaders in [["If-None-Match": etag], ["If-Modified-Since": date], ["If-None-Match": "W/\(etag)"],
                                     ["If-None-Match": "*"], ["If-None-Match": "\"other\", \(etag)"]] {
            let response = await client.get("/f", headers: headers)
            #expect(response.status == .notModified, "\(headers)")
            #expect(response.headers["Content-Type"] == nil)
            #expect(response.headers["Last-Modified"] == nil)
            #expect(response.headers["ETag"] == etag)
            #expect(response.headers["Cache-Control"] == "no-cache")
            #expect(try response.bodyBytes().isEmpty)
        }
    }

    @Test func staleValidatorsGetTheWholeFile() async throws {
        let (app, _) = try tenApp()
        let client = app.testClient()
        for headers: HTTPHeaders in [["If-None-Match": "\"other\""], ["If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"]] {
            let response = await client.get("/f", headers: headers)
            #expect(response.status == .ok)
            #expect(try response.bodyBytes() == Array("0123456789".utf8))
        }
    }

    @Test func ifRangeServesTheRangeOnlyWhenTheTagStillMatches() async throws {
        let (app, _) = try tenApp()
        let client = app.testClient()
        let (etag, date) = try await etagAndDate(client)
        #expect(await client.get("/f", headers: ["Range": "bytes=2-4", "If-Range": etag]).status == .partialContent)
        #expect(await client.get("/f", headers: ["Range": "bytes=2-4", "If-Range": date]).status == .partialContent)
        let stale = await client.get("/f", headers: ["Range": "bytes=2-4", "If-Range": "\"old\""])
        #expect(stale.status == .ok)
        #expect(stale.headers["Content-Range"] == nil)
    }

    @Test func ifMatchWithAnotherTagGives412() async throws {
        let (app, _) = try tenApp()
        let response = await app.testClient().get("/f", headers: ["If-Match": "\"nope\""])
        #expect(response.status == .preconditionFailed)
    }

    @Test func withoutAnETagOnlyDatesMakeA304() async throws {
        let (app, _) = try tenApp { try sendFile($0, etag: false) }
        let client = app.testClient()
        let first = await client.get("/f")
        #expect(first.headers["ETag"] == nil)
        #expect(await client.get("/f", headers: ["If-None-Match": "*"]).status == .ok)
        let date = try #require(first.headers["Last-Modified"])
        #expect(await client.get("/f", headers: ["If-Modified-Since": date]).status == .notModified)
    }

    @Test func unconditionalSendIgnoresValidatorsAndRanges() async throws {
        let (app, _) = try tenApp { try sendFile($0, conditional: false) }
        let response = await app.testClient().get("/f", headers: ["Range": "bytes=1-2", "If-None-Match": "*"])
        #expect(response.status == .ok)
        #expect(response.headers["Accept-Ranges"] == nil)
        #expect(try response.bodyBytes().count == 10)
    }

    @Test func conditionalHeadersAreIgnoredForPost() async throws {
        let (app, _) = try tenApp()
        let response = await app.testClient().open("/f", method: .POST, headers: ["Range": "bytes=1-2"])
        #expect(response.status == .ok)
        #expect(response.headers["Accept-Ranges"] == nil)
    }

    @Test func etagIsTimeSizeAndAdler32OfThePath() async throws {
        let (app, root) = try tenApp()
        let response = await app.testClient().get("/f")
        let etag = try #require(response.headers["ETag"])
        let checksum = Adler32.checksum(Array((root.path + "/ten.txt").utf8))
        #expect(etag.hasSuffix("-10-\(checksum)\""))
    }

    @Test func adler32MatchesZlib() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([]) == 1)
    }

    @Test func attachmentWithANonASCIINameGetsFilenameStar() async throws {
        let (app, _) = try tenApp { try sendFile($0, asAttachment: true, downloadName: "héllo wörld.txt") }
        let response = await app.testClient().get("/f")
        #expect(response.headers["Content-Disposition"]
                == "attachment; filename=\"hello world.txt\"; filename*=UTF-8''h%C3%A9llo%20w%C3%B6rld.txt")
    }

    @Test(arguments: [
        ("a.txt", "inline; filename=a.txt"), ("a b.txt", "inline; filename=\"a b.txt\""),
        ("a \"b\".txt", "inline; filename=\"a \\\"b\\\".txt\""),
    ])
    func dispositionQuotesNamesThatAreNotTokens(name: String, expected: String) {
        #expect(ContentDisposition.value(asAttachment: false, filename: name) == expected)
    }

    @Test func explicitMimetypeAndCompressedFilesEncoding() async throws {
        let root = try TemporaryFolder(files: ["data.tar.gz": "x", "notes": "y"])
        let app = Flask(rootPath: root.path)
        app.keepAlive(root)
        app.route("/gz") { _ in try sendFromDirectory(root.path, "data.tar.gz") }
        app.route("/gz-download") { _ in try sendFromDirectory(root.path, "data.tar.gz", asAttachment: true) }
        app.route("/typed") { _ in try sendFile("notes", mimetype: "text/markdown") }
        let client = app.testClient()
        let gz = await client.get("/gz")
        #expect(gz.contentType == "application/x-tar")
        #expect(gz.headers["Content-Encoding"] == "gzip")
        #expect(await client.get("/gz-download").headers["Content-Encoding"] == nil)
        #expect(await client.get("/typed").contentType == "text/markdown; charset=utf-8")
    }

    @Test func missingFileIs404() async throws {
        let (app, _) = try tenApp { _ in try sendFile("/nonexistent/file.txt") }
        #expect(await app.testClient().get("/f").status == .notFound)
    }

    @Test func maxAgeZeroKeepsNoCache() async throws {
        let (app, _) = try tenApp { try sendFile($0, maxAge: 0) }
        #expect(await app.testClient().get("/f").headers["Cache-Control"] == "no-cache, max-age=0")
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("app.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"), ("m.mjs", "text/javascript; charset=utf-8"),
        ("d.json", "application/json"), ("i.svg", "image/svg+xml; charset=utf-8"), ("i.png", "image/png"),
        ("i.JPG", "image/jpeg"), ("i.gif", "image/gif"), ("i.webp", "image/webp"),
        ("favicon.ico", "image/vnd.microsoft.icon"), ("f.woff", "font/woff"), ("f.woff2", "font/woff2"),
        ("r.txt", "text/plain; charset=utf-8"), ("app.js.map", "application/json"), ("m.wasm", "application/wasm"),
        ("feed.xml", "application/xml; charset=utf-8"), ("doc.pdf", "application/pdf"),
        ("Makefile", "application/octet-stream"), (".bashrc", "application/octet-stream"), ("x.unknown", "application/octet-stream"),
    ])
    func mimeTypesOfCommonWebFiles(name: String, contentType: String) {
        let type = MimeTypes.guess(name).type ?? "application/octet-stream"
        #expect(MimeTypes.contentType(for: type) == contentType)
    }

    @Test(arguments: [
        ("a.tar.gz", "application/x-tar", "gzip"), ("a.tgz", "application/x-tar", "gzip"),
        ("a.svg.br", "image/svg+xml", "br"), ("a.gz", nil, "gzip"),
    ] as [(String, String?, String?)])
    func compressionSuffixesGiveAnEncoding(name: String, type: String?, encoding: String?) {
        let guess = MimeTypes.guess(name)
        #expect(guess.type == type)
        #expect(guess.encoding == encoding)
    }

    @Test func rangeHeaderParsing() {
        #expect(ByteRangeRequest("bytes=0-499")?.range(forLength: 1000) == 0..<500)
        #expect(ByteRangeRequest("bytes=500-")?.range(forLength: 1000) == 500..<1000)
        #expect(ByteRangeRequest("bytes=-500")?.range(forLength: 1000) == 500..<1000)
        #expect(ByteRangeRequest("bytes=0-1,5-9")?.ranges.count == 2)
        #expect(ByteRangeRequest("bytes=5-9,0-1") == nil)
        #expect(ByteRangeRequest("bytes=9223372036854775807-9223372036854775807") == nil)
        #expect(ByteRangeRequest("bytes") == nil)
    }
}
