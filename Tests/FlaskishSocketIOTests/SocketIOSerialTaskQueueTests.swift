import Testing
@testable import FlaskishSocketIO

struct SocketIOSerialTaskQueueTests {
    @Test func jobsRunOneAtATimeInOrder() async {
        let queue = SerialTaskQueue(executor: nil)
        let log = Recorder<String>()
        for n in 0..<20 {
            queue.enqueue {
                log.record("start \(n)")
                await Task.yield()
                log.record("end \(n)")
            }
        }
        await queue.waitUntilIdle()
        #expect(log.values == (0..<20).flatMap { ["start \($0)", "end \($0)"] })
    }

    @Test func waitingOnAnIdleQueueReturnsAtOnce() async {
        await SerialTaskQueue(executor: nil).waitUntilIdle()
    }

    @Test func jobsEnqueuedByAJobRunBeforeIdle() async {
        let queue = SerialTaskQueue(executor: nil)
        let log = Recorder<Int>()
        queue.enqueue {
            queue.enqueue { log.record(2) }
            log.record(1)
        }
        await queue.waitUntilIdle()
        #expect(log.values == [1, 2])
    }
}
