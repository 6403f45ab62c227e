import Testing
@testable import Flaskish

/// Spot checks of filters; the differential suite compares all of them with Jinja2.
struct TemplatesFiltersTests {
    private func render(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try TemplateEnvironment().renderString(source, context: context)
    }

    @Test(arguments: [
        ("{{ 'foo bar baz qux'|truncate(9) }}", "foo..."),
        ("{{ 'hello world'|truncate(10) }}", "hello world"),
        ("{{ 'hello world!!!!'|truncate(5, true) }}", "he..."),
        ("{{ 2.5|round }}", "2.0"),
        ("{{ 2.675|round(2) }}", "2.67"),
        ("{{ 3|round }}", "3"),
        ("{{ '%05.1f'|format(3.14159) }}", "003.1"),
        ("{{ [3, 1, 2]|sort|join(',') }}", "1,2,3"),
        ("{{ 'a b'|urlencode }}", "a%20b"),
        ("{{ {'a': '<'}|tojson }}", "{\"a\": \"\\u003c\"}"),
        ("{{ 'x'|center(5) }}", "  x  "),
        ("{{ [1,2,3,4,5]|batch(2)|list }}", "[[1, 2], [3, 4], [5]]"),
        ("{{ [1,2,3]|batch(0)|list }}", "[[], [1, 2, 3]]"),
        ("{{ 'ab cdefghij'|wordwrap(5) }}", "ab cd\nefghi\nj"),
        ("{{ 'a well-known thing'|wordwrap(8) }}", "a well-\nknown\nthing"),
        ("{{ '<b>x</b>'|safe|title }}", "&lt;B&gt;x&lt;/b&gt;"),
        ("{{ ('<b>%s</b>'|safe) % '<i>' }}", "<b>&lt;i&gt;</b>"),
        ("{{ ['<a>']|join('<br>'|safe) }}", "&lt;a&gt;"),
        ("{{ 'Hello World'|wordcount }}", "2"),
        ("{{ '42abc'|int(-1) }}", "-1"),
        ("{{ none|default('x') }}", "None"),
        ("{{ missing|d('x') }}", "x"),
    ])
    func filterOutput(_ source: String, _ expected: String) throws {
        #expect(try render(source) == expected)
    }

    /// Refused when the template is loaded, even in a branch never taken, as Jinja's compiler does.
    @Test func unknownFilterIsRefusedWhenLoading() {
        do {
            _ = try TemplateEnvironment().fromString("{% for x in [] %}{{ x|nope }}{% endfor %}")
            Issue.record("expected error")
        } catch let error as TemplateAssertionError {
            #expect(error.message.contains("nope"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Under an `if`, Jinja waits until the filter is used.
    @Test func unknownFilterUnderIfFailsOnlyWhenUsed() throws {
        #expect(try render("{% if false %}{{ 1|nope }}{% endif %}ok") == "ok")
        #expect(throws: TemplateRuntimeError.self) { try TemplateEnvironment().renderString("{% if true %}{{ 1|nope }}{% endif %}") }
    }

    @Test func mapAndSelectByName() throws {
        let users: TemplateValue = [["name": "a", "on": true], ["name": "b", "on": false]]
        #expect(try render("{{ users|selectattr('on')|map(attribute='name')|join }}", ["users": users]) == "a")
        #expect(try render("{{ ['x', 'y']|map('upper')|join }}") == "XY")
    }

    @Test func groupbyExposesGrouperAndList() throws {
        let rows: TemplateValue = [["k": 2, "v": "a"], ["k": 1, "v": "b"], ["k": 2, "v": "c"]]
        #expect(try render("{% for g in rows|groupby('k') %}{{ g.grouper }}={{ g.list|map(attribute='v')|join }};{% endfor %}", ["rows": rows]) == "1=b;2=ac;")
    }

    @Test func escapeKeepsMarkupAndSafeMarksIt() throws {
        #expect(try render("{{ '<'|e|e }}{{ '<i>'|safe }}") == "&lt;<i>")
    }
}
