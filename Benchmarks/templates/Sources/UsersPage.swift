import Flaskish

/// The data of `page.html`, the same as bench.py's `users_context()`.
func usersContext() -> [String: TemplateValue] {
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

/// Renders `page.html` with a bare `TemplateEnvironment`, as bench.py does with a bare Jinja2
/// `Environment`: the engine alone.
func benchUsersPage(directory: String, seconds: Double) throws -> (output: String, count: Int, cpuSeconds: Double) {
    let environment = TemplateEnvironment(loader: FileSystemLoader([directory]))
    let template = try environment.getTemplate("page.html")
    let context = usersContext()
    let output = try template.render(context: context)
    let (count, elapsed) = try timed(seconds: seconds) { _ = try template.render(context: context) }
    return (output, count, elapsed)
}
