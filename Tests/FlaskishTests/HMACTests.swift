import Testing
@testable import Flaskish

struct HMACTests {
    struct Vector: Sendable, CustomStringConvertible {
        let name: String
        let key: [UInt8]
        let data: [UInt8]
        let mac: String
        var description: String { name }
    }

    // RFC 4231 §4.2–4.8.
    static let vectors: [Vector] = [
        Vector(name: "1", key: [UInt8](repeating: 0x0B, count: 20), data: Array("Hi There".utf8),
               mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(name: "2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
               mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(name: "3", key: [UInt8](repeating: 0xAA, count: 20), data: [UInt8](repeating: 0xDD, count: 50),
               mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(name: "4", key: Array(1...25), data: [UInt8](repeating: 0xCD, count: 50),
               mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(name: "6", key: [UInt8](repeating: 0xAA, count: 131),
               data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
               mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(name: "7", key: [UInt8](repeating: 0xAA, count: 131),
               data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                   + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
               mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: vectors)
    func rfc4231(vector: Vector) {
        #expect(Hex.encode(HMAC<SHA256>.authenticationCode(for: vector.data, key: vector.key)) == vector.mac)
    }

    @Test func rfc4231TruncatedCase5() {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0C, count: 20))
        #expect(Hex.encode(Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func incrementalEqualsOneShot() {
        var mac = HMAC<SHA256>(key: Array("Jefe".utf8))
        mac.update("what do ya ")
        mac.update(Array("want for nothing?".utf8))
        #expect(Hex.encode(mac.finalize()) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacSHA1KnownAnswer() {
        // RFC 2202 test case 2.
        let mac = HMAC<SHA1>.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(Hex.encode(mac) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }
}
