import Flaskish
import Foundation

private let authors: [(name: String, handle: String)] = [
    ("Ana Lima", "ana"), ("Zoë O'Neil", "zoe"), ("Bob <Admin>", "bob"), ("Chen Wei", "chen"), ("Dana & Co", "dana"),
]
private let tagNames = ["swift", "python", "web dev", "c++", "performance", "jinja", "flask", "tips & tricks"]

/// Two digits, as Python's `f"{n:02d}"`.
private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// The data of `blog/index.html`, the same as bench.py's `blog_context()`: 300 posts, newest
/// first, with a tag-count dict built in the same insertion order (ties in `dictsort` keep it).
func blogContext() -> [String: TemplateValue] {
    let authorValues: [TemplateValue] = authors.map { ["name": .string($0.name), "handle": .string($0.handle)] }
    var posts: [TemplateValue] = []
    var slugs: [TemplateValue] = []
    var tagCounts = TemplateDict()
    for i in 0..<300 {
        let month = 12 - i / 25
        let day = 28 - i % 25
        let first = tagNames[i % 8], second = tagNames[(i * 3 + 1) % 8]
        let tags = i % 4 == 0 || first == second ? [first] : [first, second]
        for tag in tags {
            let count: Int = if case .int(let n) = tagCounts[tag] { n } else { 0 }
            tagCounts[tag] = .int(count + 1)
        }
        let kind = i % 10 == 0 ? "featured" : i % 7 == 0 ? "draft" : "normal"
        let slug = "\(i)-\(first.replacingOccurrences(of: " ", with: "-"))-notes"
        if i < 12 { slugs.append(.string(slug)) }
        posts.append([
            "id": .int(i),
            "slug": .string(slug),
            "title": .string("Post \(i): \(first) <notes> & more"),
            "author": authorValues[i % 5],
            "date": .string("2026-\(twoDigits(month))-\(twoDigits(day))"),
            "month": .string("2026-\(twoDigits(month))"),
            "tags": .list(tags.map { .string($0) }),
            "kind": .string(kind),
            "summary": .string("In part \(i) we look at \(first) and \(second), with <code>examples</code> & benchmarks that run for a while."),
            "stats": ["views": .int(i * 37 % 1000), "likes": .int(i * 13 % 97), "comments": .int(i % 11)],
            "rating": .double(Double(i % 50) / 10),
            "badge": i < 5 ? .markup("<span class=\"badge\">new</span>") : .none,
        ])
    }
    let site: TemplateValue = [
        "title": "The Flaskish Blog", "tagline": "Fast & <safe> templates",
        "footer_html": .markup("&copy; 2026 <a href=\"/\">Flaskish</a> &middot; made with care"),
    ]
    let meta: TemplateValue = [
        "page": 1, "per_page": 300, "slugs": .list(slugs), "owner": "Zoë",
        "filters": ["tag": .none, "q": "</script><b>'x'</b> & more"], "ratio": 0.25, "flags": [true, false],
        "count": .int(posts.count),
    ]
    return ["posts": .list(posts), "tag_counts": .dict(tagCounts), "site": site, "meta": meta, "page": 1]
}

/// Renders `blog/index.html` through the app's `renderTemplate` inside a request context, as
/// a view function would, so `url_for` builds real URLs from the app's routes; bench.py does
/// the same with Flask's `render_template` inside `app.test_request_context()`. The context is
/// bound on this thread (no server, no test client, no other thread), which also lets valgrind
/// count the render's instructions (instructions.sh).
func benchBlogPage(directory: String, seconds: Double) throws -> (output: String, count: Int, cpuSeconds: Double) {
    // Flask finds templates in `<rootPath>/templates`.
    var root = directory
    while root.hasSuffix("/") { root.removeLast() }
    guard root.hasSuffix("/templates") || root == "templates" else {
        throw BenchmarkError("the templates folder must be named 'templates' (got \(directory))")
    }
    root = String(root.dropLast("templates".count))
    if root.isEmpty { root = "." }

    let app = Flask("blogbench", rootPath: root, staticFolder: nil)
    app.route("/") { _ in "" }
    app.route("/post/<slug>", endpoint: "post") { request in try request.viewArgs.get("slug", as: String.self) }
    app.route("/tag/<name>", endpoint: "tag") { request in try request.viewArgs.get("name", as: String.self) }
    app.route("/author/<handle>", endpoint: "author") { request in try request.viewArgs.get("handle", as: String.self) }

    let context = blogContext()
    let request = AppContext(app: app, request: Request(method: .GET, target: "/"))
    return try AppContext.$current.withValue(request) {
        let output = try renderTemplate("blog/index.html", context)
        let (count, cpuSeconds) = try timed(seconds: seconds) { _ = try renderTemplate("blog/index.html", context) }
        return (output, count, cpuSeconds)
    }
}

/// A benchmark that could not run, with the reason.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
