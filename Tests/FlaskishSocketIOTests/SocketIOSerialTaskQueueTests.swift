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

    @Test func packetsPauseAtTheLimitAndResumeAtHalf() async {
        let queue = SerialTaskQueue(executor: nil, limits: .init(packets: 4, bytes: .max))
        let pressure = Recorder<Bool>()
        queue.onPressure = { pressure.record($0) }
        let gate = Gate()
        for _ in 0..<5 { queue.enqueuePacket(bytes: 10, discardable: true) { await gate.wait() } }
        #expect(pressure.values == [true])
        gate.open()
        await queue.waitUntilIdle()
        #expect(pressure.values == [true, false])
        #expect(queue.waitingPackets.now == 0)
        #expect(queue.waitingPackets.peak >= 4)
    }

    @Test func bytesPauseToo() async {
        let queue = SerialTaskQueue(executor: nil, limits: .init(packets: .max, bytes: 100))
        let pressure = Recorder<Bool>()
        queue.onPressure = { pressure.record($0) }
        let gate = Gate()
        queue.enqueue { await gate.wait() }   // holds both packets in the queue
        queue.enqueuePacket(bytes: 60, discardable: true) {}
        #expect(pressure.values.isEmpty)
        queue.enqueuePacket(bytes: 60, discardable: true) {}
        #expect(pressure.values.first == true)
        gate.open()
        await queue.waitUntilIdle()
        #expect(pressure.values == [true, false])
    }

    @Test func discardingDropsWaitingEventsButKeepsTheRest() async {
        let queue = SerialTaskQueue(executor: nil, limits: .init(packets: 2, bytes: .max))
        let pressure = Recorder<Bool>()
        queue.onPressure = { pressure.record($0) }
        let log = Recorder<String>()
        let gate = Gate()
        queue.enqueuePacket(bytes: 1, discardable: true) { await gate.wait(); log.record("running event") }
        await waitUntil("the first job started") { queue.waitingPackets.now == 0 }
        queue.enqueuePacket(bytes: 1, discardable: true) { log.record("event") }
        queue.enqueuePacket(bytes: 1, discardable: false) { log.record("disconnect packet") }
        queue.enqueuePacket(bytes: 1, discardable: true) { log.record("another event") }
        queue.enqueue { log.record("framework job") }
        #expect(queue.discardWaitingPackets() == 2)
        #expect(pressure.values == [true, false])
        gate.open()
        await queue.waitUntilIdle()
        #expect(log.values == ["running event", "disconnect packet", "framework job"])
    }

    @Test(arguments: [("2[\"e\"]", "/"), ("2/chat,[\"e\"]", "/chat"), ("51-[\"e\",{}]", "/"),
                      ("51-/chat,1[\"e\"]", "/chat"), ("0/admin,{\"sid\":\"x\"}", "/admin"), ("1/a", "/a"), ("0", "/")])
    func namespaceOfAnEncodedPacket(text: String, namespace: String) {
        #expect(SocketIOClientConnection.namespace(ofEncoded: text) == namespace)
    }
}
