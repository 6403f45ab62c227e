// Renders the benchmark pages with Flaskish repeatedly and reports renders per CPU second.
//
//   TemplateBenchmark <templates-dir> [cpu-seconds] [output-file] [--page users|blog]
//   TemplateBenchmark <templates-dir> [cpu-seconds] --compile
//   TemplateBenchmark <templates-dir> 0 [output-file] --page users|blog --renders N
//
// Pages and data match bench.py: `users` renders page.html with a bare TemplateEnvironment;
// `blog` renders blog/index.html through a Flask app's renderTemplate inside a request.
// `--compile` measures templates compiled per CPU second and heap per compiled template.
// `--renders N` renders exactly N times (after the first, checked render) instead of for a
// CPU-time budget: what instructions.sh counts under valgrind.
// One JSON line on stdout, in bench.py's format.
import Flaskish
import Foundation
import Glibc

var positional: [String] = []
var page = "users"
var compile = false
var rest = CommandLine.arguments.dropFirst()
while let argument = rest.popFirst() {
    switch argument {
    case "--page": page = rest.popFirst() ?? ""
    case "--compile": compile = true
    case "--renders": _ = rest.popFirst()  // read by `fixedRenderCount`
    default: positional.append(argument)
    }
}
let directory = positional.count > 0 ? positional[0] : "Benchmarks/templates/templates"
let seconds = positional.count > 1 ? Double(positional[1]) ?? 3 : 3
let outputPath = positional.count > 2 ? positional[2] : nil

do {
    if compile {
        print(try benchCompile(directory: directory, seconds: seconds))
        exit(0)
    }
    let run: (output: String, count: Int, cpuSeconds: Double)
    switch page {
    case "users": run = try benchUsersPage(directory: directory, seconds: seconds)
    case "blog": run = try benchBlogPage(directory: directory, seconds: seconds)
    default: throw BenchmarkError("unknown page '\(page)' (known: users, blog)")
    }
    if let outputPath { try run.output.write(toFile: outputPath, atomically: true, encoding: .utf8) }
    print(jsonLine([
        ("engine", quoted("Flaskish")), ("page", quoted(page)), ("renders", "\(run.count)"),
        ("cpu_seconds", "\(run.cpuSeconds)"), ("renders_per_second", "\(Double(run.count) / run.cpuSeconds)"),
        ("bytes", "\(run.output.utf8.count)"),
    ]))
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
