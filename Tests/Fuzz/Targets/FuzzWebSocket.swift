import Flaskish

/// The WebSocket frame parser, message assembler and streaming UTF-8 validator.
enum FuzzWebSocket {
    /// Frames and messages from a client's bytes, and how the stream stopped.
    private static func feed(_ chunks: [UnsafeRawBufferPointer]) -> (frames: [WebSocketFrame], messages: [WebSocketMessage], end: String) {
        var parser = WebSocketFrameParser(role: .server, maxFrameSize: 4096)
        var assembler = WebSocketMessageAssembler(maxMessageSize: 8192)
        var frames: [WebSocketFrame] = []
        var messages: [WebSocketMessage] = []
        for chunk in chunks {
            var offset = 0
            while offset < chunk.count {
                do throws(WebSocketProtocolError) {
                    let (consumed, frame) = try parser.parse(UnsafeRawBufferPointer(rebasing: chunk[offset...]))
                    Fuzz.check(consumed > 0 || frame != nil, "websocket-frame", "no progress at \(offset)")
                    offset += consumed
                    if let frame {
                        frames.append(frame)
                        if let message = try assembler.append(frame) { messages.append(message) }
                    }
                } catch {
                    return (frames, messages, "error \(error)")
                }
            }
        }
        return (frames, messages, parser.isAtFrameBoundary ? "boundary" : "partial")
    }

    static func frames(_ input: UnsafeRawBufferPointer) {
        let whole = feed([input])
        let cut = Fuzz.splitPoint(input)
        let split = feed([UnsafeRawBufferPointer(rebasing: input[..<cut]), UnsafeRawBufferPointer(rebasing: input[cut...])])
        Fuzz.check(whole.frames == split.frames && whole.messages == split.messages && whole.end == split.end,
            "websocket-frame", "split at \(cut) differs")
    }

    /// The streaming validator agrees with the standard library, in any split.
    static func utf8(_ input: UnsafeRawBufferPointer) {
        let expected = String(validating: input, as: UTF8.self) != nil
        var whole = UTF8Validator()
        let wholeValid = whole.validate(input) && whole.isComplete
        Fuzz.check(wholeValid == expected, "utf8", "validator says \(wholeValid), stdlib \(expected)")
        let cut = Fuzz.splitPoint(input)
        var split = UTF8Validator()
        let splitValid = split.validate(UnsafeRawBufferPointer(rebasing: input[..<cut]))
            && split.validate(UnsafeRawBufferPointer(rebasing: input[cut...])) && split.isComplete
        Fuzz.check(splitValid == expected, "utf8", "split at \(cut): validator says \(splitValid), stdlib \(expected)")
    }
}
