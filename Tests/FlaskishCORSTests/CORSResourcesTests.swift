import Flaskish
import Testing
@testable import FlaskishCORS

/// Resource ordering, checked against flask-cors 6's `parse_resources` on the same input.
struct CORSResourcesTests {
    static let orderings: [([String], [String])] = [
        (["/.*", "/exact", "/api/items/.*", "/api/.*"], ["/exact", "/api/items/.*", "/api/.*", "/.*"]),
        (["/api/*", "/api/v1/*", "/a/b/c", "/a", "*"], ["/a/b/c", "/a", "/api/v1/*", "/api/*", ".*"]),
        (["/x", "/y", "/xy"], ["/xy", "/x", "/y"]),
        (["/(a|b)/.*", "/a/b/", "^/z$"], ["/a/b/", "/(a|b)/.*", "^/z$"]),
    ]

    @Test(arguments: orderings)
    func mappingIsTriedInFlaskCORSOrder(_ given: [String], _ expected: [String]) {
        let resources = CORSResources(given.map { ($0, CORSOptions()) })
        #expect(resources.ordered.map(\.pattern) == expected)
    }

    @Test func dictionaryLiteralKeepsSourceOrderForTies() {
        let resources: CORSResources = ["/b": CORSOptions(), "/a": CORSOptions()]
        #expect(resources.ordered.map(\.pattern) == ["/b", "/a"])
    }

    @Test func dictionaryTiesAreOrderedByPattern() {
        let resources = CORSResources(["/b": CORSOptions(), "/a": CORSOptions(), "/c": CORSOptions()])
        #expect(resources.ordered.map(\.pattern) == ["/a", "/b", "/c"])
    }

    @Test func listsKeepTheirOrderAndStarBecomesDotStar() {
        let resources: CORSResources = ["*", "/a"]
        #expect(resources.ordered.map(\.pattern) == [".*", "/a"])
        #expect(CORSResources("*").ordered.map(\.pattern) == [".*"])
        #expect(CORSResources.everything.ordered.map(\.pattern) == ["/*"])
    }

    @Test func resourceOptionsTravelWithTheirPattern() {
        let resources: CORSResources = ["/.*": CORSOptions(maxAge: 1), "/exact": CORSOptions(maxAge: 2)]
        #expect(resources.ordered.map(\.options.maxAge) == [2, 1])
    }

    @Test func configValueForms() throws {
        let config = Flaskish.Config()
        #expect(try CORSResources(config: config) == nil)
        config["CORS_RESOURCES"] = "/api/.*"
        #expect(try CORSResources(config: config)?.ordered.map(\.pattern) == ["/api/.*"])
        config["CORS_RESOURCES"] = ["/a", "/b"]
        #expect(try CORSResources(config: config)?.ordered.map(\.pattern) == ["/a", "/b"])
        config["CORS_RESOURCES"] = ["/.*": CORSOptions(), "/x": CORSOptions()]
        #expect(try CORSResources(config: config)?.ordered.map(\.pattern) == ["/x", "/.*"])
        config["CORS_RESOURCES"] = CORSResources("/z")
        #expect(try CORSResources(config: config)?.ordered.map(\.pattern) == ["/z"])
        config["CORS_RESOURCES"] = 7
        #expect(throws: CORSConfigurationError.self) { try CORSResources(config: config) }
    }
}
