import FlaskishTestSupport
import Foundation
import Testing
@testable import Flaskish

/// The app's `static` route and Werkzeug's `safe_join` rules.
struct StaticFilesTests {
    func appWithStatic(_ files: [String: String]) throws -> (Flask, TemporaryFolder) {
        var tree: [String: String] = [:]
        for (name, text) in files { tree["static/" + name] = text }
        let root = try TemporaryFolder(files: tree)
        let app = Flask("static", rootPath: root.path)
        app.keepAlive(root)
        return (app, root)
    }

    @Test func appWithAStaticFolderServesItAtSlashStatic() async throws {
        let (app, _) = try appWithStatic(["css/app.css": "body{color:red}\n"])
        let response = await app.testClient().get("/static/css/app.css")
        #expect(response.status == .ok)
        #expect(response.contentType == "text/css; charset=utf-8")
        #expect(response.headers["Content-Disposition"] == "inline; filename=app.css")
        #expect(response.headers["Cache-Control"] == "no-cache")
        #expect(response.headers["Accept-Ranges"] == "bytes")
        #expect(response.headers["ETag"]?.hasPrefix("\"") == true)
        #expect(response.headers["Last-Modified"]?.hasSuffix(" GMT") == true)
        #expect(try response.bodyBytes() == Array("body{color:red}\n".utf8))
        #expect(app.urlMap.rules(for: "static").first?.rule == "/static/<path:filename>")
    }

    @Test func appWithoutAStaticFolderHasNoStaticRoute() async throws {
        let root = try TemporaryFolder(files: ["templates/a.html": "x"])
        let app = Flask(rootPath: root.path)
        #expect(app.urlMap.rules(for: "static").isEmpty)
        #expect(Flask().urlMap.rules(for: "static").isEmpty)
        // A relative folder without a root is not looked for in the working directory.
        #expect(Flask(staticFolder: "Sources").urlMap.rules(for: "static").isEmpty)
        #expect(Flask(staticFolder: root.path + "/templates").urlMap.rules(for: "static").first?.rule == "/templates/<path:filename>")
    }

    @Test func staticURLPathAndFolderCanBeChosen() async throws {
        let root = try TemporaryFolder(files: ["assets/a.js": "let a = 1\n"])
        let app = Flask(rootPath: root.path, staticFolder: "assets", staticURLPath: "/files/")
        app.keepAlive(root)
        let response = await app.testClient().get("/files/a.js")
        #expect(response.contentType == "text/javascript; charset=utf-8")
        #expect(app.staticURLPath == "/files")
        #expect(app.staticFolder == root.path + "/assets")
    }

    @Test(arguments: [
        "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/css/..%2f..%2fsecret.txt",
        "/static/css/../../secret.txt",
        "/static/a%00b", "/static/css", "/static/missing.css", "/static/link-out/secret.txt",
        "/static/file-link-out",
    ])
    func pathsThatLeaveTheFolderOrNameNoFileAre404(path: String) async throws {
        let (app, root) = try appWithStatic(["css/app.css": "x"])
        try "top secret".write(toFile: root.path + "/secret.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/static/link-out", withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/static/file-link-out",
                                                   withDestinationPath: root.path + "/secret.txt")
        let response = await app.testClient().get(path)
        #expect(response.status == .notFound)
    }

    @Test(arguments: ["/static/%2fetc/passwd", "/static//etc/passwd"])
    func doubledSlashesRedirectInsideTheFolderAndThen404(path: String) async throws {
        let (app, _) = try appWithStatic(["css/app.css": "x"])
        let client = app.testClient()
        let response = await client.get(path)
        #expect(response.status == .permanentRedirect)
        #expect(response.location == "http://localhost/static/etc/passwd")
        #expect(await client.get("/static/etc/passwd").status == .notFound)
    }

    @Test func symbolicLinksInsideTheFolderAreFollowed() async throws {
        let (app, root) = try appWithStatic(["real/a.txt": "A"])
        try FileManager.default.createSymbolicLink(atPath: root.path + "/static/alias", withDestinationPath: root.path + "/static/real")
        let response = await app.testClient().get("/static/alias/a.txt")
        #expect(try response.bodyBytes() == Array("A".utf8))
    }

    @Test(arguments: [
        ("a/b", "a/b"), ("a/./b", "a/b"), ("a//b/", "a/b"), ("a/../b", "b"), ("../a", "../a"),
        ("a/../..", ".."), ("/a", "/a"), ("//a", "//a"), ("///a", "/a"), (".", "."), ("a/..", "."),
    ])
    func normalizePathIsPosixpathNormpath(path: String, expected: String) {
        #expect(StaticFiles.normalizePath(path) == expected)
    }

    @Test(arguments: [
        ("css/app.css", "/srv/static/css/app.css"), ("a/../b.txt", "/srv/static/b.txt"), ("", "/srv/static"),
    ])
    func safeJoinKeepsPathsInside(path: String, expected: String) {
        #expect(StaticFiles.safeJoin("/srv/static", path) == expected)
    }

    @Test(arguments: ["../x", "..", "/etc/passwd", "a/../../x", "a\u{0}b"])
    func safeJoinRefusesPathsOutside(path: String) {
        #expect(StaticFiles.safeJoin("/srv/static", path) == nil)
    }

    @Test func staticFilesUseTheConfiguredMaxAge() async throws {
        let (app, _) = try appWithStatic(["a.txt": "A"])
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
        let response = await app.testClient().get("/static/a.txt")
        #expect(response.headers["Cache-Control"] == "public, max-age=3600")
        #expect(response.headers["Expires"]?.hasSuffix(" GMT") == true)
    }

    @Test func postToAStaticFileIs405WithAllow() async throws {
        let (app, _) = try appWithStatic(["a.txt": "A"])
        let response = await app.testClient().post("/static/a.txt")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func largeFilesAreStreamedFromDiskNotLoaded() async throws {
        let (app, root) = try appWithStatic(["placeholder.txt": ""])
        let big = [UInt8](repeating: 0x61, count: 3 * 1024 * 1024)
        try Data(big).write(to: URL(fileURLWithPath: root.path + "/static/big.bin"))
        // The app's own response: the test client reads file bodies whole, as Flask's does.
        let response = await app.handle(Request(method: .GET, target: "/static/big.bin", headers: ["Host": "localhost"], body: []))
        guard case .file(let path, let offset, let length) = response.body else {
            Issue.record("expected a file body, got \(response.body)")
            return
        }
        #expect(path == root.path + "/static/big.bin")
        #expect(offset == 0)
        #expect(length == big.count)
        #expect(response.contentType == "application/octet-stream")
    }

    @Test func liveServerSendsFilesRangesAndHead() async throws {
        let (app, _) = try appWithStatic(["ten.txt": "0123456789"])
        try await withLiveServer(app) { port in
            let whole = try RawHTTPClient.get("/static/ten.txt", port: port)
            #expect(whole.status == 200)
            #expect(whole.text == "0123456789")
            #expect(whole.header("Content-Length") == "10")
            let part = try RawHTTPClient.get("/static/ten.txt", port: port, headers: "Range: bytes=2-4\r\n")
            #expect(part.status == 206)
            #expect(part.text == "234")
            #expect(part.header("Content-Range") == "bytes 2-4/10")
            #expect(part.header("Content-Length") == "3")
            let client = try RawHTTPClient(port: port)
            client.send("HEAD /static/ten.txt HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "10")
            let etag = try #require(whole.header("ETag"))
            let cached = try RawHTTPClient.get("/static/ten.txt", port: port, headers: "If-None-Match: \(etag)\r\n")
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
            #expect(cached.header("Content-Length") == nil)
            #expect(cached.header("Content-Type") == nil)
            #expect(cached.header("ETag") == etag)
        }
    }
}

/// A fresh folder with files in it, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let path: String

    init(files: [String: String]) throws {
        path = NSTemporaryDirectory() + "flaskish-" + UUID().uuidString
        for (name, text) in files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension Flask {
    /// Ties `folder`'s lifetime to the app's: a test that only keeps the app keeps the files.
    func keepAlive(_ folder: TemporaryFolder) { extensions["test-folder-" + folder.path] = folder }
}

extension Response {
    /// The body's bytes, reading a file body's region from disk as a client would receive it.
    func bodyBytes() throws -> [UInt8] {
        switch body {
        case .bytes(let bytes): return bytes
        case .file(let path, let offset, let length):
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return Array(data[offset..<(offset + length)])
        case .stream: return []
        }
    }
}
