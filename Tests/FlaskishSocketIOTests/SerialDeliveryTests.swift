import Synchronization
import Testing
@testable import FlaskishSocketIO

struct SerialDeliveryTests {
    @Test func jobsRunOneAtATimeInOrder() async {
        let delivery = SerialDelivery(pool: nil)
        let log = Mutex<[Int]>([])
        let running = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for i in 0..<500 {
                delivery.enqueue {
                    if running.add(1, ordering: .relaxed).newValue > 1 { overlapped.store(true, ordering: .relaxed) }
                    if i % 50 == 0 { await Task.yield() }
                    log.withLock { $0.append(i) }
                    running.subtract(1, ordering: .relaxed)
                    if i == 499 { done.resume() }
                }
            }
        }
        #expect(log.withLock { $0 } == Array(0..<500))
        let didOverlap = overlapped.load(ordering: .relaxed)
        #expect(!didOverlap)
    }

    @Test func countedJobsPauseAtTheBoundAndResumeAtHalf() async {
        let delivery = SerialDelivery(pool: nil, maxPendingJobs: 4)
        let pressure = Mutex<[Bool]>([])
        delivery.onPressure = { full in pressure.withLock { $0.append(full) } }
        let gate = Gate()
        delivery.enqueue {}   // not counted
        for _ in 0..<4 { delivery.enqueue(counted: true) { await gate.wait() } }
        #expect(pressure.withLock { $0 } == [true])
        gate.open()
        await waitUntil("the queue has drained") { pressure.withLock { $0 } == [true, false] }
    }
}
