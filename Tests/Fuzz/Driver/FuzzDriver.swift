// One executable for every fuzz target; `FLASKISH_FUZZ_TARGET` names the target.
//
// Built with `-sanitize=fuzzer,address -DFLASKISH_LIBFUZZER` (scripts/fuzz does it), it is a
// libFuzzer binary: SwiftPM links every executable's `main` to `FlaskishFuzzer_main`, so that
// function hands the command line to `LLVMFuzzerRunDriver`. Built plainly (any `swift build`),
// it replays the files named on its command line, so the targets always compile.

import CLibFuzzer
import FlaskishFuzzTargets

#if canImport(Glibc)
import Glibc
#endif

/// Writes a line to standard error (fd 2; the C `stderr` global is not concurrency-safe).
private func printError(_ line: String) {
    let text = line + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
}

/// The target named by the environment, or exit 2 with the list of names.
private func selectedTarget() -> FuzzTarget {
    let name = getenv("FLASKISH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map(\.name).joined(separator: " ")
        printError("FLASKISH_FUZZ_TARGET must be one of: \(names)")
        exit(2)
    }
    return target
}

#if FLASKISH_LIBFUZZER
/// Set once, before libFuzzer calls `fuzzOne`.
nonisolated(unsafe) private var target: FuzzTarget?

/// libFuzzer's own `main` (linked in, though unused) names this symbol, so it must exist.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target?.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@_cdecl("FlaskishFuzzer_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    target = selectedTarget()
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) }
}
#else
@main
struct Replay {
    static func main() throws {
        let target = selectedTarget()
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { printError("cannot open \(path)"); exit(1) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&buffer, 1, buffer.count, file)
                if n <= 0 { break }
                bytes += buffer[..<n]
            }
            fclose(file)
            bytes.withUnsafeBytes { target.run($0) }
            print("\(target.name): \(path) ok")
        }
    }
}
#endif
