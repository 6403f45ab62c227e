import Foundation
import Testing
@testable import Flaskish

struct JSONEncodingDecoderTests {
    struct Item: Decodable, Equatable { var name: String; var count: Int }
    struct Order: Decodable, Equatable { var id: UInt32; var items: [Item]; var note: String? }

    @Test func decodesNestedValues() throws {
        let json: JSONValue = ["id": 5, "items": [["name": "a", "count": 2]], "note": nil]
        #expect(try json.decoded(as: Order.self) == Order(id: 5, items: [Item(name: "a", count: 2)], note: nil))
    }

    @Test func wholeDoublesDecodeAsIntegersAndIntsAsDoubles() throws {
        #expect(try JSONValue.double(3.0).decoded(as: Int.self) == 3)
        #expect(try JSONValue.int(3).decoded(as: Double.self) == 3.0)
        #expect(try JSONValue.double(0.5).decoded(as: Float.self) == 0.5)
        #expect(throws: DecodingError.self) { try JSONValue.double(3.5).decoded(as: Int.self) }
        #expect(throws: DecodingError.self) { try JSONValue.int(300).decoded(as: UInt8.self) }
        #expect(throws: DecodingError.self) { try JSONValue.int(-1).decoded(as: UInt.self) }
        #expect(throws: DecodingError.self) { try JSONValue.double(1e300).decoded(as: Float.self) }
    }

    /// An integer beyond `Int` decodes into any integer type it fits and into Double (rounded).
    @Test func bigIntegersDecodeWhereTheyFit() throws {
        let uint64Max = try JSONValue(parsing: "18446744073709551615")
        #expect(try uint64Max.decoded(as: UInt64.self) == .max)
        #expect(try uint64Max.decoded(as: Double.self) == 1.8446744073709552e19)
        #expect(BigInteger("-170141183460469231731687303715884105728")!.exactly(as: Int128.self) == .min)
        #expect(BigInteger("170141183460469231731687303715884105728")!.exactly(as: Int128.self) == nil)
        #expect(throws: DecodingError.self) { try uint64Max.decoded(as: Int64.self) }
        #expect(throws: DecodingError.self) { try JSONValue(parsing: "-9223372036854775809").decoded(as: UInt64.self) }
        #expect(BigInteger(-128).exactly(as: Int8.self) == -128 && BigInteger(128).exactly(as: Int8.self) == nil)
        #expect(BigInteger(-1).exactly(as: UInt8.self) == nil && BigInteger(255).exactly(as: UInt8.self) == 255)
    }

    /// Each case: the input, and the coding path the error must name.
    @Test(arguments: [
        (JSONValue.object(["id": 5, "items": [["name": "a", "count": 2], ["name": "b", "count": "x"]]]),
         ["items", "Index 1", "count"]),
        (JSONValue.object(["id": 5, "items": [["name": "a"]]]), ["items", "Index 0"]),
        (JSONValue.object(["id": -5, "items": []]), ["id"]),
        (JSONValue.object(["id": 5, "items": [nil]]), ["items", "Index 0"]),
        (JSONValue.object(["items": []]), []),
        (JSONValue.array([]), []),
    ])
    func errorsNameTheCodingPath(input: JSONValue, path: [String]) {
        do {
            _ = try input.decoded(as: Order.self)
            Issue.record("expected an error")
        } catch let error as DecodingError {
            let context: DecodingError.Context? = switch error {
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): c
            @unknown default: nil
            }
            #expect(context?.codingPath.map(\.stringValue) == path)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func mismatchMessagesSayWhatWasFound() {
        do {
            _ = try JSONValue.string("x").decoded(as: Int.self)
        } catch let DecodingError.typeMismatch(_, context) {
            #expect(context.debugDescription == "Expected to decode Int but found a string instead.")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nullIsValueNotFound() {
        #expect {
            try JSONValue.null.decoded(as: String.self)
        } throws: { error in
            if case DecodingError.valueNotFound = error { true } else { false }
        }
    }

    @Test func flasksSpecialTypes() throws {
        #expect(try JSONValue.string("Sat, 28 Nov 2026 16:00:00 GMT").decoded(as: Date.self)
            == Date(timeIntervalSince1970: 1795881600))
        #expect(try JSONValue.string("2026-11-28T16:00:00Z").decoded(as: Date.self) == Date(timeIntervalSince1970: 1795881600))
        #expect(try JSONValue.string("5b1d3e52-3b4b-4a59-9c55-2b1a3d4e5f60").decoded(as: UUID.self)
            == UUID(uuidString: "5B1D3E52-3B4B-4A59-9C55-2B1A3D4E5F60"))
        #expect(try JSONValue.string("AAEC/w==").decoded(as: Data.self) == Data([0, 1, 2, 255]))
        #expect(try JSONValue.string("https://e.x/").decoded(as: URL.self) == URL(string: "https://e.x/"))
        #expect(try JSONValue.string("12.5").decoded(as: Decimal.self) == Decimal(string: "12.5"))
        #expect(try JSONValue.int(3).decoded(as: Decimal.self) == Decimal(3))
        for bad: JSONValue in ["tomorrow", 5] { #expect(throws: DecodingError.self) { try bad.decoded(as: Date.self) } }
        for bad: JSONValue in ["not-a-uuid", 5] { #expect(throws: DecodingError.self) { try bad.decoded(as: UUID.self) } }
        for bad: JSONValue in ["!!", 5] { #expect(throws: DecodingError.self) { try bad.decoded(as: Data.self) } }
        #expect(throws: DecodingError.self) { try JSONValue.string("1.2.3").decoded(as: Decimal.self) }
    }

    @Test func unkeyedContainerWalksAndStops() throws {
        struct Pair: Decodable {
            var first: Int8, second: Bool?, rest: Int
            init(from decoder: any Decoder) throws {
                var list = try decoder.unkeyedContainer()
                #expect(list.count == 3)
                first = try list.decode(Int8.self)
                second = try list.decodeNil() ? nil : try list.decode(Bool.self)
                var inner = try list.nestedUnkeyedContainer()
                rest = try inner.decode(Int.self)
                #expect(list.isAtEnd)
                #expect(try !list.decodeNil())
                _ = try list.decode(Int.self)
            }
        }
        #expect(throws: DecodingError.self) { try JSONValue.array([1, nil, [2]]).decoded(as: Pair.self) }
    }

    @Test func keyedContainerListsKeysAndNests() throws {
        enum Keys: String, CodingKey { case a, b, missing }
        struct Probe: Decodable {
            init(from decoder: any Decoder) throws {
                let object = try decoder.container(keyedBy: Keys.self)
                #expect(Set(object.allKeys.map(\.stringValue)) == ["a", "b"])
                #expect(object.contains(.a) && !object.contains(.missing))
                #expect(try object.decodeNil(forKey: .b))
                let nested = try object.nestedContainer(keyedBy: Keys.self, forKey: .a)
                #expect(try nested.decode(UInt16.self, forKey: .a) == 1)
                #expect(try object.decodeIfPresent(Int.self, forKey: .missing) == nil)
                #expect(throws: DecodingError.self) { try object.decode(Int.self, forKey: .missing) }
                #expect(try object.superDecoder(forKey: .b).singleValueContainer().decodeNil())
            }
        }
        _ = try JSONValue.object(["a": ["a": 1], "b": nil, "zzz": 0]).decoded(as: Probe.self)
    }

    @Test func jsonValueDecodesAsItself() throws {
        struct Envelope: Decodable { var extra: JSONValue }
        let json: JSONValue = ["extra": ["x": [1, 2.5, nil]]]
        #expect(try json.decoded(as: Envelope.self).extra == ["x": [1, 2.5, nil]])
    }
}
