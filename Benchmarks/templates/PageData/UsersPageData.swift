import Flaskish

/// The data of `page.html`: the same 1 000 users as Benchmarks/templates/bench.py's
/// `users_context()`. Both the template benchmark and HelloBenchmark's `/page` render it
/// (hello_flask.py imports bench.py's for its own `/page`).
public func usersPageContext() -> [String: TemplateValue] {
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
