import Flaskish
import Testing
@testable import FlaskishCORS

struct CORSMethodsTests {
    @Test func defaultIsFlaskCORSsAllMethodsSorted() {
        #expect(CORSMethods.all.headerValue == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
    }

    @Test func listIsSortedThenUpperCased() {
        // sorted(["get", "POST"]) is ["POST", "get"] in Python: upper-case sorts first.
        let methods: CORSMethods = ["get", "POST"]
        #expect(methods.headerValue == "POST, GET")
        #expect(CORSMethods([.PUT, .GET]).headerValue == "GET, PUT")
    }

    @Test func stringIsUpperCasedAndKeptAsWritten() {
        #expect(CORSMethods("put,get").headerValue == "PUT,GET")
    }

    @Test(arguments: ["GET", "get", "PATCH", "TRACE", "CONNECT", "options"])
    func knownNamesPass(_ name: String) throws {
        try CORSMethods([HTTPMethod(rawValue: name)]).validate(option: "methods")
        try CORSMethods(name).validate(option: "methods")
    }

    @Test(arguments: ["GTE", "PURGE", "", "GET POST", "PROPFIND"])
    func unknownNamesThrow(_ name: String) {
        #expect(throws: CORSConfigurationError.self) { try CORSMethods([HTTPMethod(rawValue: name)]).validate(option: "methods") }
    }

    @Test func everyItemOfAStringIsChecked() {
        #expect(throws: CORSConfigurationError.self) { try CORSMethods("GET, FETCH").validate(option: "methods") }
        #expect(throws: CORSConfigurationError.self) { try CORSMethods("GET,").validate(option: "methods") }
        #expect(throws: Never.self) { try CORSMethods(" get , post ").validate(option: "methods") }
    }

    @Test func errorNamesTheMethod() {
        #expect {
            try CORSMethods(["GTE"]).validate(option: "methods")
        } throws: { error in
            (error as? CORSConfigurationError).map { $0.kind == .unknownMethod && $0.message.contains("'GTE'") } ?? false
        }
    }
}
