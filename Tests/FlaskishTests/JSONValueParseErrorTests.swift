import Testing
@testable import Flaskish

struct JSONValueParseErrorTests {
    @Test func descriptionFollowsPythonsFormat() {
        let error = JSONParseError(reason: .expectingColon, offset: 7, line: 2, column: 3)
        #expect(error.message == "Expecting ':' delimiter")
        #expect(error.description == "Expecting ':' delimiter: line 2 column 3 (char 7)")
    }

    @Test func tooDeepNamesTheLimit() {
        let error = JSONParseError(reason: .tooDeep(limit: 4), offset: 4, line: 1, column: 5)
        #expect(error.description == "Nesting deeper than 4 levels: line 1 column 5 (char 4)")
    }

    @Test func lineAndColumnCountFromTheLastNewline() throws {
        let bytes = Array("[\n\n  x".utf8)
        let error = bytes.withUnsafeBytes { JSONParseError(.expectingValue, at: 5, in: $0) }
        #expect(error.line == 3)
        #expect(error.column == 3)
    }
}
