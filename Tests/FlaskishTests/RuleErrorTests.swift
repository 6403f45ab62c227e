import Testing
@testable import Flaskish

struct RuleErrorTests {
    @Test func badArgumentsMessageNamesConverterAndPlace() {
        let error = RuleError(.badArguments(converter: "int", message: "min must be a whole number, not a"),
                              rule: "/<int(min=a):n>", column: 2)
        #expect(error.description
            == "bad arguments for converter 'int': min must be a whole number, not a (rule '/<int(min=a):n>', column 2)")
    }
}
