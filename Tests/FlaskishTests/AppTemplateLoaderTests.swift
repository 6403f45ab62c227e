import Foundation
import Testing
@testable import Flaskish

/// `EXPLAIN_TEMPLATE_LOADING`: every template lookup is logged with the folders tried.
struct AppTemplateLoaderTests {
    func app(explain: Bool) throws -> (Flask, TemporaryFolder, ConfigLoggerTests.Lines) {
        let root = try TemporaryFolder(files: [
            "templates/page.html": "app page", "shop/templates/page.html": "shop page", "shop/templates/only.html": "shop only",
        ])
        let app = Flask("demo", rootPath: root.path)
        app.keepAlive(root)
        app.config["EXPLAIN_TEMPLATE_LOADING"] = explain
        let shop = Blueprint("shop", urlPrefix: "/shop", templateFolder: "templates", rootPath: root.path + "/shop")
        shop.route("/<name>") { req in try renderTemplate(req.viewArgs["name"] ?? "") }
        app.registerBlueprint(shop)
        let lines = ConfigLoggerTests.Lines()
        app.logger.addHandler { level, message in lines.append("\(level): \(message)") }
        return (app, root, lines)
    }

    @Test func offByDefaultNothingIsLogged() async throws {
        let (app, _, lines) = try app(explain: false)
        #expect(await app.testClient().get("/shop/page.html").text == "app page")
        #expect(lines.withLock { $0.isEmpty })
    }

    @Test func aFoundTemplateListsEveryFolderTried() async throws {
        let (app, root, lines) = try app(explain: true)
        #expect(await app.testClient().get("/shop/only.html").text == "shop only")
        let report = try #require(lines.withLock { $0.first })
        #expect(report == """
            info: Locating template 'only.html':
            1: application 'demo', folder \(root.path)/templates
               -> no match
            2: blueprint 'shop', folder \(root.path)/shop/templates
               -> found (\(root.path)/shop/templates/only.html)
            """)
    }

    @Test func twoMatchesAreAWarningAndTheFirstWins() async throws {
        let (app, _, lines) = try app(explain: true)
        #expect(await app.testClient().get("/shop/page.html").text == "app page")
        let report = try #require(lines.withLock { $0.first })
        #expect(report.contains("Warning: more than one folder has the template; the first one is used."))
        #expect(report.contains("an endpoint of the blueprint 'shop'"))
    }

    @Test func aMissingTemplateIsExplainedAndStillA500() async throws {
        let (app, _, lines) = try app(explain: true)
        #expect(await app.testClient().get("/shop/nope.html").status == .internalServerError)
        let reports = lines.withLock { $0 }
        #expect(reports.contains { $0.hasPrefix("info: Locating template 'nope.html':") && $0.contains("Error: the template could not be found.") })
        // The 500 itself is logged with the search path.
        #expect(reports.contains { $0.hasPrefix("error:") && $0.contains("TemplateNotFound: 'nope.html'") })
    }
}
