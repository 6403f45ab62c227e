import Testing
@testable import Flaskish

struct Base64Tests {
    // RFC 4648 §10.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
    ])
    func urlSafeHasNoPadding(plain: String, encoded: String) {
        #expect(Base64.encodeURLSafe(Array(plain.utf8)) == encoded)
        #expect(Base64.decodeURLSafe(encoded) == Array(plain.utf8))
    }

    @Test func alphabetsDifferInTheLastTwoSymbols() {
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.encodeURLSafe([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decodeURLSafe("-_-_") == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode("-_-_") == nil)
        #expect(Base64.decodeURLSafe("+/+/") == nil)
    }

    @Test(arguments: ["Zg=", "Zg", "Zh==", "Zm9=", "Zm9v\n", " Zm9v", "Zm=v", "====", "Z===", "Zg==Zg==", "Zm9v!A==", "é123"])
    func strictDecodeRejects(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Zg==", "Z", "Zh", "Zm9", "Zm9v=", "Zm9v.", "Zm9vY"])
    func urlSafeDecodeRejects(text: String) {
        #expect(Base64.decodeURLSafe(text) == nil)
    }

    @Test func roundTripsEveryLengthAndByte() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        for length in 0...bytes.count {
            let slice = Array(bytes[..<length])
            #expect(Base64.decode(Base64.encode(slice)) == slice)
            #expect(Base64.decodeURLSafe(Base64.encodeURLSafe(slice)) == slice)
        }
    }

    @Test func webSocketKeyDecodesTo16Bytes() {
        #expect(Base64.decode("dGhlIHNhbXBsZSBub25jZQ==")?.count == 16)
    }
}
