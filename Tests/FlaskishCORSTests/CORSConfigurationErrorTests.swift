import Testing
import FlaskishCORS

struct CORSConfigurationErrorTests {
    @Test func descriptionNamesTheOptionAndTheProblem() {
        let error = CORSConfigurationError(.unknownMethod, option: "methods", message: "'GTE' is not an HTTP method.")
        #expect(error.description == "Invalid CORS option 'methods': 'GTE' is not an HTTP method.")
        #expect(error.kind == .unknownMethod)
    }
}
