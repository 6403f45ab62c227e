import FlaskishTestSupport
import Testing
@testable import Flaskish

/// `request.json`, `getJSON` and `decode`, with Flask 3's statuses and wording.
struct RequestJSONTests {
    func request(_ body: String, contentType: String?) -> Request {
        var headers: HTTPHeaders = [:]
        if let contentType { headers["Content-Type"] = contentType }
        return Request(method: .POST, target: "/", headers: headers, body: Array(body.utf8))
    }

    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("APPLICATION/JSON", true),
        ("application/vnd.api+json", true), ("application/problem+json", true), ("text/json", false),
        ("text/plain", false), ("application/jsonx", false), ("", false),
    ])
    func isJSONFollowsTheMimetype(contentType: String, expected: Bool) {
        #expect(request("{}", contentType: contentType).isJSON == expected)
    }

    @Test func jsonParsesAJSONBody() {
        #expect(request(#"{"a":[1,2.5,"x",null]}"#, contentType: "application/json").json == ["a": [1, 2.5, "x", nil]])
    }

    @Test func jsonIsNilForOtherTypesAndMalformedBodies() {
        #expect(request(#"{"a":1}"#, contentType: "text/plain").json == nil)
        #expect(request(#"{"a":1}"#, contentType: nil).json == nil)
        #expect(request(#"{"a":"#, contentType: "application/json").json == nil)
    }

    @Test func getJSONRefusesOtherContentTypesWith415() {
        do {
            _ = try request("{}", contentType: "text/plain").getJSON()
            Issue.record("expected a 415")
        } catch {
            #expect(error.status == .unsupportedMediaType)
            #expect(error.description == "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.")
        }
    }

    @Test func getJSONForceAndSilent() throws {
        #expect(try request("[1]", contentType: "text/plain").getJSON(force: true) == [1])
        #expect(try request("[1]", contentType: "text/plain").getJSON(silent: true) == nil)
        #expect(try request("[1", contentType: "application/json").getJSON(silent: true) == nil)
    }

    @Test func malformedJSONIsA400WithWerkzeugsDefaultTextOutsideDebug() {
        do {
            _ = try request("", contentType: "application/json").getJSON()
            Issue.record("expected a 400")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.description == HTTPException(.badRequest).description)
        }
    }

    /// Python's json refuses an integer of more than 4300 digits (ValueError), which Flask answers with 400.
    @Test func integersPastPythonsDigitLimitAreA400() throws {
        let longest = String(repeating: "7", count: 4300)
        #expect(try request("[\(longest)]", contentType: "application/json").getJSON() == .array([.bigInt(BigInteger(longest)!)]))
        do {
            _ = try request("[\(longest)7]", contentType: "application/json").getJSON()
            Issue.record("expected a 400")
        } catch {
            #expect(error.status == .badRequest)
        }
    }

    @Test func debugModeNamesTheParseError() async {
        let app = Flask()
        app.debug = true
        app.post("/") { req in try req.getJSON() ?? nil }
        let response = await app.testClient().post("/", body: Array("{\"a\" 1}".utf8), headers: ["Content-Type": "application/json"])
        #expect(response.statusCode == 400)
        #expect(response.text.contains("Failed to decode JSON object: Expecting &#39;:&#39; delimiter: line 1 column 6 (char 5)"))
    }

    struct Order: Decodable, Equatable {
        struct Item: Decodable, Equatable { let name: String; let qty: Int }
        let id: Int
        let items: [Item]
    }

    @Test func decodeBuildsTheType() throws {
        let order = try request(#"{"id":7,"items":[{"name":"tea","qty":2}]}"#, contentType: "application/json").decode(Order.self)
        #expect(order == Order(id: 7, items: [.init(name: "tea", qty: 2)]))
    }

    @Test(arguments: [
        (#"{"id":7,"items":[{"name":"tea","qty":2},{"name":5,"qty":1}]}"#, "Invalid JSON at 'items[1].name'"),
        (#"{"id":7,"items":[{"qty":2}]}"#, "Invalid JSON at 'items[0].name': missing key 'name'"),
        (#"{"items":[]}"#, "Invalid JSON at 'id': missing key 'id'"),
        (#"[1]"#, "Invalid JSON: expected"),
    ])
    func decodeNamesTheCodingPathOfAMismatch(body: String, prefix: String) {
        do {
            _ = try request(body, contentType: "application/json").decode(Order.self)
            Issue.record("expected a 400")
        } catch let error as HTTPException {
            #expect(error.status == .badRequest)
            #expect(error.description.hasPrefix(prefix), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    func jsonApp() -> Flask {
        let app = Flask()
        app.post("/echo") { req in try req.getJSON() ?? nil }
        app.post("/order") { req in "\(try req.decode(Order.self).items.count) items" }
        return app
    }

    @Test func statusesThroughTheTestClient() async {
        let client = jsonApp().testClient()
        let echoed = await client.post("/echo", json: ["b": [true, nil], "a": 1])
        #expect(echoed.json == ["a": 1, "b": [true, nil]])
        #expect(await client.post("/echo", body: Array("{}".utf8), headers: ["Content-Type": "text/plain"]).statusCode == 415)
        #expect(await client.post("/echo", body: Array("{".utf8), headers: ["Content-Type": "application/json"]).statusCode == 400)
        #expect(await client.post("/order", json: ["id": 1, "items": [["name": "a", "qty": 1]]]).text == "1 items")
        let mismatch = await client.post("/order", json: ["id": "1", "items": []])
        #expect(mismatch.statusCode == 400)
        #expect(mismatch.text.contains("Invalid JSON at &#39;id&#39;"))
    }

    @Test func statusesOverALiveServer() async throws {
        try await withLiveServer(jsonApp()) { port in
            let ok = try liveRequest("POST", "/echo", port: port, headers: [("Content-Type", "application/json")],
                                     body: Array(#"{"x":[1,2]}"#.utf8))
            #expect(ok.status == 200)
            #expect(ok.text == "{\"x\":[1,2]}\n")
            let wrongType = try liveRequest("POST", "/echo", port: port, headers: [("Content-Type", "text/plain")],
                                            body: Array("{}".utf8))
            #expect(wrongType.status == 415)
            #expect(wrongType.text.contains("Did not attempt to load JSON data"))
            let malformed = try liveRequest("POST", "/order", port: port, headers: [("Content-Type", "application/json")],
                                            body: Array("{".utf8))
            #expect(malformed.status == 400)
        }
    }
}
