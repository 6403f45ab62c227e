#if canImport(Glibc)
import Glibc
#endif
import CFlaskishSystem

/// Starting the reloader's app process so that it cannot outlive its supervisor: the child
/// gets a signal when the supervisor dies, even by SIGKILL, which leaves no chance to stop it
/// (otherwise the orphan would keep serving, and keep the port, with nobody watching it).
///
/// Werkzeug's reloader has no such guard: its child is a plain `subprocess.call`.
enum ChildProcess {
    /// Starts `executable` with `arguments` (argv[0] excluded) and `environment`; the child
    /// gets `parentDeathSignal` once the calling thread ends, so call it from a thread that
    /// lives as long as the process (the reloader's main thread).
    ///
    /// `expectedParent` is this process in real use; a test passes another pid to take the
    /// branch where the parent died before the signal could be armed.
    /// - Returns: the child's pid, or the `errno` of the failed fork or exec.
    static func spawn(
        executable: String, arguments: [String], environment: [String: String],
        parentDeathSignal: Int32 = SIGTERM, expectedParent: pid_t = getpid()
    ) -> Result<pid_t, SpawnError> {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let pid = cflaskish_spawn_tied_to_parent(executable, argv, envp, parentDeathSignal, expectedParent)
        return pid > 0 ? .success(pid) : .failure(SpawnError(code: -pid))
    }

    /// Why a child could not be started: the `errno` of fork or exec.
    struct SpawnError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}
