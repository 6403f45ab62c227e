import FlaskishTestSupport
import Testing
@testable import Flaskish

/// `flash` and `getFlashedMessages`, stored in the session under `_flashes` as Flask does.
struct FlashTests {
    func flashApp() -> Flask {
        let app = Flask()
        app.config["SECRET_KEY"] = "flash secret"
        app.route("/add") { req in
            for (category, message) in req.args { flash(message, category: category) }
            return "added"
        }
        app.route("/plain") { _ in flash("hello"); return "ok" }
        app.route("/show") { req in
            let filter = req.args.getAll("only")
            let first = getFlashedMessagesWithCategories(categoryFilter: filter).map { "\($0.category):\($0.message)" }
            // The same list for the rest of the request, even after the session lost it.
            let again = getFlashedMessages()
            return first.joined(separator: ",") + "|" + again.joined(separator: ",")
        }
        app.route("/raw") { _ in session["_flashes"]?.serializedString(options: .jsonify) ?? "none" }
        return app
    }

    @Test func flashesAreShownOnceOnTheNextRequest() async {
        let client = flashApp().testClient()
        _ = await client.get("/add?error=Bad&info=Saved")
        #expect(await client.get("/show").text == "error:Bad,info:Saved|Bad,Saved")
        #expect(await client.get("/show").text == "|")
    }

    @Test func categoryFilterSelects() async {
        let client = flashApp().testClient()
        _ = await client.get("/add?error=Bad&info=Saved&error=Worse")
        #expect(await client.get("/show?only=error").text == "error:Bad,error:Worse|Bad,Saved,Worse")
    }

    @Test func storedAsCategoryMessagePairsUnderFlashes() async {
        let client = flashApp().testClient()
        _ = await client.get("/plain")
        _ = await client.get("/add?info=x")
        #expect(await client.get("/raw").text == #"[["message","hello"],["info","x"]]"# + "\n")
    }

    @Test func takingTheLastFlashesDeletesTheCookie() async {
        let client = flashApp().testClient()
        _ = await client.get("/plain")
        let shown = await client.get("/show")
        #expect(shown.headers["Set-Cookie"]?.hasPrefix("session=; Expires=Thu, 01 Jan 1970") == true)
    }

    @Test func noFlashesGiveAnEmptyListAndNoCookie() async {
        let response = await flashApp().testClient().get("/show")
        #expect(response.text == "|")
        #expect(response.headers["Set-Cookie"] == nil)
    }

    @Test func flashOverALiveServer() async throws {
        try await withLiveServer(flashApp()) { port in
            let added = try liveRequest("GET", "/add?warning=Careful", port: port)
            let pair = String(try #require(added.header("Set-Cookie")).split(separator: ";")[0])
            let shown = try liveRequest("GET", "/show", port: port, headers: [("Cookie", pair)])
            #expect(shown.text == "warning:Careful|Careful")
        }
    }
}
