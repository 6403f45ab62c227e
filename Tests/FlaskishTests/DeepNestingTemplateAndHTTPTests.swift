import FlaskishTestSupport
import Testing
@testable import Flaskish

/// Issue #11: 100 000 levels of nesting sent at the request-body JSON parser and at the template
/// lexer/parser end in a clear error (400, `TemplateSyntaxError` with name and line), never a
/// stack overflow: the parsers stop at their limits, and what they allow fits a quarter of
/// the server threads' stack (`ThreadStack.size`). scripts/deep-nesting runs these in debug and
/// release.
struct DeepNestingTemplateAndHTTPTests {
    static let hostile = 100_000
    static let quarterStack = ThreadStack.size / 4

    @Test("a 100 000-deep JSON body gets 400 and the server keeps serving")
    func hostileJSONBody() async throws {
        let app = Flask("deep-json")
        app.route("/echo", methods: ["POST"]) { req in
            let value = try req.getJSON()
            return "depth ok \(value?.arrayValue?.count ?? -1)"
        }
        try await withLiveServer(app) { port in
            let body = String(repeating: "[", count: Self.hostile) + String(repeating: "]", count: Self.hostile)
            let client = try RawHTTPClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            #expect(try client.readResponse().status == 400)

            let limit = JSONLimits.defaultMaxDepth
            let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(deepest.utf8.count)\r\n\r\n\(deepest)")
            let reply = try client.readResponse()
            #expect(reply.status == 200)
            #expect(reply.text == "depth ok 1")
        }
    }

    /// Hostile template sources, each nesting one construct 100 000 times on line 3.
    static let hostileTemplates: [(String, String)] = {
        let n = hostile
        func wrap(_ open: String, _ inner: String, _ close: String) -> String {
            String(repeating: open, count: n) + inner + String(repeating: close, count: n)
        }
        return [
            ("parentheses", "{{ " + wrap("(", "1", ")") + " }}"),
            ("lists", "{{ " + wrap("[", "1", "]") + " }}"),
            ("dicts", "{{ " + wrap("{'a': ", "1", "}") + " }}"),
            ("calls", "{{ " + wrap("f(", "1", ")") + " }}"),
            ("subscripts", "{{ x" + String(repeating: "[x", count: n) + String(repeating: "]", count: n) + " }}"),
            ("not", "{{ " + String(repeating: "not ", count: n) + "x }}"),
            ("unary minus", "{{ " + String(repeating: "-", count: n) + "x }}"),
            ("ifs", wrap("{% if x %}", "y", "{% endif %}")),
            ("fors", wrap("{% for x in y %}", "z", "{% endfor %}")),
            ("blocks", wrap("{% block b %}", "z", "{% endblock %}")),
            ("unclosed ifs", String(repeating: "{% if x %}", count: n)),
        ]
    }()

    @Test("100 000-deep template sources raise TemplateSyntaxError with name and line", arguments: hostileTemplates.map(\.0))
    func hostileTemplate(construct: String) async throws {
        let source = "line 1\nline 2\n" + Self.hostileTemplates.first { $0.0 == construct }!.1
        let outcome = try await onThread(stackSize: Self.quarterStack) { () -> String in
            let environment = TemplateEnvironment(loader: DictionaryLoader(["deep.html": source]))
            do {
                _ = try environment.getTemplate("deep.html")
                return "compiled"
            } catch let error as TemplateSyntaxError {
                return "\(error.templateName ?? "nil"):\(error.line)"
            } catch {
                return "\(type(of: error)): \(error)"
            }
        }
        #expect(outcome == "deep.html:3")
    }

    @Test("a template nested to the limit compiles and renders on a quarter of a server thread's stack")
    func templateAtTheLimit() async throws {
        let depth = TemplateLimits().maxNestingDepth
        let rendered = try await onThread(stackSize: Self.quarterStack) { () throws -> String in
            let environment = TemplateEnvironment()
            let ifs = String(repeating: "{% if x %}", count: depth - 1) + "{{ x }}" + String(repeating: "{% endif %}", count: depth - 1)
            let parens = "{{ " + String(repeating: "(", count: depth - 2) + "x" + String(repeating: ")", count: depth - 2) + " }}"
            return try environment.renderString(ifs + "|" + parens, context: ["x": 7])
        }
        #expect(rendered == "7|7")
    }
}
