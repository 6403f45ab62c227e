import Testing
@testable import Flaskish

/// Damaged documents must fail cleanly or parse to something that round-trips; never crash.
struct JSONValueMutationTests {
    /// SplitMix64: a deterministic generator, so a failure reproduces.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interestingBytes: [UInt8] = Array(#"{}[]",:\u0-+.eE19 tfn"#.utf8) + [0x00, 0x0A, 0x7F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]

    @Test func mutatedDocumentsFailCleanlyOrRoundTrip() throws {
        var random = SplitMix64(state: 0x5EED)
        var parsed = 0
        var failed = 0
        for (input, _, _) in JSONValueFlaskCorpusTests.corpus {
            let original = Array(input.utf8)
            for _ in 0..<200 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let position = Int.random(in: 0...bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0 where position < bytes.count: bytes.remove(at: position)
                    case 1 where position < bytes.count: bytes[position] = Self.interestingBytes.randomElement(using: &random) ?? 0
                    default: bytes.insert(Self.interestingBytes.randomElement(using: &random) ?? 0, at: position)
                    }
                }
                do {
                    let value = try JSONValue(parsing: bytes)
                    parsed += 1
                    // NaN never equals itself, so compare texts, which is what matters on the wire.
                    let text = value.serialized(options: .jsonify)
                    #expect(try JSONValue(parsing: text).serialized(options: .jsonify) == text)
                } catch {
                    failed += 1
                    #expect(error.offset >= 0 && error.offset <= bytes.count)
                    #expect(error.line >= 1 && error.column >= 1)
                }
            }
        }
        #expect(parsed > 0)
        #expect(failed > 0)
    }
}
