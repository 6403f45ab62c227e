import Testing
@testable import Flaskish

/// Built-in filters called directly (``DirectFilter``) and written straight into the output
/// (``TemplateRenderer/writeFiltered(_:_:_:escapeFilter:)``) against the general path: the
/// same inputs through `{% set %}` (which evaluates the filter to a value, then writes it) and
/// through `map`, which calls the dictionary's closure.
struct TemplatesDirectFilterTests {
    private static let filters = [
        "title", "lower", "upper", "capitalize", "trim", "string", "length", "first", "last", "list",
        "truncate(9)", "truncate(9, true)", "truncate(9, end=m)", "truncate(9, end=' <…>')", "truncate(200)",
        "truncate(9, leeway=0)", "join", "join(', ')", "join(m)", "join(' & ')", "default('<none>')",
        "default('x', true)", "d(m)", "e", "escape", "safe", "replace('a', '<b>')", "format(1)",
        "select", "reject", "selectattr('a')", "rejectattr('a')",
    ]

    private static let values: [TemplateValue] = [
        "o'brien <b>bold</b> & co-op (x)", .markup("<i>safe</i> & 'markup' text here"), "héllo wörld ☃ ünïcode text",
        "ΣΑΣ ΣΑΣ", "", 42, .none, .undefined("'v' is undefined"), ["a<", "b&", "c"], [.markup("<m>"), "<s>"],
        [["a": 1], ["a": 0]], "%s and %s<",
        // Past the length escaped in one pass.
        .string(String(repeating: "a<b & c'd-e ", count: 400)),
    ]

    private func environment(autoescape: Bool, strict: Bool = false) -> TemplateEnvironment {
        let environment = TemplateEnvironment()
        environment.autoescape = { _ in autoescape }
        if strict { environment.undefined = .strict }
        return environment
    }

    private func outcome(_ environment: TemplateEnvironment, _ source: String, _ value: TemplateValue) -> String {
        do {
            return try environment.renderString(source, context: ["v": value, "m": .markup("<…>")])
        } catch {
            return "error: \(error)"
        }
    }

    @Test(arguments: [false, true], [false, true])
    func writtenFiltersGiveTheBytesOfTheGeneralPath(_ autoescape: Bool, _ strict: Bool) {
        let environment = environment(autoescape: autoescape, strict: strict)
        for filter in Self.filters {
            for value in Self.values {
                let general = outcome(environment, "{% set x = v|\(filter) %}{{ x }}", value)
                let generalEscaped = outcome(environment, "{% set x = v|\(filter) %}{{ x|e }}", value)
                #expect(outcome(environment, "{{ v|\(filter) }}", value) == general, "\(filter) of \(value.pythonRepr)")
                #expect(outcome(environment, "{{ v|\(filter)|e }}", value) == generalEscaped, "\(filter)|e of \(value.pythonRepr)")
            }
        }
    }

    /// The direct call and the dictionary's closure are the same function.
    @Test(arguments: [false, true])
    func directCallsMatchTheBuiltinClosures(_ autoescape: Bool) {
        let environment = environment(autoescape: autoescape)
        for filter in ["title", "lower", "upper", "trim", "string", "length", "first", "last", "list", "join", "e", "safe"] {
            #expect(DirectFilter(filter) != nil && TemplateFilters.builtins[filter] != nil)
            for value in Self.values where !value.isUndefined {
                let direct = outcome(environment, "{{ [v]|map('\(filter)')|list }}", value)
                let viaSet = outcome(environment, "{% set x = v|\(filter) %}{{ [x] }}", value)
                #expect(direct == viaSet, "\(filter) of \(value.pythonRepr)")
            }
        }
        for name in ["capitalize", "replace", "truncate", "format", "count", "select", "reject", "selectattr", "rejectattr",
                     "default", "d", "escape", "safe"]
        {
            #expect(DirectFilter(name) != nil && TemplateFilters.builtins[name] != nil, "\(name)")
        }
    }

    @Test func userFiltersOfEitherNameStillWin() throws {
        let environment = environment(autoescape: true)
        environment.filters["title"] = { value, _ in .string("T(\(value.pythonString))") }
        #expect(try environment.renderString("{{ 'a<b'|title }}") == "T(a&lt;b)")
        #expect(try environment.renderString("{{ 'a<b'|title|e }}") == "T(a&lt;b)")
        environment.filters["e"] = { value, _ in .markup("E[\(value.pythonString)]") }
        #expect(try environment.renderString("{{ 'long text here and more'|truncate(9)|e }}") == "E[long...]")
        #expect(try environment.renderString("{{ 'x<y'|lower|e }}") == "E[x<y]")
        environment.filters["truncate"] = { _, _ in .markup("<cut>") }
        #expect(try environment.renderString("{{ 'long text here'|truncate(9) }}") == "<cut>")
    }

    @Test func argumentErrorsAreTheSame() {
        let environment = environment(autoescape: true)
        #expect(outcome(environment, "{{ 'x'|title(1) }}", .none) == outcome(environment, "{% set y = 'x'|title(1) %}", .none))
        #expect(outcome(environment, "{{ 'x'|truncate(1) }}", .none).contains("AssertionError"))
        #expect(outcome(environment, "{{ 'x'|join(bogus=1) }}", .none).contains("unexpected keyword argument 'bogus'"))
    }

    /// An attribute getter remembers where its key was in the last row: rows with the key
    /// elsewhere, without it, or not dicts at all still read as `getItem` reads them.
    @Test func attributeGettersReadRowsOfAnyShape() throws {
        let environment = environment(autoescape: false)
        let rows: TemplateValue = [["a": 1, "b": "x"], ["b": "y", "a": 0], ["b": "z"], ["b": "w", "a": 2], "str", 5]
        let context: [String: TemplateValue] = ["rows": rows]
        #expect(try environment.renderString("{{ rows|selectattr('a')|list|length }}", context: context) == "2")
        #expect(try environment.renderString("{{ rows|rejectattr('a')|map(attribute='b')|join(',') }}", context: context) == "y,z,,")
        #expect(try environment.renderString("{{ rows|map(attribute='a', default=9)|join(',') }}", context: context) == "1,0,9,2,9,9")
        #expect(try environment.renderString("{{ rows[:2]|map(attribute='items')|map('string')|first is string }}", context: context) == "True")
        let sorted = try environment.renderString("{{ rows[:4]|sort(attribute='b')|map(attribute='b')|join }}", context: context)
        #expect(sorted == "wxyz")
    }

    /// The output limit still applies to what a written filter wrote.
    @Test func theOutputLimitCoversWrittenFilters() {
        let environment = environment(autoescape: true)
        environment.limits = TemplateLimits(maxOutputBytes: 100)
        let long: TemplateValue = .string(String(repeating: "ab ", count: 100))
        #expect(outcome(environment, "{{ v|upper }}", long).contains("maxOutputBytes"))
        #expect(outcome(environment, "{{ v|truncate(250)|e }}", long).contains("maxOutputBytes"))
    }
}
