import Glibc

/// CPU time of this process in seconds: the machine may be shared, so wall time misleads.
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// A fixed number of renders instead of a CPU-time budget (`--renders N`): instruction
/// counts under valgrind (Benchmarks/templates/instructions.sh) need the same work every run.
let fixedRenderCount: Int? = {
    guard let flag = CommandLine.arguments.firstIndex(of: "--renders"), flag + 1 < CommandLine.arguments.count else { return nil }
    return Int(CommandLine.arguments[flag + 1]).map { max($0, 1) }
}()

/// Calls `body` until `seconds` of CPU time have passed (or ``fixedRenderCount`` times);
/// returns how often and how long.
func timed(seconds: Double, _ body: () throws -> Void) rethrows -> (count: Int, cpuSeconds: Double) {
    var count = 0
    let start = cpuSeconds()
    var elapsed = 0.0
    if let fixed = fixedRenderCount {
        while count < fixed {
            try body()
            count += 1
        }
        return (count, max(cpuSeconds() - start, 1e-9))
    }
    while elapsed < seconds {
        try body()
        count += 1
        elapsed = cpuSeconds() - start
    }
    return (count, elapsed)
}

/// One result line, as a JSON object with its keys in the order given (run.sh and other
/// tools read these lines; the format matches bench.py's).
func jsonLine(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

/// A JSON string literal for the few plain ASCII strings these lines hold.
func quoted(_ text: String) -> String { "\"" + text + "\"" }
