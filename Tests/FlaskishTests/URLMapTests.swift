import Testing
@testable import Flaskish

/// Adding rules: order kept, build order per endpoint, shared matcher states.
struct URLMapTests {
    @Test func rulesKeepTheirOrderAndEndpointsSortForBuilding() throws {
        var map = URLMap()
        try map.add("/users/page/<int:page>", endpoint: "users")
        try map.add("/users/", endpoint: "users", defaults: ["page": "1"])
        try map.add("/users/<int:page>/<sort>", endpoint: "users")
        #expect(map.rules.map(\.rule) == ["/users/page/<int:page>", "/users/", "/users/<int:page>/<sort>"])
        // More arguments first, then more defaults, then the order added (Werkzeug's build_compare_key).
        #expect(map.rules(for: "users").map(\.rule) == ["/users/<int:page>/<sort>", "/users/", "/users/page/<int:page>"])
        #expect(map.rules(for: "nobody").isEmpty)
    }

    @Test func equalPartsShareMatcherStates() throws {
        var map = URLMap()
        try map.add("/a/<int:x>/b", endpoint: "b")
        let nodesBefore = map.nodes.count
        try map.add("/a/<int:y>/c", endpoint: "c")
        #expect(map.nodes.count == nodesBefore + 1)
    }

    @Test func refusedDuplicateLeavesTheMapAsItWas() throws {
        var map = URLMap()
        try map.add("/a", endpoint: "a")
        let nodes = map.nodes.count
        #expect(throws: DuplicateRuleError.self) { try map.add("/a", endpoint: "b") }
        #expect(map.rules.count == 1)
        #expect(map.nodes.count == nodes)
    }

    @Test func segmentKeysCompareBytesNotCanonicalEquivalence() {
        // Python compares code points: a decomposed "é" is not the precomposed one.
        #expect(SegmentKey("\u{E9}") != SegmentKey("e\u{301}"))
        #expect(SegmentKey("abc") == SegmentKey("xabc".dropFirst()))
        #expect(SegmentKey("abc").hashValue == SegmentKey("xabc".dropFirst()).hashValue)
    }

    @Test func staticSegmentsMatchByCodePoints() throws {
        var map = URLMap()
        try map.add("/caf\u{E9}", endpoint: "precomposed")
        #expect(map.match(path: "/caf\u{E9}", method: .GET).endpoint == "precomposed")
        #expect(map.match(path: "/cafe\u{301}", method: .GET).endpoint == nil)
    }
}
