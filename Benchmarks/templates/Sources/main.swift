// Renders templates/page.html with Flaskish repeatedly and reports renders per second.
// Usage: TemplateBenchmark <templates-dir> [cpu-seconds] [output-file]. Data matches bench.py.
import Flaskish
import Foundation
import Glibc

/// CPU time of this process in seconds (the machine may be shared, so wall time misleads).
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func makeContext() -> [String: TemplateValue] {
    var users: [TemplateValue] = []
    users.reserveCapacity(1000)
    for i in 0..<1000 {
        let tags: [TemplateValue] = Array(["swift", "python"].prefix(i % 3)).map { .string($0) }
        users.append([
            "name": .string("user \(i) o'brien"),
            "email": .string("User\(i)@Example.COM"),
            "bio": .string("Bio of user \(i): likes <b>bold</b> ideas & long walks on the beach, again and again."),
            "score": .double(Double(i) * 0.37),
            "tags": .list(tags),
            "active": .bool(i % 4 != 0),
            "nickname": i % 5 == 0 ? .string("nick<\(i)>") : .none,
        ])
    }
    let nav: TemplateValue = [
        ["href": "/", "label": "Home", "active": true],
        ["href": "/users", "label": "Users & Groups", "active": false],
    ]
    return [
        "title": "user directory",
        "intro": .string(String(repeating: "A list of every user of the system, with their details. ", count: 3)),
        "users": .list(users), "nav": nav, "year": 2024,
    ]
}

let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : "Benchmarks/templates/templates"
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 3 : 3
let environment = TemplateEnvironment(loader: FileSystemLoader([directory]))
let context = makeContext()
do {
    let template = try environment.getTemplate("page.html")
    let output = try template.render(context: context)
    if arguments.count > 3 { try output.write(toFile: arguments[3], atomically: true, encoding: .utf8) }
    var count = 0
    let start = cpuSeconds()
    var elapsed = 0.0
    while elapsed < seconds {
        _ = try template.render(context: context)
        count += 1
        elapsed = cpuSeconds() - start
    }
    print("{\"engine\": \"Flaskish\", \"renders\": \(count), \"cpu_seconds\": \(elapsed), \"renders_per_second\": \(Double(count) / elapsed), \"bytes\": \(output.utf8.count)}")
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
