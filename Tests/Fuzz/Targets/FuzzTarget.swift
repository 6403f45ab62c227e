// The codec fuzz targets, shared by the libFuzzer driver (Tests/Fuzz/Driver) and by the unit
// tests that replay the seed corpora and every input a fuzzer ever crashed on.
//
// Each target takes arbitrary bytes and must neither crash, trap, leak nor hang; where a
// codec is streaming it also checks that two splits of the same input give the same answer,
// and where an encoder exists, that decoding what it encodes gives the value back. A failed
// property is a `fatalError`, which libFuzzer reports like a crash and keeps as a crash file.

/// One fuzz target: a name (the corpus folder under `Tests/Fuzz/Corpus`) and its body.
package struct FuzzTarget: Sendable {
    /// The corpus folder's name and the value of `FLASKISH_FUZZ_TARGET`.
    package let name: String
    /// Runs one input; traps when a property fails.
    package let run: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Every target, in the order `scripts/fuzz` runs them.
    package static let all: [FuzzTarget] = [
        FuzzTarget(name: "http-request", run: FuzzHTTP.request),
        FuzzTarget(name: "http-chunked", run: FuzzHTTP.chunked),
        FuzzTarget(name: "multipart", run: FuzzMultipart.run),
        FuzzTarget(name: "url-cookie", run: FuzzURLCookie.run),
        FuzzTarget(name: "websocket-frame", run: FuzzWebSocket.frames),
        FuzzTarget(name: "utf8", run: FuzzWebSocket.utf8),
        FuzzTarget(name: "engineio", run: FuzzEngineIO.run),
        FuzzTarget(name: "socketio", run: FuzzSocketIO.run),
        FuzzTarget(name: "json", run: FuzzJSON.run),
        FuzzTarget(name: "template", run: FuzzTemplate.run),
    ]

    /// The target called `name`, or nil.
    package static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}

/// Helpers shared by the targets.
enum Fuzz {
    /// A split point inside `bytes` derived from the bytes themselves, so a crash file
    /// replays the same split. Never 0 or `count` unless the input is that short.
    static func splitPoint(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count > 1 else { return bytes.count }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return 1 + Int(hash % UInt64(bytes.count - 1))
    }

    /// Traps with a message naming the target and the property that failed.
    static func check(_ condition: Bool, _ target: String, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz \(target): \(message())") }
    }
}
