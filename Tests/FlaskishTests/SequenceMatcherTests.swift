import Testing
@testable import Flaskish

/// Ratios from Python's `difflib.SequenceMatcher(None, a, b).ratio()`.
struct SequenceMatcherTests {
    static let cases: [(String, String, Double)] = [
        ("admin.users", "admin.user", 0.9523809523809523),
        ("users.here", "admin.user", 0.4),
        ("abcd", "bcde", 0.75),
        ("world", "helloworld", 0.6666666666666666),
        ("", "", 1.0),
        ("a", "", 0.0),
        ("é", "e", 0.0),
        // 200 elements or more: elements in over 1% of `b` are not anchors ("autojunk").
        (String(repeating: "ab", count: 150) + "x", String(repeating: "ba", count: 150), 0.0),
    ]

    @Test(arguments: cases)
    func ratioMatchesDifflib(_ c: (String, String, Double)) {
        #expect(BuildError.SequenceMatcher.ratio(c.0, c.1) == c.2)
    }
}
