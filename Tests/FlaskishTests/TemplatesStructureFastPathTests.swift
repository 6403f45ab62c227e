import Testing
@testable import Flaskish

/// The fast paths of sorting (`sort`, `dictsort`, `groupby`), of includes and inheritance,
/// of `{% with %}` and of the shared globals scope, each checked against the general path or
/// against what Jinja2 3.1.6 printed for the same template (the expected strings).
struct TemplatesStructureFastPathTests {
    private func environment(_ templates: [String: String] = [:]) -> TemplateEnvironment {
        TemplateEnvironment(loader: DictionaryLoader(templates))
    }

    private func render(_ source: String, _ context: [String: TemplateValue] = [:], templates: [String: String] = [:]) throws -> String {
        try environment(templates).renderString(source, context: context)
    }

    // MARK: Sorting

    /// Random keys of the kinds that pack (integers, strings below U+0300 with shared
    /// prefixes, NUL bytes, lengths around 8 and 16) and of those that do not, in both
    /// directions: the packed order is the general order.
    @Test func packedOrderIsTheGeneralOrder() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "A", "b", "\u{0}", "é", "É", "ÿ", "z", "abcdefgh", "abcdefghijklmnop", "ß", "~", "0"]
        for round in 0..<400 {
            let count = Int.random(in: 0...40, using: &generator)
            let keys: [TemplateValue]
            if round % 2 == 0 {
                keys = (0..<count).map { _ in .int(Int.random(in: -3...3, using: &generator) * (round % 4 == 0 ? Int.max / 4 : 1)) }
            } else {
                keys = (0..<count).map { _ in
                    let text = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                    return Bool.random(using: &generator) ? .string(text) : .markup(text)
                }
            }
            let packed = try #require(SortKeys(keys, caseFolded: false))
            let folded = try #require(SortKeys(keys, caseFolded: true))
            for reverse in [false, true] {
                let general = try TemplateFilters.generalOrder(keys, reverse: reverse)
                #expect(packed.order(reverse: reverse) == general, "\(keys) reverse \(reverse)")
                let generalFolded = try TemplateFilters.generalOrder(keys.map(TemplateFilters.caseFolded), reverse: reverse)
                #expect(folded.order(reverse: reverse) == generalFolded, "\(keys) folded, reverse \(reverse)")
            }
            // Equal packed keys are the equal keys.
            var unequal: [(Int, Int)] = []
            for i in keys.indices { for j in keys.indices where packed.same(i, j) != (keys[i] == keys[j]) { unequal.append((i, j)) } }
            #expect(unequal.isEmpty, "\(keys)")
        }
    }

    @Test func keysThatDoNotPackTakeTheGeneralPath() {
        #expect(SortKeys([.int(1), .string("a")], caseFolded: false) == nil)
        #expect(SortKeys([.string("e\u{301}")], caseFolded: false) == nil)
        #expect(SortKeys([.double(1), .int(2)], caseFolded: false) == nil)
        #expect(SortKeys([.bool(true), .int(2)], caseFolded: false) == nil)
        #expect(SortKeys([], caseFolded: false)?.order(reverse: false) == [])
    }

    /// The Latin-1 lower case is Swift's for every code point below U+0100, alone and in text.
    @Test func latin1LowerCaseIsSwiftsLowerCase() {
        for value in 0..<0x100 {
            let text = String(Character(Unicode.Scalar(UInt8(value))))
            #expect(TemplateFilters.latin1Lower(text) == text.lowercased(), "U+\(String(value, radix: 16))")
            #expect(TemplateFilters.lowercased("Ab\(text)Ç") == "Ab\(text)Ç".lowercased())
        }
        #expect(TemplateFilters.latin1Lower("Ÿ") == nil)
        #expect(TemplateFilters.lowercased("ŸİΣ") == "ŸİΣ".lowercased())
    }

    @Test func groupbySortsFoldsAndGroupsAsJinja() throws {
        func rows(_ pairs: [(TemplateValue, Int)]) -> TemplateValue {
            .list(pairs.map { ["k": $0.0, "n": .int($0.1)] })
        }
        let template = "{% for g in items|groupby('k') %}{{ g.grouper }}:{{ g.list|map(attribute='n')|join(',') }};{% endfor %}"
        let mixed = rows([("b", 1), ("A", 2), ("a", 3), ("B", 4), ("Zoë", 5), ("zoë", 6), ("ÀB", 7), ("àb", 8)])
        #expect(try render(template, ["items": mixed]) == "A:2,3;b:1,4;Zoë:5,6;ÀB:7,8;")
        let sensitive = "{% for g in items|groupby('k', case_sensitive=true) %}{{ g.grouper }}:{{ g.list|map(attribute='n')|join(',') }};{% endfor %}"
        #expect(try render(sensitive, ["items": rows([("b", 1), ("A", 2), ("a", 3), ("B", 4)])]) == "A:2;B:4;a:3;b:1;")
        #expect(try render(template, ["items": rows([(3, 1), (-1, 2), (3, 3), (0, 4)])]) == "-1:2;0:4;3:1,3;")
        let long = rows([("abcdefghijklmnopqrZ", 1), ("abcdefghijklmnopqrA", 2), ("abcdefghijklmnop", 3), ("abcdefghijklmnopqrZ", 4)])
        #expect(try render(template, ["items": long]) == "abcdefghijklmnop:3;abcdefghijklmnopqrA:2;abcdefghijklmnopqrZ:1,4;")
        // Markup is folded too (Jinja lowers any `str`); the grouper is the first item's.
        let markup = "{% for g in items|groupby('k') %}{{ g.grouper }}:{{ g.list|length }};{% endfor %}"
        #expect(try render(markup, ["items": rows([(.markup("B"), 0), ("b", 0), ("a", 0)])]) == "a:1;B:2;")
        // Errors of the general path stay.
        #expect(throws: TemplateRuntimeError.self) { try render(template, ["items": rows([(1, 1), ("a", 2)])]) }
    }

    @Test func dictsortFastPathsMatchJinja() throws {
        let dict: TemplateValue = ["b": 1, "B": 2, "a": 3, "Ä": 4, "ä": 5, "c": 6]
        #expect(try render("{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}", ["d": dict]) == "a=3;b=1;B=2;c=6;Ä=4;ä=5;")
        #expect(try render("{% for k, v in d|dictsort(true) %}{{ k }}={{ v }};{% endfor %}", ["d": dict]) == "B=2;a=3;b=1;c=6;Ä=4;ä=5;")
        let numbers: TemplateValue = ["x": 1, "y": 3, "z": 1, "w": 3, "v": 2]
        #expect(try render("{% for k, v in d|dictsort(by='value', reverse=true) %}{{ k }}={{ v }};{% endfor %}", ["d": numbers])
            == "y=3;w=3;v=2;x=1;z=1;")
        let letters: TemplateValue = ["x": "b", "y": "A", "z": "a", "w": "B"]
        #expect(try render("{% for k, v in d|dictsort(by='value') %}{{ k }}={{ v }};{% endfor %}", ["d": letters]) == "y=A;z=a;x=b;w=B;")
        #expect(try render("{% for k, v in d|dictsort %}{{ k }};{% endfor %}", ["d": .dict(TemplateDict([(.markup("B"), 1), ("a", 2)]))]) == "a;B;")
        #expect(throws: TemplateRuntimeError.self) { try render("{{ d|dictsort }}", ["d": .dict(TemplateDict([(.int(1), "a"), ("b", 2)]))]) }
    }

    @Test func sortAndFirstMatchJinja() throws {
        let items: TemplateValue = .list(["b", "A", "a", "B", "ab", "Ab", "aB", "a\u{0}", "a", "ÿ", "Ÿ", "ß"].map { .string($0) })
        let source = "{{ items|sort|join(',') }}|{{ items|sort(reverse=true)|join(',') }}|{{ items|sort(case_sensitive=true)|join(',') }}"
        #expect(try render(source, ["items": items])
            == "A,a,a,a\u{0},ab,Ab,aB,b,B,ß,ÿ,Ÿ|ÿ,Ÿ,ß,b,B,ab,Ab,aB,a\u{0},A,a,a|A,Ab,B,a,a,a\u{0},aB,ab,b,ß,ÿ,Ÿ")
        #expect(try render("{{ items|sort|join(',') }}", ["items": [.markup("B"), "a"]]) == "a,B")
        #expect(try render("{{ items|sort|join(',') }}", ["items": [1, -5, 3, 3, 0, .int(-(1 << 62))]]) == "-4611686018427387904,-5,0,1,3,3")
        #expect(try render("{{ items|first }}|{{ []|first }}|{{ 'abc'|first }}", ["items": [3, 4]]) == "3||a")
    }

    /// `map(attribute=…)` remembers where the last dict kept the key: dicts of other layouts,
    /// and one without the key, still read right.
    @Test func attributeGetterHintsAreOnlyHints() throws {
        let rows: TemplateValue = [["a": 1, "b": 2], ["b": 3, "a": 4], ["c": 0, "a": 1, "b": 5], ["a": 9]]
        #expect(try render("{{ rows|map(attribute='b')|join(',') }}", ["rows": rows]) == "2,3,5,")
        var wide = TemplateDict()
        for i in 0..<12 { wide["k\(i)"] = .int(i) }
        var other = TemplateDict()
        for i in (0..<12).reversed() { other["k\(i)"] = .int(100 + i) }
        #expect(try render("{{ rows|map(attribute='k3')|join(',') }}", ["rows": [.dict(wide), .dict(other), .dict(wide)]]) == "3,103,3")
    }

    // MARK: Includes, inheritance, with

    @Test func includesKeepTheirSemantics() throws {
        let templates = [
            "p.html": "{% block a %}P{% endblock %}|{{ self.a() }}",
            "c.html": "{% extends 'p.html' %}{% block a %}C{{ super() }}{% endblock %}",
            "i.html": "[{{ x }}{% set y = 2 %}{{ y }}]",
            "deep.html": "{% include 'deep.html' %}",
            "j.html": "<j>",
        ]
        #expect(try render("{% include 'c.html' %}", templates: templates) == "CP|CP")
        // The last include by name is remembered, never confused with another name.
        let names = "{% for n in ['i.html', 'j.html', 'j.html', 'i.html', 'nope.html'] %}{% include n ignore missing %}{% endfor %}"
        #expect(try render(names, ["x": 1], templates: templates) == "[12]<j><j>[12]")
        #expect(try render("{% for x in [1,2] %}{% include 'i.html' %}{% endfor %}{{ y }}", ["y": "out"], templates: templates) == "[12][22]out")
        #expect(try render("{% include ['missing.html', 'i.html'] %}{% include 'missing.html' ignore missing %}", ["x": 1], templates: templates) == "[12]")
        #expect(try render("{% set x = 3 %}{% include 'i.html' without context %}", ["x": 1], templates: templates) == "[2]")
        #expect(throws: TemplateNotFound.self) { try render("{% include 'missing.html' %}", templates: templates) }
        #expect(throws: TemplateLimitError.self) { try render("{% include 'deep.html' %}", templates: templates) }
        // `self` and `super` bound only where the source spells them: a block without them,
        // a context variable of those names, a name merely containing them.
        #expect(try render("{% block a %}{{ selfish }}{{ superb }}{% endblock %}", ["selfish": 1, "superb": 2]) == "12")
        #expect(try render("{{ self }}") == "&lt;TemplateReference None&gt;")
        #expect(try render("{% extends 'p.html' %}{% block a %}[{{ x }}]{% endblock %}", ["x": 1], templates: templates) == "[1]|[1]")
    }

    @Test func withAssignsFromTheEnclosingScope() throws {
        #expect(try render("{% with x=1, y=x %}{{ x }}{{ y }}{% endwith %}{{ x }}", ["x": 5]) == "155")
        #expect(try render("{% with x=1, x=2 %}{{ x }}{% endwith %}") == "2")
        #expect(try render("{% with a, b = [1, 2] %}{{ a }}{{ b }}{% endwith %}") == "12")
    }

    /// A `with` around one include lends the template its level: the template's assignments
    /// and `self` behave as in a level of its own, the variables are seen, nothing leaks.
    @Test func withAroundOneIncludeLendsItsLevel() throws {
        let templates = [
            "part.html": "{{ a }}{% set a = 'set' %}{{ a }}{% set b = 2 %}{% block x %}[{{ a }}]{% endblock %}{{ self.x() }}",
            "plain.html": "{{ a }}-{{ i }}",
            "selfish.html": "{{ self is defined }}",
        ]
        #expect(try render("{% with a=1 %}{% include 'part.html' %}{% endwith %}{{ a }}{{ b }}", ["a": "ctx"], templates: templates)
            == "1set[set][set]ctx")
        #expect(try render("{% for i in [1, 2] %}{% with a=i %}{% include 'plain.html' %}{% endwith %};{% endfor %}", templates: templates)
            == "1-1;2-2;")
        #expect(try render("{% with a=1 %}{% include ['nope.html', 'plain.html'] ignore missing %}{% endwith %}", templates: templates) == "1-")
        #expect(try render("{% with a=1 %}{% include 'nope.html' ignore missing %}{% endwith %}", templates: templates) == "")
        #expect(try render("{% with self=1 %}{% include 'selfish.html' %}{% endwith %}", templates: templates) == "True")
    }

    // MARK: Globals

    /// The globals scope is built once per configuration: changing the globals or the limits
    /// shows in the next render, per-render globals and the context still win.
    @Test func sharedGlobalsFollowTheirConfiguration() throws {
        let env = environment()
        env.globals = ["site": "one", "range": "shadowed"]
        #expect(try env.renderString("{{ site }} {{ range }}") == "one shadowed")
        env.globals = ["site": "two"]
        #expect(try env.renderString("{{ site }} {{ range(2)|list }}") == "two [0, 1]")
        #expect(try env.renderString("{{ site }}", globals: ["site": "request"]) == "request")
        #expect(try env.renderString("{{ site }}", context: ["site": "context"], globals: ["site": "request"]) == "context")
        var limits = env.limits
        limits.maxRangeLength = 3
        env.limits = limits
        #expect(throws: TemplateLimitError.self) { try env.renderString("{{ range(10)|list }}") }
        // A macro set at the top level goes into the render's own level, never the shared one.
        #expect(try env.renderString("{% macro site() %}m{% endmacro %}{{ site() }}") == "m")
        #expect(try env.renderString("{{ site }}") == "two")
    }
}
