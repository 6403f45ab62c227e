import Testing
import Flaskish

struct ChatDemoBuildTests {
    @Test func statusPhrasesMatchWerkzeug() {
        #expect(HTTPStatus(404).description == "404 NOT FOUND")
    }
}
