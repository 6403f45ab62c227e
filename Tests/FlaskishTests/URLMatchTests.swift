import Testing
@testable import Flaskish

struct URLMatchTests {
    @Test func accessorsOnlyForMatches() throws {
        let rule = try Rule("/<int:id>", endpoint: "show")
        let matched = URLMatch.matched(rule: rule, arguments: ["id": .int(1)])
        #expect(matched.endpoint == "show")
        #expect(matched.arguments == ["id": .int(1)])
        #expect(URLMatch.notFound.endpoint == nil)
        #expect(URLMatch.redirect(location: "/a/").arguments == nil)
    }

    @Test func duplicateErrorNamesBothRules() throws {
        let error = DuplicateRuleError(existing: try Rule("/a", endpoint: "a"), duplicate: try Rule("/a", endpoint: "b"))
        #expect(error.description
            == "<Rule '/a' (GET, HEAD, OPTIONS) -> b> duplicates <Rule '/a' (GET, HEAD, OPTIONS) -> a>: same URL rule with overlapping methods.")
    }
}
