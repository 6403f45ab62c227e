import Flaskish
import Foundation

/// Every template the two pages use, compiled one by one (the same list as bench.py's).
let benchmarkTemplates = [
    "base.html", "macros.html", "page.html",
    "blog/layout.html", "blog/macros.html", "blog/_meta.html", "blog/index.html",
]

/// Templates compiled per CPU second, from source, through `TemplateEnvironment.fromString`:
/// the public path that parses and prepares a template without the cache (Jinja's
/// `Environment.from_string`, which bench.py measures). Then the heap one compiled template
/// keeps alive: the C heap in use (`heapBytesInUse`) before and after compiling every template `copies` times, all kept.
func benchCompile(directory: String, seconds: Double) throws -> String {
    let sources = try benchmarkTemplates.map { name in
        try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }
    let environment = TemplateEnvironment()
    var index = 0
    let (count, elapsed) = try timed(seconds: seconds) {
        _ = try environment.fromString(sources[index % sources.count])
        index += 1
    }
    let copies = 50
    var kept: [Template] = []
    kept.reserveCapacity(sources.count * copies)
    let before = heapBytesInUse()
    for source in sources {
        for _ in 0..<copies { kept.append(try environment.fromString(source)) }
    }
    let after = heapBytesInUse()
    withExtendedLifetime(kept) {}
    let perTemplate = before.flatMap { before in after.map { Double($0 - before) / Double(kept.count) } }
    return jsonLine([
        ("engine", quoted("Flaskish")), ("page", quoted("compile")), ("templates", "\(sources.count)"),
        ("compiles", "\(count)"), ("cpu_seconds", "\(elapsed)"), ("compiles_per_second", "\(Double(count) / elapsed)"),
        ("source_bytes", "\(sources.reduce(0) { $0 + $1.utf8.count })"),
        ("bytes_per_template", perTemplate.map { "\($0)" } ?? "null"), ("memory_method", quoted("malloc_info")),
    ])
}
