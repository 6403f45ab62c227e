// Per-value cost of the filters and of HTML escaping, through the public template API.
// Usage: TemplateFilterBenchmark [cpu-seconds-per-case] [case-name-substring]
//
// Each case renders one `{% for v in values %}…{% endfor %}` loop over 1 000 values and
// reports nanoseconds per loop iteration (best of three rounds, CPU time). The `loop` case
// is the same loop writing a literal, so `net` (the case minus `loop`) is roughly the cost
// of evaluating, filtering and writing one value. Figures are for comparing builds of this
// file on one machine, never asserted anywhere.
import Flaskish
import Glibc

/// CPU time of this process in seconds (the machine may be shared, so wall time misleads).
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

struct Case {
    let name: String
    let body: String
    let values: [TemplateValue]
}

let count = 1000
func strings(_ make: (Int) -> String) -> [TemplateValue] { (0..<count).map { .string(make($0)) } }

let names = strings { "user \($0) o'brien" }
let plain = strings { "User\($0)@Example.COM and some plain words" }
let special = strings { "Bio of user \($0): likes <b>bold</b> ideas & long walks on the beach, again and again." }
let accented = strings { "Élodie \($0) Ødegård — café crème" }
let scores: [TemplateValue] = (0..<count).map { .double(Double($0) * 0.37) }
let ints: [TemplateValue] = (0..<count).map { .int($0 * 7919 - 1_000_000) }
let tagLists: [TemplateValue] = (0..<count).map { i in .list(Array(["swift", "python"].prefix(i % 3)).map { .string($0) }) }
let stats: [TemplateValue] = (0..<count).map { i in ["views": .int(i * 37 % 1000), "likes": .int(i * 13 % 97), "comments": .int(i % 11)] }
let posts: [TemplateValue] = (0..<count).map { i in .list((0..<10).map { j in ["month": .string("2024-0\((i + j) % 9 + 1)"), "n": .int(j)] }) }
let users: [TemplateValue] = (0..<count).map { i in .list((0..<10).map { j in ["active": .bool((i + j) % 4 != 0)] }) }

let cases: [Case] = [
    Case(name: "loop", body: "x", values: names),
    Case(name: "write-int", body: "{{ v }}", values: ints),
    Case(name: "write-float", body: "{{ v }}", values: scores),
    Case(name: "escape-plain", body: "{{ v }}", values: plain),
    Case(name: "escape-special", body: "{{ v }}", values: special),
    Case(name: "escape-nonascii", body: "{{ v }}", values: accented),
    Case(name: "e", body: "{{ v|e }}", values: special),
    Case(name: "e-plain", body: "{{ v|e }}", values: plain),
    Case(name: "title", body: "{{ v|title }}", values: names),
    Case(name: "title-nonascii", body: "{{ v|title }}", values: accented),
    Case(name: "lower", body: "{{ v|lower }}", values: plain),
    Case(name: "lower-nonascii", body: "{{ v|lower }}", values: accented),
    Case(name: "upper", body: "{{ v|upper }}", values: plain),
    Case(name: "truncate", body: "{{ v|truncate(40) }}", values: special),
    Case(name: "truncate-short", body: "{{ v|truncate(80) }}", values: names),
    Case(name: "format-.1f", body: "{{ \"%.1f\"|format(v) }}", values: scores),
    Case(name: "format-d", body: "{{ \"%d\"|format(v) }}", values: ints),
    Case(name: "format-s", body: "{{ \"<%s>\"|format(v) }}", values: names),
    Case(name: "join", body: "{{ v|join(\", \") }}", values: tagLists),
    Case(name: "default", body: "{{ v|join(\", \")|default(\"none\", true) }}", values: tagLists),
    Case(name: "length", body: "{{ v|length }}", values: names),
    Case(name: "selectattr-list", body: "{{ v|selectattr('active')|list|length }}", values: users),
    Case(name: "dictsort", body: "{% for k, n in v|dictsort %}{{ k }}{% endfor %}", values: stats),
    Case(name: "dictsort-value", body: "{{ (v|dictsort(by='value', reverse=true)|first)[0] }}", values: stats),
    Case(name: "groupby", body: "{{ v|groupby('month')|length }}", values: posts),
    Case(name: "tojson", body: "{{ v|tojson }}", values: stats),
    Case(name: "round", body: "{{ v|round(2) }}", values: scores),
]

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 0.5 : 0.5
let only = arguments.count > 2 ? arguments[2] : nil
let environment = TemplateEnvironment()
var loopCost: Double?
print("case                 ns/item    net")
do {
    for c in cases where c.name == "loop" || (only.map { c.name.contains($0) } ?? true) {
        let template = try environment.fromString("{% for v in values %}\(c.body){% endfor %}")
        let context: [String: TemplateValue] = ["values": .list(c.values)]
        _ = try template.render(context: context)
        var best = Double.infinity
        for _ in 0..<3 {
            var renders = 0
            let start = cpuSeconds()
            var elapsed = 0.0
            while elapsed < seconds / 3 {
                _ = try template.render(context: context)
                renders += 1
                elapsed = cpuSeconds() - start
            }
            best = min(best, elapsed / Double(renders * count) * 1e9)
        }
        if c.name == "loop" { loopCost = best }
        let net = loopCost.map { best - $0 } ?? 0
        let padded = c.name + String(repeating: " ", count: max(0, 18 - c.name.count))
        print("\(padded) \(String(Int(best.rounded())).leftPadded(9)) \(String(Int(net.rounded())).leftPadded(6))")
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
