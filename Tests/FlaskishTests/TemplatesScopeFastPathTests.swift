import Testing
@testable import Flaskish

/// The fast paths of variable access, macro calls, call blocks and `if`/comparison chains
/// (attribute chains read where the values live, reused macro scopes, the stacked call
/// block, the cached `caller`), checked against what the general paths give. Expected
/// strings were printed by CPython 3.11 with Jinja2 3.1.6.
struct TemplatesScopeFastPathTests {
    private func render(_ source: String, _ context: [String: TemplateValue] = [:], autoescape: Bool = false,
                        strict: Bool = false) throws -> String {
        let environment = TemplateEnvironment()
        environment.autoescape = { _ in autoescape }
        if strict { environment.undefined = .strict }
        return try environment.renderString(source, context: context)
    }

    // MARK: Attribute chains read in place

    @Test func attributesOfNamesAndOfTheirAttributesFollowTheGeneralRules() throws {
        #expect(try render("{{ u.name }}|{{ u.nick }}|{{ u.items()|list|length }}|{{ u.get('name') }}",
                           ["u": ["name": "Ana", "x": 1]], autoescape: true) == "Ana||2|Ana")
        #expect(try render("{{ p.author.name }}/{{ p.author.missing }}/{{ p.title.upper() }}/{{ p.author.keys()|list|length }}",
                           ["p": ["title": "t<", "author": ["name": "B&"]]], autoescape: true) == "B&amp;//T&lt;/1")
        #expect(try render("{{ u.name.z }}|{{ u.nick is defined }}", ["u": ["name": "n"]]) == "|False")
        #expect(try render("{% for i in 'abc' %}{{ loop.index }}{{ loop.first }}{{ loop.revindex0 }}{{ loop.length }};{% endfor %}")
                == "1True23;2False13;3False03;")
    }

    @Test func stringsAreEqualWhenTheirCodePointsAre() throws {
        // Python compares code points; Swift's `==` calls canonically equivalent spellings equal.
        let source = "{{ a == b }}|{{ a != b }}|{{ [a, b]|unique|list|length }}|{{ {a: 1, b: 2}|length }}|{{ a in [b] }}|"
            + "{{ a < b }}|{% for g in rows|groupby('k') %}[{{ g.grouper|length }}:{{ g.list|length }}]{% endfor %}|{{ {a: 1}[b] is defined }}"
        let decomposed: TemplateValue = "e\u{301}", composed: TemplateValue = "\u{e9}"
        let context: [String: TemplateValue] = ["a": decomposed, "b": composed, "rows": [["k": decomposed], ["k": composed]]]
        #expect(try render(source, context) == "False|True|2|2|False|True|[2:1][1:1]|False")
    }

    @Test func keysWithAnotherRepresentationAreStillFound() throws {
        // A long key is a heap string: the template's copy of the name is another object, so
        // the in-place comparison of representations fails and the general lookup decides.
        let long = String(repeating: "k", count: 24)
        #expect(try render("{{ d.\(long) }}", ["d": .dict(TemplateDict([(.string(String(long.reversed())), 1), (.string(long), 2)]))]) == "2")
        // A Markup key equals the str name (Python: `Markup('name') == 'name'`).
        #expect(try render("{{ d.name }}", ["d": .dict(TemplateDict([(.markup("name"), "m")]))]) == "m")
    }

    @Test func largeDictsWhoseKeysMoveBetweenRowsAreReadByTheirIndex() throws {
        let forward = TemplateDict((0..<12).map { (TemplateValue.string("k\($0)"), TemplateValue.int($0)) })
        let backward = TemplateDict((0..<12).reversed().map { (TemplateValue.string("k\($0)"), TemplateValue.int(-$0)) })
        #expect(try render("{% for r in rows %}{{ r.k1 }}{{ r.k9 }}.{% endfor %}", ["rows": [.dict(forward), .dict(backward)]]) == "19.-1-9.")
    }

    @Test func dictsWithAHashIndexFindKeysOfAnyRepresentation() throws {
        // Past 8 entries a dict has a hash index; str keys written the same way are found by
        // their representation first, anything else (Markup, a long key) through the index.
        var pairs = (0..<12).map { (TemplateValue.string("k\($0)"), TemplateValue.int($0)) }
        let long = String(repeating: "q", count: 20)
        pairs += [(.markup("m"), "markup"), (.string(String(long.utf8.map { Character(UnicodeScalar($0)) })), "long")]
        let source = "{{ d.m }}|{{ d['m'] }}|{{ d.\(long) }}|{{ d['k11'] }}|{{ [d]|map(attribute='k3')|join }}|{{ d.nope is defined }}"
        #expect(try render(source, ["d": .dict(TemplateDict(pairs))]) == "markup|markup|long|11|3|False")
    }

    @Test func undefinedBasesRaiseAsBefore() throws {
        #expect(throws: UndefinedError.self) { try render("{{ x.y }}") }
        #expect(throws: UndefinedError.self) { try render("{{ u.nick.z }}", ["u": ["name": "n"]]) }
        #expect(throws: UndefinedError.self) { try render("{{ u.nick }}", ["u": ["name": "n"]], strict: true) }
    }

    // MARK: Reused macro scopes

    @Test(arguments: [
        ("{% macro m(a) %}{% if a %}{% set x = a %}{% endif %}[{{ x }}]{% endmacro %}{{ m(1) }}{{ m(0) }}{{ m(2) }}", "[1][g][2]"),
        ("{% macro f(n) %}{% if n > 0 %}{{ n }}({{ f(n - 1) }}){% endif %}{% endmacro %}{{ f(4) }}", "4(3(2(1())))"),
        ("{% macro outer(a) %}{% macro inner() %}{{ a }}{% endmacro %}{{ inner() }}{% endmacro %}{{ outer(1) }}{{ outer(2) }}", "12"),
        ("{% macro m(a, b=a ~ '!') %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}{{ m(2, 3) }}{{ m() }}", "11!23!"),
        ("{% macro m(a) %}{% for i in range(a) %}{{ i }}{% endfor %}{% endmacro %}{% for j in range(3) %}{{ m(j) }}|{% endfor %}", "|0|01|"),
    ])
    func macroCallsSeeOnlyTheirOwnVariables(_ source: String, _ expected: String) throws {
        #expect(try render(source, ["x": "g"]) == expected)
    }

    @Test func onlyBodiesThatCannotKeepTheirScopeReuseIt() throws {
        let compile = { (source: String) -> [CompiledNode] in TemplateCompiler.compile(try TemplateParser.parse(source, name: nil, options: TemplateSyntaxOptions()).body) }
        #expect(TemplateScopeReuse.bodyReleasesScope(try compile("a{{ x }}{% if y %}{% set z = 1 %}{% for i in x %}{{ i }}{% endfor %}{% endif %}")))
        #expect(!TemplateScopeReuse.bodyReleasesScope(try compile("{% if y %}{% macro m() %}{% endmacro %}{% endif %}")))
        #expect(!TemplateScopeReuse.bodyReleasesScope(try compile("{% for i in x %}{% call f() %}{% endcall %}{% endfor %}")))
        #expect(!TemplateScopeReuse.bodyReleasesScope(try compile("{% for i in x recursive %}{{ loop(i) }}{% endfor %}")))
        #expect(!TemplateScopeReuse.bodyReleasesScope(try compile("{% with a = 1 %}{% include 'x' %}{% endwith %}")))
        #expect(!TemplateScopeReuse.bodyReleasesScope(try compile("{% import 'x' as y with context %}")))
    }

    // MARK: Loops

    @Test(arguments: [
        ("{% for x in [1,2,3] %}{% if x == 2 %}{% set y = x %}{% endif %}{{ x }}{{ y }};{% endfor %}", "1g;22;3g;"),
        ("{% for x in [1,2,3] %}{{ x }}{% set x = 0 %}{{ x }};{% endfor %}", "10;20;30;"),
        ("{% for x in [1,2] %}{{ loop.index }}{% for y in [3,4] %}{{ loop.index }}{{ x }}{{ y }}{% endfor %};{% endfor %}", "1113214;2123224;"),
        ("{% for a, b in [(1, 2), (3, 4)] %}{{ a }}{{ b }}{% endfor %}", "1234"),
        ("{% for x in [1, 2, 3] if x != 2 %}{{ x }}{{ loop.index }}{% endfor %}", "1132"),
        ("{% for a, b in [(1, 2), (3, 4)] %}{{ a }}{{ b }}{% set a = 0 %}{{ a }}{{ loop.index }};{% endfor %}", "1201;3402;"),
        ("{% for a, b in [(1, 2), [3, 4], 'xy', (5, 6)] %}{{ a }}{{ b }};{% endfor %}", "12;34;xy;56;"),
        ("{% for a, a in [(1, 2), (3, 4)] %}{{ a }};{% endfor %}", "2;4;"),
    ])
    func eachIterationStartsFromTheTargetAlone(_ source: String, _ expected: String) throws {
        // The next item rebinds the target in place only while the body has set nothing.
        #expect(try render(source, ["y": "g"]) == expected)
    }

    @Test func loopCycleWithConstantItemsPicksByTheLoopsIndex() throws {
        let f = TemplateValue.callable(TemplateCallable(name: "f") { args in
            guard case .int(let n)? = args.positional.first else { return .none }
            return .int(n * 10)
        })
        #expect(try render("{% for i in range(5) %}{{ loop.cycle('a', 'b', 'c') }}{{ f(loop.cycle(1, 2)) }}{% endfor %}", ["f": f]) == "a10b20c10a20b10")
        #expect(try render("{% for i in range(2) %}{% for j in range(3) %}{{ loop.cycle('x', 'y') }}{% endfor %};{% endfor %}") == "xyx;xyx;")
        #expect(try render("{% for i in range(3) %}{{ loop.cycle(a, i) }}{% endfor %}", ["a": "A"]) == "A1A")
        #expect(throws: UndefinedError.self) { try render("{{ loop.cycle('a') }}") }
        #expect(throws: TemplateRuntimeError.self) { try render("{% for i in range(2) %}{{ loop.cycle() }}{% endfor %}") }
        // A `loop` that is not a loop's is called the general way.
        let cycle = TemplateValue.callable(TemplateCallable(name: "cycle") { _ in "own" })
        #expect(try render("{{ loop.cycle('a') }}", ["loop": ["cycle": cycle]]) == "own")
    }

    @Test func aPairTargetStillRefusesItemsOfAnotherLength() throws {
        #expect(throws: TemplateRuntimeError.self) { try render("{% for a, b in [(1, 2), (3, 4, 5)] %}{{ a }}{{ b }};{% endfor %}") }
    }

    @Test func aMissingKeyGivesTheSameUndefinedEveryTime() throws {
        let rows: TemplateValue = [["a": 1], ["b": 2], ["a": 3]]
        #expect(try render("{% for r in rows %}{{ r.a is defined }}{{ r.a|default('-') }}{% endfor %}", ["rows": rows]) == "True1False-True3")
        #expect(throws: UndefinedError.self) { try render("{% for r in rows %}{{ r.a }}{% endfor %}", ["rows": rows], strict: true) }
    }

    // MARK: Call blocks

    @Test(arguments: [true, false])
    func callBlocksInALoopSeeEachIteration(_ autoescape: Bool) throws {
        let source = "{% macro m(a) %}<{{ a }}:{{ caller() }}>{% endmacro %}{% for i in [1, 2] %}{% call m(i) %}{{ i }}&{{ loop.index }}{% endcall %}{% endfor %}"
        #expect(try render(source, autoescape: autoescape) == "<1:1&1><2:2&2>")
    }

    @Test func callBlocksTakeEveryKindOfCall() throws {
        #expect(try render("{% macro m(a, b=0) %}{{ a }}{{ b }}{{ caller() }}{% endmacro %}{% call m(1, b=2) %}x{% endcall %}{% call m(b=3, a=4) %}y{% endcall %}") == "12x43y")
        #expect(try render("{% macro m() %}{{ caller(5) }}{{ caller(6) }}{% endmacro %}{% call(x) m() %}[{{ x }}]{% endcall %}") == "[5][6]")
        // The call block's macro has no name: Jinja prints it as `<Macro anonymous>`.
        #expect(try render("{% macro m() %}{{ caller }}|{{ caller.name }}|{{ m }}{% endmacro %}{% call m() %}x{% endcall %}")
                == "<Macro anonymous>|None|<Macro 'm'>")
        #expect(try render("{% macro m(a) %}{{ a }}{{ varargs|length }}{{ caller() }}{% endmacro %}{% call m(1, 2, 3) %}c{% endcall %}") == "12c")
        #expect(try render("{% macro m(a, b) %}{{ a }}{{ b }}{{ caller() }}{% endmacro %}{% call m(1) %}c{% endcall %}") == "1c")
        #expect(try render("{% macro card(p) %}<{{ caller() }}>{% endmacro %}{% macro row(p) %}{% call card(p) %}{{ p }}{% call card(p ~ '!') %}{{ p }}?{% endcall %}{% endcall %}{% endmacro %}{{ row(1) }}{{ row(2) }}") == "<1<1?>><2<2?>>")
        #expect(throws: TemplateRuntimeError.self) { try render("{% macro m(a) %}{{ a }}{% endmacro %}{% call m(1) %}c{% endcall %}") }
        // A callable that is not a macro gets `caller` as a keyword argument.
        let f = TemplateValue.callable(TemplateCallable(name: "f") { args in
            .string("\(args.positional.count):\(args["caller"].map { _ in "caller" } ?? "-")")
        })
        #expect(try render("{% call f(1, 2) %}x{% endcall %}", ["f": f]) == "2:caller")
    }

    @Test func callerOutputIsEscapedOnceInEitherMode() throws {
        let source = "{% macro m(a) %}{{ caller() }}{% endmacro %}{% call m('<b>') %}{{ '<i>' }}{% endcall %}{% call m(1) %}{{ '<i>'|safe }}{% endcall %}"
        #expect(try render(source, autoescape: true) == "&lt;i&gt;<i>")
        #expect(try render(source, autoescape: false) == "<i><i>")
        #expect(try render("{% macro m(a) %}{{ a }}{{ caller()|upper }}{% endmacro %}{% call m(1) %}x&{% endcall %}", autoescape: true)
                == "1X&")
    }

    // MARK: Conditions and calls without arguments

    @Test func elifChainsAndComparisonsTakeEveryBranch() throws {
        #expect(try render("{% for k in ['a', 'b', 'c', 'd'] %}{% if k == 'a' %}A{% elif k == 'b' %}B{% elif k != 'd' %}C{% else %}D{% endif %}{% endfor %}") == "ABCD")
        #expect(try render("{{ 'a' == 'a' }}{{ 'a' != 'a' }}{{ 'x'|safe == 'x' }}{{ 1 < 2 < 3 }}{{ 1 < 3 < 2 }}{{ 'b' in 'abc' }}{{ none == none }}{{ missing == 'x' }}")
                == "TrueFalseTrueTrueFalseTrueTrueFalse")
        #expect(throws: UndefinedError.self) { try render("{{ missing == 'x' }}", strict: true) }
    }

    @Test func callsWithoutArgumentsWriteMacrosAndFunctionsAlike() throws {
        let f = TemplateValue.callable(TemplateCallable(name: "f") { _ in "<f>" })
        #expect(try render("{% macro m() %}<{{ 1 }}>{% endmacro %}{{ m() }}{{ f() }}{% set x = m() %}{{ x }}", ["f": f], autoescape: true)
                == "<1>&lt;f&gt;<1>")
    }
}
