/// The stack size of the threads Flaskish starts (event loops and workers).
///
/// Recursive decoders (JSON, Socket.IO payloads, templates) and every walk over what they
/// parse (serialisation, `Codable`, `SocketIOValue` conversion, rendering) recurse once per
/// nesting level, and the parsers stop at their depth limits (JSON 512, template nesting 100).
/// Measured on Swift 6.3 / x86-64, the deepest path at 512 levels (a binary Socket.IO event
/// decoded, re-encoded, converted, decoded with `Codable` and printed by a template) needs
/// 1.5–2 MiB in a debug build and 2–4 MiB in a debug build under AddressSanitizer; it crashed
/// the former 512 KiB worker stack. 16 MiB leaves a margin of four in the worst build:
/// `DeepNestingTests` runs that path on a quarter of this stack, in debug and release
/// (scripts/deep-nesting) and under ASan (scripts/sanitize).
///
/// Only touched pages cost memory: the rest is reserved address space, and the threads are
/// few (one loop per core, the worker pool's bounded threads).
package enum ThreadStack {
    /// 16 MiB for every loop and worker thread.
    package static let size = 16 << 20
}
