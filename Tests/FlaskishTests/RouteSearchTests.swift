import Testing
@testable import Flaskish

/// The walk itself: trial order and clean-up of values between trials.
struct RouteSearchTests {
    @Test func valuesOfAFailedBranchAreDropped() throws {
        var map = URLMap()
        // `<a>` matches "x" first but leads nowhere for "/x/y"; the int branch must not leave "x" behind.
        try map.add("/<a>/z", endpoint: "az")
        try map.add("/<b>/<int:n>", endpoint: "bn")
        try map.add("/<c>/<d>", endpoint: "cd")
        #expect(map.match(path: "/x/y", method: .GET).arguments == ["c": .string("x"), "d": .string("y")])
        #expect(map.match(path: "/x/3", method: .GET).arguments == ["b": .string("x"), "n": .int(3)])
    }

    @Test func slashRedirectWinsAsSoonAsFoundLikeWerkzeug() throws {
        // Werkzeug raises as soon as a branch rule takes the method, even if a later
        // transition would match exactly.
        var map = URLMap()
        try map.add("/<int:x>/", endpoint: "branch")
        try map.add("/<x>", endpoint: "leaf")
        #expect(URLMapMatchTests.describe(map.match(path: "/5", method: .GET)) == "308 /5/")
        #expect(URLMapMatchTests.describe(map.match(path: "/q", method: .GET)) == "leaf x=string:q")
    }

    @Test func searchCountsConverterCalls() throws {
        var map = URLMap()
        try map.add("/<int:n>", endpoint: "n")
        map.maxConverterCalls = 0
        var search = RouteSearch(nodes: map.nodes, rules: map.rules, path: "/1", method: .GET, budget: map.maxConverterCalls)
        guard case .none = search.run() else {
            Issue.record("matched without converter calls")
            return
        }
        #expect(search.exhausted)
    }
}
