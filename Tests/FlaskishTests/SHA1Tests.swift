import Testing
@testable import Flaskish

struct SHA1Tests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func publishedVectors(message: String, digest: String) {
        #expect(Hex.encode(SHA1.hash(message)) == digest)
    }

    @Test func oneMillionA() {
        // RFC 3174 test 3, fed in uneven chunks so block buffering is exercised too.
        var hasher = SHA1()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var fed = 0
        while fed < 1_000_000 {
            let n = min(chunk.count, 1_000_000 - fed)
            hasher.update(Array(chunk[0..<n]))
            fed += n
        }
        #expect(Hex.encode(hasher.finalize()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func everySplitGivesTheSameDigest() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq and then some more text".utf8)
        let expected = SHA1.hash(message)
        for split in 0...message.count {
            var hasher = SHA1()
            hasher.update(Array(message[..<split]))
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test func paddingBoundaryLengths() {
        // 55, 56 and 64 bytes: the length field fits, just misses, and needs a second block.
        #expect(Hex.encode(SHA1.hash(String(repeating: "a", count: 55))) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(Hex.encode(SHA1.hash(String(repeating: "a", count: 56))) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
        #expect(Hex.encode(SHA1.hash(String(repeating: "a", count: 64))) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = SHA1()
        hasher.update("ab")
        _ = hasher.finalize()
        hasher.update("c")
        #expect(Hex.encode(hasher.finalize()) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }
}
