import Testing
@testable import Flaskish

struct UTF8ValidatorTests {
    @Test(arguments: [
        [], Array("Hello-µ@ßöäüàá-UTF-8!!".utf8), [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80],
        [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
        [0xF4, 0x8F, 0xBF, 0xBF], Array("κόσμε".utf8), Array("a long ascii run to hit the word fast path, then ü".utf8),
    ] as [[UInt8]])
    func acceptsWellFormedText(bytes: [UInt8]) {
        #expect(UTF8Validator.isValid(bytes))
    }

    // Autobahn 6.x-style cases: overlongs, surrogates, beyond U+10FFFF, stray continuations,
    // impossible bytes, and truncated sequences at the end of the message.
    @Test(arguments: [
        [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0xAF],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80], [0xBF], [0x41, 0x80, 0x41],
        [0xC2], [0xE0, 0xA0], [0xF0, 0x90, 0x80], [0xCE, 0xBA, 0xE1, 0xBD], [0xC2, 0x41], [0xE1, 0x80, 0x41],
    ] as [[UInt8]])
    func rejectsMalformedText(bytes: [UInt8]) {
        #expect(!UTF8Validator.isValid(bytes))
    }

    @Test func everySplitAgreesWithOneShot() {
        let good = Array("κόσμε 𝄞 ascii 日本語".utf8)
        let bad = Array("κόσμε".utf8) + [0xED, 0xA0, 0x80] + Array("tail".utf8)
        for (bytes, expected) in [(good, true), (bad, false)] {
            for split in 0...bytes.count {
                var validator = UTF8Validator()
                validator.validate(Array(bytes[..<split]))
                validator.validate(Array(bytes[split...]))
                #expect((validator.isValid && validator.isComplete) == expected, "split \(split)")
            }
        }
    }

    @Test func truncatedSequenceIsValidSoFarButIncomplete() {
        var validator = UTF8Validator()
        let first = validator.validate([0xCE, 0xBA, 0xE1])
        #expect(first)
        #expect(validator.isValid)
        #expect(!validator.isComplete)
        let second = validator.validate([0xBD, 0xB9])
        #expect(second)
        #expect(validator.isComplete)
    }

    @Test func failsFastAndStaysFailed() {
        var validator = UTF8Validator()
        let first = validator.validate([0xF4, 0x90])
        let second = validator.validate(Array("ok".utf8))
        #expect(!first)
        #expect(!second)
        #expect(!validator.isValid)
    }
}
