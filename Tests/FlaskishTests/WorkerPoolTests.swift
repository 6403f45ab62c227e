import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// The worker pool grows for handlers that block and stays at its eager size for handlers
/// that compute. Both tests wait on events (or the jobs' own CPU time), never on the clock.
struct WorkerPoolTests {
    @Test func blockingJobsGrowThePool() async throws {
        let pool = WorkerPool(maximumThreads: 8, eagerThreads: 1)
        defer { pool.shutdown() }
        let jobs = 4
        let arrived = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let tasks = (0..<jobs).map { _ in
            Task(executorPreference: pool) {
                arrived.signal()
                // Blocked, as a handler waiting on a database: only more threads let the others in.
                return release.wait(timeout: .now() + 120) == .success
            }
        }
        // Every job is running at once only if the pool grew to one thread per job.
        let allArrived = await waitOffThread { (0..<jobs).allSatisfy { _ in arrived.wait(timeout: .now() + 120) == .success } }
        #expect(allArrived)
        #expect(pool.threadCount >= jobs)
        for _ in 0..<jobs { release.signal() }
        for task in tasks { #expect(await task.value) }
    }

    @Test func computingJobsDoNotGrowThePool() async throws {
        let pool = WorkerPool(maximumThreads: 8, eagerThreads: 1)
        defer { pool.shutdown() }
        // Each job computes for 30 ms of its own CPU time: queued work stalls for far longer than
        // the monitor's 5 ms, but the one worker is runnable the whole time, so no thread is added.
        let tasks = (0..<6).map { _ in
            Task(executorPreference: pool) { Self.spin(cpuMilliseconds: 30) }
        }
        for task in tasks { _ = await task.value }
        #expect(pool.threadCount == 1)
    }

    @Test func runnableCountSeesComputingAndSleepingThreads() async throws {
        let sleeping = Mutex<Int32>(0)
        let parked = DispatchSemaphore(value: 0)
        let ready = DispatchSemaphore(value: 0)
        Thread {
            sleeping.withLock { $0 = WorkerPool.currentThreadID }
            ready.signal()
            _ = parked.wait(timeout: .now() + 120)
        }.start()
        #expect(await waitOffThread { ready.wait(timeout: .now() + 120) == .success })
        let sleeper = sleeping.withLock { $0 }
        // The parked thread is blocked once it reaches its wait: asked until then (up to 120 s).
        let blocked = await waitOffThread {
            for _ in 0..<120_000 {
                if WorkerPool.runnableCount([sleeper], atLeast: 1) == 0 { return true }
                usleep(1000)
            }
            return false
        }
        #expect(blocked)
        #expect(WorkerPool.runnableCount([WorkerPool.currentThreadID], atLeast: 1) == 1)
        #expect(WorkerPool.runnableCount([-1], atLeast: 1) == 0)
        parked.signal()
    }

    /// Spins until this thread has used `cpuMilliseconds` of CPU time.
    private static func spin(cpuMilliseconds: Int) -> Int {
        var start = timespec(), now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        var rounds = 0
        repeat {
            for _ in 0..<1000 { rounds &+= 1 }
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        } while (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1_000_000 < cpuMilliseconds
        return rounds
    }

    /// Runs a blocking wait on a Dispatch thread, so the test does not hold one of Swift's
    /// few cooperative threads while it waits.
    private func waitOffThread(_ body: @escaping @Sendable () -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}
