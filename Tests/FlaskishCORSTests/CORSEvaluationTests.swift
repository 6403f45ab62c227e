import Flaskish
import Testing
@testable import FlaskishCORS

struct CORSEvaluationTests {
    @Test func marksStartUnsetAndStaySet() {
        let mark = CORSEvaluation()
        #expect(!mark.isEvaluated)
        #expect(!mark.hookHasRun)
        mark.markEvaluated()
        mark.markHookRan()
        #expect(mark.isEvaluated)
        #expect(mark.hookHasRun)
    }

    @Test func markIsBoundPerTask() async {
        #expect(CORSEvaluation.current == nil)
        let mark = CORSEvaluation()
        await CORSEvaluation.$current.withValue(mark) {
            await Task { CORSEvaluation.current?.markEvaluated() }.value
        }
        #expect(mark.isEvaluated)
        #expect(CORSEvaluation.current == nil)
    }

    @Test func outsideARequestOnlyTheBoundMarkCounts() async {
        #expect(!CORSEvaluation.isEvaluatedInContext)
        let mark = CORSEvaluation()
        mark.markEvaluated()
        CORSEvaluation.$current.withValue(mark) {
            #expect(CORSEvaluation.isEvaluatedInContext)
        }
    }

    @Test func crossOriginMarksGInsideARequest() async throws {
        let app = Flask()
        app.route("/x", methods: ["GET", "OPTIONS"], try crossOrigin { _ in "x" })
        app.afterRequest { response in
            var response = response
            response.headers["X-Marked"] = String(g.contains(CORSEvaluation.gKey))
            return response
        }
        #expect(await app.testClient().get("/x").headers["X-Marked"] == "true")
    }
}
