#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// The reloader's child is tied to its supervisor (`ChildProcess`): it gets SIGTERM when the
/// thread that started it ends, and ends at once when that parent was already gone. The whole
/// story, a supervisor SIGKILLed, is Tests/cli/test_reloader.py's.
struct ChildProcessTests {
    /// The signal that ended a child (from its `waitpid` status), or nil when it exited.
    static func signal(ending pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f == 0 ? nil : status & 0x7f
    }

    /// The exit status of a child that exited, or nil when a signal ended it.
    static func exitStatus(of pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    @Test func runsTheProgramWithItsArgumentsAndEnvironment() throws {
        let pid = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "exit $CODE"],
                                         environment: ["CODE": "7"]).get()
        #expect(Self.exitStatus(of: pid) == 7)
    }

    @Test func aMissingProgramIsAnErrorNotAChild() {
        let result = ChildProcess.spawn(executable: "/nonexistent/program", arguments: [], environment: [:])
        guard case .failure(let error) = result else {
            Issue.record("started \(result)")
            return
        }
        #expect(error.code == ENOENT)
    }

    /// The child would sleep a minute (then exit 0, failing the test) but for its death signal.
    @Test func theChildGetsSIGTERMWhenTheThreadThatStartedItEnds() throws {
        let started = Mutex<Result<pid_t, ChildProcess.SpawnError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            started.withLock { $0 = ChildProcess.spawn(executable: "/bin/sleep", arguments: ["60"], environment: [:]) }
            done.signal()
        }
        thread.start()
        done.wait()
        let pid = try #require(started.withLock { $0 }).get()
        #expect(Self.signal(ending: pid) == SIGTERM)
    }

    /// A supervisor that died before the child could arm its death signal: the kernel sent
    /// nothing, and the child, now another process's, must see it and end by itself. Here the
    /// expected parent is not this process, as if it had gone; without the check the child
    /// would sleep a minute and exit 0.
    @Test func aChildWhoseParentIsAlreadyGoneEndsAtOnce() throws {
        let pid = try ChildProcess.spawn(executable: "/bin/sleep", arguments: ["60"], environment: [:],
                                         expectedParent: getppid()).get()
        #expect(Self.signal(ending: pid) == SIGTERM)
    }
}
