import Foundation
import Testing
@testable import Flaskish

/// `renderTemplate` inside an app: the templates folder, Flask's globals, autoescaping.
struct RenderTemplateTests {
    /// An app whose root holds `templates/` with the given files.
    func app(with templates: [String: String]) throws -> Flask {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flaskish-templates-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, source) in templates {
            try source.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return Flask("templates", rootPath: root.path)
    }

    @Test func rendersWithContextRequestGConfigAndURLFor() async throws {
        let app = try app(with: [
            "base.html": "<title>{% block title %}{% endblock %}</title>{% block body %}{% endblock %}",
            "page.html": """
            {% extends "base.html" %}{% block title %}Hi {{ name }}{% endblock %}\
            {% block body %}{{ request.method }} {{ request.path }} {{ request.args.q }} {{ g.user }} \
            {{ config.JSON_SORT_KEYS }} {{ url_for('user_id', id=7) }} {{ url_for('index', _external=True) }}{% endblock %}
            """,
        ])
        app.route("/") { _ in "root" }
        app.route("/user/<int:id>") { _ in "user" }
        app.route("/page") { _ in
            g["user"] = "ana"
            return try renderTemplate("page.html", ["name": "<Ana>"])
        }
        let response = await app.testClient().get("/page?q=1")
        #expect(response.status == .ok)
        #expect(response.text == "<title>Hi &lt;Ana&gt;</title>GET /page 1 ana True /user/7 http://localhost/")
        #expect(response.contentType == "text/html; charset=utf-8")
    }

    @Test func stringTemplatesAreAutoescaped() async throws {
        let app = Flask()
        app.route("/") { _ in try renderTemplateString("{{ x }}|{{ x|safe }}", ["x": "<b>"]) }
        #expect(await app.testClient().get("/").text == "&lt;b&gt;|<b>")
    }

    @Test func aMissingTemplateIsA500() async throws {
        let app = try app(with: [:])
        app.route("/") { _ in try renderTemplate("nope.html") }
        #expect(await app.testClient().get("/").status == .internalServerError)
    }
}
