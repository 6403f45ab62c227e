import Testing
@testable import Flaskish

/// Compiled parts and Werkzeug's `Weighting` order.
struct RulePartTests {
    static func dynamicWeights(_ rule: String) throws -> [RuleWeight] {
        try Rule(rule, endpoint: "x").storage.parts.compactMap {
            if case .dynamic(let part) = $0 { return part.weight }
            return nil
        }
    }

    @Test func moreStaticTextComesFirst() throws {
        let prefixed = try #require(Self.dynamicWeights("/page-<int:n>").first)
        let bare = try #require(Self.dynamicWeights("/<int:n>").first)
        let longerPrefix = try #require(Self.dynamicWeights("/pages-<int:n>").first)
        #expect(prefixed < bare)
        #expect(longerPrefix < prefixed)
    }

    @Test func moreConvertersThenLowerWeightsComeFirst() throws {
        let two = try #require(Self.dynamicWeights("/<a>-<b>").first)
        let one = try #require(Self.dynamicWeights("/<a>-").first)
        // Same static pieces: the part with more converters comes first (Werkzeug: -len(argument_weights)).
        #expect(two < one)
        let int = try #require(Self.dynamicWeights("/<int:a>").first)
        let string = try #require(Self.dynamicWeights("/<a>").first)
        let path = try #require(Self.dynamicWeights("/<path:a>").first)
        #expect(int < string)
        #expect(string < path)
        let twoVars = try #require(Self.dynamicWeights("/<a><b>").first)
        #expect(twoVars < string)
    }

    @Test func partsSplitAtSlashesUntilAPathVariable() throws {
        let parts = try Rule("/a/<x>/<path:p>/edit/", endpoint: "x").storage.parts
        #expect(parts.count == 5)
        #expect(parts[0] == .staticSegment(""))
        #expect(parts[1] == .staticSegment("a"))
        guard case .dynamic(let single) = parts[2], case .dynamic(let final) = parts[3] else {
            Issue.record("expected two dynamic parts")
            return
        }
        #expect(!single.isFinal)
        #expect(final.isFinal && final.isSuffixed)
        #expect(final.pieces.count == 2)
        #expect(final.pieces[1] == .literal("/edit"))
        #expect(parts[4] == .staticSegment(""))
    }

    @Test func sameConverterAndArgumentsAreTheSamePart() throws {
        let a = try Rule("/<int(min=1):x>", endpoint: "a").storage.parts
        let b = try Rule("/<int(min=1):y>", endpoint: "b").storage.parts
        let c = try Rule("/<int(min=2):y>", endpoint: "c").storage.parts
        #expect(a == b)
        #expect(a != c)
    }
}
