import Flaskish
import Testing
@testable import FlaskishSocketIO

struct SocketIOLimitsTests {
    private func placeholders(_ count: Int) -> String {
        (0..<count).map { #"{"_placeholder":true,"num":\#($0)}"# }.joined(separator: ",")
    }

    @Test func defaults() {
        let limits = SocketIOLimits()
        #expect(limits.maxAttachments == 100)
        #expect(limits.maxAttachmentBytes == 16 * 1024 * 1024)
        #expect(limits.json == JSONLimits())
    }

    @Test func attachmentCountAtTheLimit() throws {
        var decoder = SocketIOPacketDecoder(limits: SocketIOLimits(maxAttachments: 3))
        #expect(try decoder.decode(text: #"53-["e",\#(placeholders(3))]"#) == nil)
        _ = try decoder.decode(binary: [1])
        _ = try decoder.decode(binary: [2])
        #expect(try decoder.decode(binary: [3])?.arguments == [.binary([1]), .binary([2]), .binary([3])])
    }

    @Test func attachmentCountPastTheLimit() {
        var decoder = SocketIOPacketDecoder(limits: SocketIOLimits(maxAttachments: 3))
        #expect(throws: SocketIOPacketError.tooManyAttachments(limit: 3)) {
            try decoder.decode(text: #"54-["e",\#(placeholders(4))]"#)
        }
    }

    @Test func hugeAttachmentCountsFailWithoutOverflow() {
        var decoder = SocketIOPacketDecoder()
        #expect(throws: SocketIOPacketError.tooManyAttachments(limit: 100)) {
            try decoder.decode(text: #"599999999999999999999999999-["e"]"#)
        }
    }

    @Test func attachmentBytesAtAndPastTheLimit() throws {
        let limits = SocketIOLimits(maxAttachmentBytes: 4)
        var decoder = SocketIOPacketDecoder(limits: limits)
        #expect(try decoder.decode(text: #"52-["e",\#(placeholders(2))]"#) == nil)
        _ = try decoder.decode(binary: [1, 2])
        #expect(try decoder.decode(binary: [3, 4]) != nil)

        #expect(try decoder.decode(text: #"52-["e",\#(placeholders(2))]"#) == nil)
        _ = try decoder.decode(binary: [1, 2])
        #expect(throws: SocketIOPacketError.attachmentsTooLarge(limit: 4)) { try decoder.decode(binary: [3, 4, 5]) }
        #expect(!decoder.isAwaitingAttachments)
    }
}
