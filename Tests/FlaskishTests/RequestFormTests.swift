import FlaskishTestSupport
import Testing
@testable import Flaskish

/// `request.form`, `request.values` and the form limits, in-process and over a live server.
struct RequestFormTests {
    func request(_ body: String, contentType: String?, method: HTTPMethod = .POST, target: String = "/") -> Request {
        var headers: HTTPHeaders = [:]
        if let contentType { headers["Content-Type"] = contentType }
        return Request(method: method, target: target, headers: headers, body: Array(body.utf8))
    }

    @Test func parsesURLEncodedFieldsInOrderWithRepeats() throws {
        let form = try request("a=1&b=x+y&a=2&c=&d=%C3%A9", contentType: "application/x-www-form-urlencoded").form
        #expect(form.getAll("a") == ["1", "2"])
        #expect(form["b"] == "x y")
        #expect(form["c"] == "")
        #expect(form["d"] == "é")
        #expect(form.keys == ["a", "b", "c", "d"])
    }

    @Test func contentTypeParametersAndCaseDoNotMatter() throws {
        let form = try request("a=1", contentType: "Application/X-WWW-Form-Urlencoded; charset=utf-8").form
        #expect(form["a"] == "1")
    }

    @Test(arguments: [nil, "text/plain", "application/json", "application/octet-stream"])
    func otherBodiesGiveAnEmptyForm(contentType: String?) throws {
        let req = request("a=1", contentType: contentType)
        #expect(try req.form.isEmpty)
        #expect(try req.files.isEmpty)
    }

    /// Werkzeug 3.1 reads a urlencoded body whole and applies no per-field limit to it; only
    /// `MAX_CONTENT_LENGTH` (the engine's body limit) bounds it.
    @Test func urlencodedBodyIsNotBoundByTheFormMemoryLimit() throws {
        let limits = FormLimits(maxFormMemorySize: 10)
        let past = request("a=123456789&b=" + String(repeating: "x", count: 100), contentType: "application/x-www-form-urlencoded")
        let form = try past.parseForm(limits: limits).form
        #expect(form["a"] == "123456789")
        #expect(form["b"]?.count == 100)
    }

    /// Flask: past `MAX_CONTENT_LENGTH`, reading the form is a 413 (here where no server
    /// refused the body first, as through the test client).
    @Test func formBodyPastMaxContentLengthIs413() async throws {
        let limits = FormLimits(maxContentLength: 5)
        #expect(try request("a=123", contentType: "application/x-www-form-urlencoded").parseForm(limits: limits).form["a"] == "123")
        #expect(throws: HTTPException.self) {
            try request("a=1234", contentType: "application/x-www-form-urlencoded").parseForm(limits: limits)
        }
        // Bodies that are not forms are not parsed, so not refused.
        #expect(try request("a=1234", contentType: "text/plain").parseForm(limits: limits).form.isEmpty)
        let app = Flask()
        app.config["MAX_CONTENT_LENGTH"] = 10
        app.post("/") { req in "\(try req.form.count)" }
        let client = app.testClient()
        #expect(await client.post("/", form: [("a", "12345678")]).text == "1")
        #expect(await client.post("/", form: [("a", "123456789")]).statusCode == 413)
        #expect(await client.post("/", multipart: MultipartBody(fields: [("a", "1")])).statusCode == 413)
    }

    @Test func multipartFieldsAndFilesAreSeparated() throws {
        var body = MultipartBody(fields: [("title", "Cat"), ("tag", "a"), ("tag", "b")], boundary: "XyZ")
        body.addFile("photo", filename: "cat.png", contentType: "image/png", data: [0, 1, 2, 255])
        body.addFile("photo", filename: "dog.png", data: [7])
        let req = Request(method: .POST, target: "/", headers: ["Content-Type": body.contentType], body: body.encoded())
        let form = try req.form
        #expect(form["title"] == "Cat")
        #expect(form.getAll("tag") == ["a", "b"])
        #expect(!form.contains("photo"))
        let files = try req.files
        #expect(files.getAll("photo").map(\.filename) == ["cat.png", "dog.png"])
        #expect(files["photo"]?.data == [0, 1, 2, 255])
        #expect(files["photo"]?.mimetype == "image/png")
        #expect(files["photo"]?.name == "photo")
        #expect(files.getAll("photo").last?.contentType == "application/octet-stream")
    }

    @Test func multipartWithoutBoundaryIsABadRequest() throws {
        let req = request("--x\r\n\r\n--x--", contentType: "multipart/form-data")
        do {
            _ = try req.form
            Issue.record("expected a 400")
        } catch let error as HTTPException {
            #expect(error.status == .badRequest)
            #expect(error.description.contains("boundary"))
        }
    }

    @Test func malformedMultipartIsABadRequest() throws {
        let req = request("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue without end",
                          contentType: "multipart/form-data; boundary=x")
        do {
            _ = try req.form
            Issue.record("expected a 400")
        } catch let error as HTTPException {
            #expect(error.status == .badRequest)
        }
    }

    @Test func multipartPartCountLimitAtAndPast() throws {
        let body = MultipartBody(fields: [("a", "1"), ("b", "2"), ("c", "3")], boundary: "B")
        let req = Request(method: .POST, target: "/", headers: ["Content-Type": body.contentType], body: body.encoded())
        #expect(try req.parseForm(limits: FormLimits(maxFormParts: 3)).form.count == 3)
        do {
            _ = try req.parseForm(limits: FormLimits(maxFormParts: 2))
            Issue.record("expected a 413")
        } catch {
            #expect(error.status == .contentTooLarge)
        }
    }

    @Test func multipartFieldMemoryLimitAppliesToFieldsNotFiles() throws {
        var body = MultipartBody(fields: [("a", "12345")], boundary: "B")
        body.addFile("f", filename: "big.bin", data: [UInt8](repeating: 1, count: 100))
        let req = Request(method: .POST, target: "/", headers: ["Content-Type": body.contentType], body: body.encoded())
        #expect(try req.parseForm(limits: FormLimits(maxFormMemorySize: 5)).files["f"]?.data.count == 100)
        do {
            _ = try req.parseForm(limits: FormLimits(maxFormMemorySize: 4))
            Issue.record("expected a 413")
        } catch {
            #expect(error.status == .contentTooLarge)
        }
    }

    @Test func valuesCombineArgsAndFormExceptForGET() throws {
        let post = request("b=2&a=3", contentType: "application/x-www-form-urlencoded", target: "/?a=1")
        #expect(try post.values.getAll("a") == ["1", "3"])
        #expect(try post.values["b"] == "2")
        let get = request("b=2", contentType: "application/x-www-form-urlencoded", method: .GET, target: "/?a=1")
        #expect(try get.values["b"] == nil)
        #expect(try get.values["a"] == "1")
    }

    @Test func limitsComeFromTheAppConfigInsideARequest() async throws {
        let app = Flask()
        app.config["MAX_FORM_MEMORY_SIZE"] = 5
        app.config["MAX_FORM_PARTS"] = 1
        app.post("/") { req in "\(try req.form.count)" }
        let client = app.testClient()
        #expect(await client.post("/", multipart: MultipartBody(fields: [("a", "12345")])).text == "1")
        #expect(await client.post("/", multipart: MultipartBody(fields: [("a", "123456")])).statusCode == 413)
        #expect(await client.post("/", form: [("a", "123456")]).text == "1")
        #expect(await client.post("/", multipart: MultipartBody(fields: [("a", "1"), ("b", "2")])).statusCode == 413)
        #expect(FormLimits.current == FormLimits())
    }

    func formApp() -> Flask {
        let app = Flask()
        app.post("/form") { req in
            let form = try req.form
            return form.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
        app.post("/values") { req in try req.values.getAll("a").joined(separator: ",") }
        return app
    }

    @Test func formThroughTheTestClient() async {
        let client = formApp().testClient()
        let response = await client.post("/form", form: [("name", "Ana María"), ("x", "a&b=c")])
        #expect(response.text == "name=Ana María,x=a&b=c")
        #expect(await client.post("/values?a=1", form: [("a", "2")]).text == "1,2")
        let bad = await client.post("/form", body: Array("--x".utf8), headers: ["Content-Type": "multipart/form-data; boundary=x"])
        #expect(bad.statusCode == 400)
    }

    @Test func formOverALiveServer() async throws {
        try await withLiveServer(formApp()) { port in
            let reply = try liveRequest("POST", "/form", port: port,
                                        headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                        body: Array("name=Ana+Mar%C3%ADa&x=1".utf8))
            #expect(reply.status == 200)
            #expect(reply.text == "name=Ana María,x=1")
            let body = MultipartBody(fields: [("a", "one"), ("b", "two")])
            let multipart = try liveRequest("POST", "/form", port: port, headers: [("Content-Type", body.contentType)],
                                            body: body.encoded())
            #expect(multipart.text == "a=one,b=two")
            let tooMany = MultipartBody(fields: (0...1000).map { ("f\($0)", "") })
            let refused = try liveRequest("POST", "/form", port: port, headers: [("Content-Type", tooMany.contentType)],
                                          body: tooMany.encoded())
            #expect(refused.status == 413)
        }
    }

    @Test func requireGivesTheValueOrA400NamingTheKeyInDebug() async {
        let app = Flask()
        app.post("/") { req in try req.form.require("name") }
        let client = app.testClient()
        #expect(await client.post("/", form: [("name", "Ana")]).text == "Ana")
        let missing = await client.post("/", form: [("other", "x")])
        #expect(missing.statusCode == 400)
        #expect(!missing.text.contains("KeyError"))
        let debugApp = Flask()
        debugApp.debug = true
        debugApp.post("/") { req in try req.form.require("name") }
        #expect(await debugApp.testClient().post("/", form: []).text.contains("KeyError: &#39;name&#39;"))
    }
}
