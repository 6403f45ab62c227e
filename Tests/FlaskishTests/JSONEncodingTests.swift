import Foundation
import Testing
@testable import Flaskish

struct JSONEncodingTests {
    struct User: Codable, Equatable {
        var id: Int
        var name: String
        var score: Double
        var tags: [String]
        var manager: String?
        var active: Bool
    }

    @Test func encodesAStructAsFlaskWouldJsonifyADict() throws {
        let user = User(id: 7, name: "Zoë", score: 1.0, tags: ["a"], manager: nil, active: true)
        let body = try JSONEncoding.serialize(user, options: .jsonify)
        // Optional nil is omitted (encodeIfPresent), as Swift's synthesized Codable does.
        #expect(String(decoding: body, as: UTF8.self)
            == #"{"active":true,"id":7,"name":"Zo\u00eb","score":1.0,"tags":["a"]}"# + "\n")
    }

    @Test func roundTripsThroughJSONValueAndBytes() throws {
        let user = User(id: -1, name: "x\n\"y\"", score: 0.1, tags: [], manager: "m", active: false)
        #expect(try JSONEncoding.decode(User.self, from: JSONEncoding.encode(user)) == user)
        #expect(try JSONEncoding.decode(User.self, from: JSONEncoding.serialize(user, options: .socketIO)) == user)
        #expect(try JSONValue(encoding: user).decoded(as: User.self) == user)
    }

    @Test func decodeFromBytesReportsParseErrors() {
        #expect(throws: JSONParseError.self) { try JSONEncoding.decode(User.self, from: Array("{".utf8)) }
    }

    @Test func decodeFromBytesHonoursLimits() {
        #expect(throws: JSONParseError.self) {
            try JSONEncoding.decode([[Int]].self, from: Array("[[1]]".utf8), limits: JSONLimits(maxDepth: 1))
        }
    }

    @Test func userInfoReachesTheCoders() throws {
        struct Probe: Codable {
            static let key = CodingUserInfoKey(rawValue: "probe")!
            init() {}
            init(from decoder: any Decoder) throws {
                guard decoder.userInfo[Self.key] as? Int == 2 else { throw CancellationError() }
            }
            func encode(to encoder: any Encoder) throws {
                var single = encoder.singleValueContainer()
                try single.encode(encoder.userInfo[Self.key] as? Int ?? 0)
            }
        }
        #expect(try JSONEncoding.encode(Probe(), userInfo: [Probe.key: 5]) == 5)
        _ = try JSONEncoding.decode(Probe.self, from: .null, userInfo: [Probe.key: 2])
    }
}
