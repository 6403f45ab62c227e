import Testing
@testable import Flaskish

struct TemplatesParserTests {
    private func parse(_ source: String) throws -> [TemplateNode] {
        try TemplateParser.parse(source, name: "t.html", options: .init()).body
    }

    @Test func parsesOutputAndText() throws {
        let nodes = try parse("a{{ x }}")
        #expect(nodes.count == 2)
        guard case .output(.name("x")) = nodes[1] else { Issue.record("expected output of name x"); return }
    }

    @Test func filterBindsTighterThanUnaryMinus() throws {
        guard case .output(.filter(.negate, "abs", _, _)) = try parse("{{ -x|abs }}")[0] else {
            Issue.record("expected (-x)|abs")
            return
        }
    }

    @Test func collectsBlocks() throws {
        let parsed = try TemplateParser.parse("{% block a %}{% block b %}{% endblock %}{% endblock a %}", name: nil, options: .init())
        #expect(Set(parsed.blocks.keys) == ["a", "b"])
    }

    @Test func macroRecordsSpecialNames() throws {
        guard case .macro(let m) = try parse("{% macro m(a, b=1) %}{{ caller() }}{{ varargs }}{% endmacro %}")[0] else {
            Issue.record("expected macro")
            return
        }
        #expect(m.parameters.map(\.0) == ["a", "b"])
        #expect(m.usesCaller && m.usesVarargs && !m.usesKwargs)
    }

    @Test func forLoopWithUnpackingFilterAndElse() throws {
        guard case .forLoop(let loop) = try parse("{% for k, v in d.items() if v %}x{% else %}y{% endfor %}")[0] else {
            Issue.record("expected for")
            return
        }
        guard case .tuple(let targets) = loop.target else { Issue.record("expected tuple target"); return }
        #expect(targets.count == 2)
        #expect(loop.condition != nil)
        #expect(loop.otherwise.count == 1)
    }

    @Test func syntaxErrorNamesTemplateLineColumnAndExpectation() {
        do {
            _ = try TemplateParser.parse("ok\n{{ 1 + }}", name: "page.html", options: .init())
            Issue.record("expected a syntax error")
        } catch let error as TemplateSyntaxError {
            #expect(error.templateName == "page.html")
            #expect(error.line == 2)
            #expect(error.column == 8)
            #expect(error.description.contains("page.html") && error.description.contains("line 2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unclosedBlockSaysWhatWasExpected() {
        do {
            _ = try TemplateParser.parse("{% for x in y %}", name: "t", options: .init())
            Issue.record("expected a syntax error")
        } catch let error as TemplateSyntaxError {
            #expect(error.message.contains("'endfor'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: ["{% if %}", "{% for in x %}{% endfor %}", "{% endif %}", "{{ f(a=1, 2) }}", "{% set %}"])
    func invalidTemplatesThrow(_ source: String) {
        #expect(throws: TemplateSyntaxError.self) { try TemplateParser.parse(source, name: "t", options: .init()) }
    }
}

struct TemplatesNestingLimitTests {
    private func parenthesized(_ depth: Int) -> String {
        "{{ " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " }}"
    }

    @Test func expressionNestingAtLimitParsesAndOnePastFails() throws {
        // The outer expression is one level, each pair of parentheses one more.
        #expect(try TemplateParser.parse(parenthesized(9), name: "t", options: .init(), maxNestingDepth: 10).body.count == 1)
        #expect(throws: TemplateSyntaxError.self) {
            try TemplateParser.parse(parenthesized(10), name: "t", options: .init(), maxNestingDepth: 10)
        }
    }

    @Test func statementNestingIsBounded() throws {
        func nestedIfs(_ n: Int) -> String {
            String(repeating: "{% if true %}", count: n) + "x" + String(repeating: "{% endif %}", count: n)
        }
        // Each `if` is one level and its test expression one more.
        #expect(try TemplateParser.parse(nestedIfs(9), name: "t", options: .init(), maxNestingDepth: 10).body.count == 1)
        #expect(throws: TemplateSyntaxError.self) {
            try TemplateParser.parse(nestedIfs(10), name: "t", options: .init(), maxNestingDepth: 10)
        }
    }

    @Test func hostileDepthIsAnErrorNotACrash() {
        let env = TemplateEnvironment()
        let source = "{{ " + String(repeating: "not ", count: 100_000) + "x }}"
        #expect(throws: TemplateSyntaxError.self) { try env.renderString(source) }
        let brackets = "{{ " + String(repeating: "[", count: 100_000) + " }}"
        #expect(throws: TemplateSyntaxError.self) { try env.renderString(brackets) }
    }

    /// What Jinja refuses when compiling (issue #14), with Jinja's classes.
    @Test(arguments: [
        "{% block a %}{% endblock b %}",
        "{% macro m(a, a) %}{% endmacro %}",
        "{{ f(**k, 1) }}",
        "{{ f(*a, 2) }}",
        "{{ f(a=1, 2) }}",
        "{% from 'm' import f, %}",
    ])
    func rejectsAtParseTime(_ source: String) {
        #expect(throws: TemplateSyntaxError.self) { try TemplateParser.parse(source, name: "t.html", options: .init()) }
    }

    @Test(arguments: [
        "{% from 'm' import _private %}",
        "{% macro m() %}{% extends 'b' %}{% endmacro %}",
        "{% for x in y %}{% extends 'b' %}{% endfor %}",
        "{% block b %}{% extends 'b' %}{% endblock %}",
        "{% block a %}{% endblock %}{% block a %}{% endblock %}",
    ])
    func assertsAtParseTime(_ source: String) {
        #expect(throws: TemplateAssertionError.self) { try TemplateParser.parse(source, name: "t.html", options: .init()) }
    }

    @Test func acceptsExtendsInIfAndNamespaceTuples() throws {
        _ = try TemplateParser.parse("{% if x %}{% extends 'b' %}{% endif %}{% block a %}{% endblock a %}", name: "t.html", options: .init())
        let parsed = try TemplateParser.parse("{% set ns.a, ns.b = 1, 2 %}", name: "t.html", options: .init())
        guard case .set(.tuple(let targets), _) = parsed.body[0] else {
            Issue.record("expected a tuple target")
            return
        }
        #expect(targets.count == 2)
    }
}
