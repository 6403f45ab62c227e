/// The stack size of the threads Flaskish starts (event loops and workers).
///
/// Recursive decoders (JSON, Socket.IO payloads, templates) and every walk over what they
/// parse (serialisation, `Codable`, `SocketIOValue` conversion, rendering) recurse once per
/// nesting level, and the parsers stop at their depth limits (JSON 512, template nesting 100).
/// Measured on Swift 6.3 / x86-64, the deepest path at 512 levels takes about 0.35 MiB
/// in a release build, 1.1 MiB in a debug build and 2.6 MiB in a debug build under
/// AddressSanitizer; 8 MiB (Linux's default main-thread stack) leaves a margin of three or more
/// in the worst build. `DeepNestingTests` runs that path on a quarter of this stack in
/// debug and release, and scripts/sanitize under ASan.
///
/// Only touched pages cost memory: the rest is reserved address space, and the threads are
/// few (one loop per core, the worker pool's bounded threads).
package enum ThreadStack {
    /// 8 MiB for every loop and worker thread.
    package static let size = 8 << 20
}
