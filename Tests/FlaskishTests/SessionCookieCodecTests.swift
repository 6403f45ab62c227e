import Testing
@testable import Flaskish

/// The signed session cookie: layout, signature, age and key rotation.
struct SessionCookieCodecTests {
    let codec = SessionCookieCodec(secretKey: Array("secret".utf8))

    @Test func layoutIsPayloadTimestampAndHMACSHA256() throws {
        let cookie = codec.encode(["b": [1, "x"], "a": true], now: 1_700_000_000)
        let fields = cookie.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 3)
        #expect(Base64.decodeURLSafe(fields[0]).map { String(decoding: $0, as: UTF8.self) } == #"{"a":true,"b":[1,"x"]}"#)
        #expect(fields[1] == "1700000000")
        let key = HMAC<SHA256>.authenticationCode(for: Array("cookie-session".utf8), key: Array("secret".utf8))
        let expected = HMAC<SHA256>.authenticationCode(for: Array("\(fields[0]).\(fields[1])".utf8), key: key)
        #expect(Base64.decodeURLSafe(fields[2]) == expected)
        #expect(!cookie.contains("=") && !cookie.contains("+") && !cookie.contains("/"))
    }

    @Test func roundTrips() throws {
        let values: [String: JSONValue] = ["user": "ána", "n": 3, "list": [nil, 2.5], "_permanent": true]
        #expect(try codec.decode(codec.encode(values, now: 100), now: 100, maxAge: 10) == values)
        #expect(try codec.decode(codec.encode([:], now: 100), now: 100, maxAge: nil) == [:])
    }

    @Test func ageAtTheLimitIsAcceptedAndOnePastIsExpired() throws {
        let cookie = codec.encode(["a": 1], now: 1000)
        #expect(try codec.decode(cookie, now: 1060, maxAge: 60) == ["a": 1])
        #expect(throws: SessionCookieError.expired) { try codec.decode(cookie, now: 1061, maxAge: 60) }
        #expect(throws: SessionCookieError.expired) { try codec.decode(cookie, now: 999, maxAge: 60) }
        #expect(try codec.decode(cookie, now: 1_000_000, maxAge: nil) == ["a": 1])
    }

    @Test func anyChangedByteBreaksTheSignature() {
        let cookie = Array(codec.encode(["user": "ana"], now: 5).utf8)
        for index in cookie.indices where cookie[index] != UInt8(ascii: ".") {
            var tampered = cookie
            tampered[index] = tampered[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: SessionCookieError.self) {
                try codec.decode(String(decoding: tampered, as: UTF8.self), now: 5, maxAge: nil)
            }
        }
    }

    @Test func anotherKeyIsRefused() {
        let other = SessionCookieCodec(secretKey: Array("other".utf8))
        #expect(throws: SessionCookieError.badSignature) { try other.decode(codec.encode(["a": 1], now: 0), now: 0, maxAge: nil) }
    }

    @Test func fallbackKeysVerifyButNewCookiesUseTheFirstKey() throws {
        let rotated = SessionCookieCodec(secretKey: Array("new".utf8), fallbacks: [Array("secret".utf8)])
        #expect(try rotated.decode(codec.encode(["a": 1], now: 0), now: 0, maxAge: nil) == ["a": 1])
        #expect(throws: SessionCookieError.badSignature) { try codec.decode(rotated.encode(["a": 1], now: 0), now: 0, maxAge: nil) }
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "abc", "..", "a.b.!!!"])
    func malformedCookiesAreRefused(cookie: String) {
        #expect(throws: SessionCookieError.self) { try codec.decode(cookie, now: 0, maxAge: nil) }
    }

    /// A correctly signed cookie whose payload is `payload`.
    func signed(_ payload: [UInt8], timestamp: String = "0") -> String {
        let key = HMAC<SHA256>.authenticationCode(for: Array("cookie-session".utf8), key: Array("secret".utf8))
        let signedPart = "\(Base64.encodeURLSafe(payload)).\(timestamp)"
        return "\(signedPart).\(Base64.encodeURLSafe(HMAC<SHA256>.authenticationCode(for: Array(signedPart.utf8), key: key)))"
    }

    @Test(arguments: ["[1]", "\"x\"", "{", "null"])
    func signedPayloadsThatAreNotObjectsAreRefused(payload: String) {
        #expect(throws: SessionCookieError.badPayload) { try codec.decode(signed(Array(payload.utf8)), now: 0, maxAge: nil) }
    }

    @Test func signedNonNumericTimestampIsMalformed() {
        #expect(throws: SessionCookieError.malformed) { try codec.decode(signed(Array("{}".utf8), timestamp: "x"), now: 0, maxAge: nil) }
    }
}
