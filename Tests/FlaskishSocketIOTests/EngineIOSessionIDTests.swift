import Testing
@testable import FlaskishSocketIO

/// A deterministic generator (SplitMix64) so ids can be pinned in tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct EngineIOSessionIDTests {
    static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test func idsAre20URLSafeCharacters() {
        for _ in 0..<100 {
            let sid = EngineIOSessionID.generate()
            #expect(sid.count == 20)
            #expect(sid.allSatisfy(Self.alphabet.contains))
        }
    }

    @Test func idsDoNotRepeat() {
        let ids = (0..<2000).map { _ in EngineIOSessionID.generate() }
        #expect(Set(ids).count == ids.count)
    }

    @Test func seededGeneratorGivesReproducibleIds() {
        var a = SeededGenerator(state: 42), b = SeededGenerator(state: 42), c = SeededGenerator(state: 43)
        let first = EngineIOSessionID.generate(using: &a)
        #expect(first == EngineIOSessionID.generate(using: &b))
        #expect(first != EngineIOSessionID.generate(using: &c))
    }
}
