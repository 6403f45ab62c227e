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
}
