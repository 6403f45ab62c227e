import Testing
@testable import Flaskish

/// Programming errors Flask raises for at set-up time stop the program here (exit tests).
struct BlueprintMisuseTests {
    @Test func dotInBlueprintNameStops() async {
        await #expect(processExitsWith: .failure) { _ = Blueprint("a.b") }
    }

    @Test func dotInBlueprintEndpointStops() async {
        await #expect(processExitsWith: .failure) {
            Blueprint("bp").route("/", endpoint: "a.b") { _ in "x" }
        }
    }

    @Test func twoBlueprintsUnderOneNameStop() async {
        await #expect(processExitsWith: .failure) {
            let app = Flask()
            app.registerBlueprint(Blueprint("same"))
            app.registerBlueprint(Blueprint("same"))
        }
    }

    @Test func setUpAfterRegistrationStops() async {
        await #expect(processExitsWith: .failure) {
            let bp = Blueprint("late")
            Flask().registerBlueprint(bp)
            bp.route("/late") { _ in "too late" }
        }
    }

    @Test func sameBlueprintUnderAnotherNameIsFine() async {
        let bp = Blueprint("twice")
        bp.route("/") { req in req.endpoint ?? "-" }
        let app = Flask()
        app.registerBlueprint(bp, urlPrefix: "/one")
        app.registerBlueprint(bp, urlPrefix: "/two", name: "again")
        #expect(await app.testClient().get("/two/").text == "again.index")
    }
}
