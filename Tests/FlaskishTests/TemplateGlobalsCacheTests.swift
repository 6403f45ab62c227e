import Foundation
import Testing
@testable import Flaskish

/// The template globals kept between renders (`TemplateGlobalsCache`): `config` follows every
/// change of the config, and the per-request globals stay per request.
struct TemplateGlobalsCacheTests {
    func render(_ app: Flask, _ source: String, path: String = "/") throws -> String {
        try AppContext.$current.withValue(AppContext(app: app, request: Request(method: .GET, target: path))) {
            try renderTemplateString(source)
        }
    }

    @Test func configChangesAreSeenByTheNextRender() throws {
        let app = Flask()
        app.config["GREETING"] = "hello"
        #expect(try render(app, "{{ config.GREETING }}") == "hello")
        #expect(try render(app, "{{ config.GREETING }}") == "hello")
        app.config["GREETING"] = "bye"
        #expect(try render(app, "{{ config.GREETING }}") == "bye")
        app.config["GREETING"] = nil
        #expect(try render(app, "{{ config.GREETING is defined }}") == "False")
        app.debug = true
        #expect(try render(app, "{{ config.DEBUG }}") == "True")
    }

    /// A value whose `str()` changes while the config does not: shown as it is at each render.
    final class Counter: CustomStringConvertible, @unchecked Sendable {
        // Only touched by this test's own thread.
        var count = 0
        var description: String { "count \(count)" }
    }

    @Test func anObjectInTheConfigIsWrittenAtEachRender() throws {
        let app = Flask()
        let counter = Counter()
        app.config["COUNTER"] = counter
        #expect(try render(app, "{{ config.COUNTER }}") == "count 0")
        counter.count = 2
        #expect(try render(app, "{{ config.COUNTER }}") == "count 2")
    }

    @Test func requestGlobalsBelongToTheirRequest() throws {
        let app = Flask()
        app.route("/a") { _ in "" }
        #expect(try render(app, "{{ request.path }}", path: "/a") == "/a")
        #expect(try render(app, "{{ request.path }}", path: "/b") == "/b")
        #expect(try render(app, "{{ get_flashed_messages() }}|{{ url_for('a') }}") == "[]|/a")
    }

    @Test func outsideARequestThereIsNoRequest() throws {
        let app = Flask()
        app.route("/a") { _ in "" }
        let source = "{{ request is defined }} {{ session is defined }} {{ config.TESTING }}"
        #expect(try app.jinjaEnv.renderString(source, globals: app.templateContext()) == "False False False")
        #expect(try render(app, source) == "True True False")
    }
}
