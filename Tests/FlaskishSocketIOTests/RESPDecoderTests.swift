import Testing
@testable import FlaskishSocketIO

struct RESPDecoderTests {
    /// Decodes `bytes` fed in two pieces split at every offset, and byte by byte; every way
    /// must give the same values (or the same error).
    func decodeEverySplit(_ bytes: [UInt8], limits: RESPDecoder.Limits = .init()) -> [Result<[RESPValue], RESPError>] {
        var results = (0...bytes.count).map { split in
            decode([Array(bytes[..<split]), Array(bytes[split...])], limits: limits)
        }
        results.append(decode(bytes.map { [$0] }, limits: limits))
        return results
    }

    func decode(_ pieces: [[UInt8]], limits: RESPDecoder.Limits = .init()) -> Result<[RESPValue], RESPError> {
        var decoder = RESPDecoder(limits: limits)
        var values: [RESPValue] = []
        do throws(RESPError) {
            for piece in pieces {
                decoder.append(piece)
                while let value = try decoder.next() { values.append(value) }
            }
            return .success(values)
        } catch {
            return .failure(error)
        }
    }

    func expectEverySplit(_ wire: String, _ expected: [RESPValue], sourceLocation: SourceLocation = #_sourceLocation) {
        for result in decodeEverySplit(Array(wire.utf8)) {
            #expect(result == .success(expected), sourceLocation: sourceLocation)
        }
    }

    @Test func resp2RepliesInEverySplit() {
        expectEverySplit("+OK\r\n", [.simpleString("OK")])
        expectEverySplit("-ERR unknown command 'FOO'\r\n", [.error("ERR unknown command 'FOO'")])
        expectEverySplit(":1000\r\n:-42\r\n:0\r\n", [.integer(1000), .integer(-42), .integer(0)])
        expectEverySplit("$5\r\nhello\r\n$0\r\n\r\n$-1\r\n", [.bulkString(Array("hello".utf8)), .bulkString([]), .null])
        expectEverySplit("*-1\r\n*0\r\n", [.null, .array([])])
        expectEverySplit(
            "*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$6\r\nextra!\r\n",
            [.array([.bulkString(Array("message".utf8)), .bulkString(Array("news".utf8)), .bulkString(Array("extra!".utf8))])])
        expectEverySplit("*2\r\n*1\r\n:1\r\n*2\r\n+a\r\n$-1\r\n", [.array([.array([.integer(1)]), .array([.simpleString("a"), .null])])])
    }

    @Test func bulkStringsAreBinarySafe() {
        let payload: [UInt8] = [0, 13, 10, 255, 36, 42, 13]
        let wire = Array("$7\r\n".utf8) + payload + [13, 10]
        for result in decodeEverySplit(wire) { #expect(result == .success([.bulkString(payload)])) }
    }

    @Test func resp3TypesInEverySplit() {
        expectEverySplit("_\r\n#t\r\n#f\r\n", [.null, .boolean(true), .boolean(false)])
        expectEverySplit(",3.25\r\n,-inf\r\n,inf\r\n", [.double(3.25), .double(-.infinity), .double(.infinity)])
        expectEverySplit("(3492890328409238509324850943850943825024385\r\n", [.bigNumber("3492890328409238509324850943850943825024385")])
        expectEverySplit("!21\r\nSYNTAX invalid syntax\r\n", [.error("SYNTAX invalid syntax")])
        expectEverySplit("=15\r\ntxt:Some string\r\n", [.verbatim(format: "txt", text: Array("Some string".utf8))])
        expectEverySplit("%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n", [.map([.simpleString("first"), .integer(1), .simpleString("second"), .integer(2)])])
        expectEverySplit("~2\r\n+a\r\n+b\r\n", [.set([.simpleString("a"), .simpleString("b")])])
        expectEverySplit(">3\r\n+message\r\n+ch\r\n+hi\r\n", [.push([.simpleString("message"), .simpleString("ch"), .simpleString("hi")])])
    }

    @Test func attributesAreDroppedBeforeTheirValue() {
        expectEverySplit("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*1\r\n:2039123\r\n", [.array([.integer(2039123)])])
    }

    @Test func encoderOutputDecodesBackInEverySplit() {
        let values: [RESPValue] = [
            .simpleString("PONG"), .error("WRONGTYPE x"), .integer(Int(Int32.max)), .bulkString(Array("é\r\n".utf8)), .null,
            .array([.integer(1), .array([]), .bulkString([0, 1])]), .double(-1.5), .boolean(true), .bigNumber("123"),
            .verbatim(format: "mkd", text: Array("# x".utf8)), .map([.simpleString("k"), .integer(1)]), .set([.integer(7)]),
            .push([.bulkString(Array("pong".utf8))]),
        ]
        let wire = values.flatMap(RESPEncoder.encode)
        for result in decodeEverySplit(wire) { #expect(result == .success(values)) }
    }

    @Test func commandsAreArraysOfBulkStrings() {
        #expect(RESPEncoder.command(["SET", "k", "v"]) == Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n".utf8))
        #expect(RESPEncoder.command([Array("PUBLISH".utf8), [], [0, 13]]) == Array("*3\r\n$7\r\nPUBLISH\r\n$0\r\n\r\n$2\r\n".utf8) + [0, 13, 13, 10])
    }

    @Test func malformedInputIsAnErrorInEverySplit() {
        let cases: [(String, RESPError)] = [
            ("?what\r\n", .unknownType(UInt8(ascii: "?"))),
            (":12a\r\n", .invalidNumber("12a")),
            (":\r\n", .invalidNumber("")),
            (":+1\r\n", .invalidNumber("+1")),
            ("$-2\r\n", .invalidNumber("-2")),
            ("$3\r\nabcde\r\n", .missingTerminator),
            ("#x\r\n", .invalidScalar("x")),
            (",abc\r\n", .invalidScalar("abc")),
            ("~-1\r\n", .invalidNumber("-1")),
        ]
        for (wire, error) in cases {
            for result in decodeEverySplit(Array(wire.utf8)) {
                #expect(result == .failure(error), "\(wire)")
            }
        }
    }

    @Test func limitsRefuseBeforeAllocating() {
        let limits = RESPDecoder.Limits(maxStringLength: 8, maxElements: 4, maxDepth: 2)
        // Refused from the header alone, before the announced bytes or elements arrive.
        #expect(decode([Array("$9\r\n".utf8)], limits: limits) == .failure(.tooLong(limit: 8)))
        #expect(decode([Array("*5\r\n".utf8)], limits: limits) == .failure(.tooManyElements(limit: 4)))
        #expect(decode([Array("%3\r\n".utf8)], limits: limits) == .failure(.tooManyElements(limit: 4)))
        #expect(decode([Array("*1\r\n*1\r\n*1\r\n:1\r\n".utf8)], limits: limits) == .failure(.tooDeep(limit: 2)))
        // A line that never ends is refused once it passes the string limit.
        #expect(decode([Array("+0123456789".utf8)], limits: limits) == .failure(.tooLong(limit: 8)))
        // At the limits, fine.
        #expect(decode([Array("$8\r\n01234567\r\n*4\r\n:1\r\n:2\r\n:3\r\n:4\r\n".utf8)], limits: limits)
                == .success([.bulkString(Array("01234567".utf8)), .array([.integer(1), .integer(2), .integer(3), .integer(4)])]))
    }

    @Test func incompleteInputWaitsAndKeepsItsBytes() throws {
        var decoder = RESPDecoder()
        decoder.append(Array("*2\r\n$3\r\nfoo\r\n".utf8))
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedByteCount == 13)
        decoder.append(Array(":7\r\n+tail".utf8))
        #expect(try decoder.next() == .array([.bulkString(Array("foo".utf8)), .integer(7)]))
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedByteCount == 5)
    }

    @Test func aLongStreamIsCompactedAsItIsConsumed() throws {
        var decoder = RESPDecoder()
        for round in 0..<2000 {
            decoder.append(Array("$5\r\nhello\r\n:\(round)\r\n".utf8))
            #expect(try decoder.next() == .bulkString(Array("hello".utf8)))
            #expect(try decoder.next() == .integer(round))
        }
        #expect(decoder.bufferedByteCount == 0)
    }
}
