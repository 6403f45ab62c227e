#if canImport(Glibc)
import Flaskish
import Glibc
#endif

/// Nanoseconds on CLOCK_MONOTONIC. Senders and receivers live in the same process, so a
/// timestamp written into a message by the sender is comparable with the receiver's clock.
enum MonotonicClock {
    /// The current monotonic time in nanoseconds (a vDSO call: cheap enough per frame).
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}
