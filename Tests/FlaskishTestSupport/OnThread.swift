import Foundation

/// Runs `body` on a new thread with a stack of `stackSize` bytes and returns its result.
///
/// Depth tests use it to prove a recursive path fits a known stack: the Swift Testing and
/// cooperative-pool threads have stacks of their own, unrelated to the server's threads.
package func onThread<T: Sendable>(stackSize: Int, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = stackSize
        thread.start()
    }
}
