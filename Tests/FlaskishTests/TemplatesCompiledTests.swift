import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// What the compiled form adds on top of the interpreter's semantics (which the differential
/// suite covers): per-site caches, in-place macro rendering, captures on the buffer's tail,
/// and symbols for context keys.
struct TemplatesCompiledTests {
    @Test func attributeSitesReadRowsWhoseKeysAreInAnyOrder() throws {
        // The site remembers where `a` was in the first row; the second row keeps it elsewhere,
        // the third has no `a` at all.
        let rows: TemplateValue = [["a": 1, "b": 2], ["b": 3, "a": 4], ["b": 5]]
        let out = try TemplateEnvironment().renderString("{% for r in rows %}[{{ r.a }}{{ r.b }}]{% endfor %}", context: ["rows": rows])
        #expect(out == "[12][43][5]")
    }

    @Test func oneCompiledTemplateRendersRowsOfDifferentShapesFromManyThreads() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader([
            "rows.html": "{% for r in rows %}{{ r.name }}={{ r.id }};{% endfor %}",
        ]))
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            // Even renders put `name` first, odd ones last: the shared site hint keeps changing.
            let rows: [TemplateValue] = (0..<20).map { n -> TemplateValue in
                var dict = TemplateDict()
                if i % 2 == 0 { dict["name"] = .string("r\(n)") }
                dict["pad\(n % 3)"] = TemplateValue.none
                dict["id"] = .int(i * 100 + n)
                if i % 2 == 1 { dict["name"] = .string("r\(n)") }
                return .dict(dict)
            }
            let expected = (0..<20).map { "r\($0)=\(i * 100 + $0);" }.joined()
            let out = try? env.render("rows.html", context: ["rows": .list(rows)])
            if out != expected { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func macrosRenderInPlaceInsideCapturesAndInBothEscapingModes() throws {
        let source = """
            {% macro m(x) %}<{{ x }}>{% endmacro %}\
            {% set captured %}{{ m('&') }}{% endset %}[{{ captured }}]{{ m('&') }}\
            {% autoescape false %}{{ m('&') }}{% endautoescape %}{{ m('&')|length }}
            """
        // Autoescaped: the macro's body escapes `&`; its Markup result is not escaped again.
        #expect(try TemplateEnvironment().renderString(source) == "[<&amp;>]<&amp;><&amp;>7")
    }

    @Test func aMacroThatFailsHalfWayInsideACaptureLeavesNoOutputBehind() throws {
        let env = TemplateEnvironment()
        env.undefined = .strict
        #expect(throws: UndefinedError.self) {
            try env.renderString("{% macro m() %}partial{{ missing }}{% endmacro %}{% set x %}{{ m() }}{% endset %}")
        }
    }

    @Test func theOutputLimitAppliesToACaptureOnItsOwn() throws {
        let env = TemplateEnvironment()
        env.limits.maxOutputBytes = 10
        // 8 bytes outside and 8 captured: each within the limit, as when captures had their own buffer.
        #expect(try env.renderString("12345678{% set x %}abcdefgh{% endset %}") == "12345678")
        #expect(throws: TemplateLimitError.self) { try env.renderString("{% set x %}abcdefghijk{% endset %}") }
    }

    @Test func contextKeysBeyondTheSymbolLimitAreFoundByName() throws {
        let loop = TemplateSymbols.loop  // interned before the table is declared full
        let name = "context_key_\(UUID().uuidString.replacingOccurrences(of: "-", with: "_"))"
        // With no room left in the table, a key never seen before stays a string in its scope…
        let scope = TemplateSymbols.scope([name: 1, "loop": 2], parent: nil, limit: 0)
        #expect(scope.entries.count == 1)
        // …and a template compiled afterwards, which interns the name, still finds it.
        #expect(scope.lookup(TemplateSymbols.intern(name)) == 1)
        #expect(scope.lookup(loop) == 2)
        #expect(scope.namedVariables()[name] == 1)
    }

    @Test func constantArgumentsAndFoldedExpressionsKeepTheirMeaning() throws {
        let env = TemplateEnvironment()
        let out = try env.renderString(
            "{{ [1, 2]|join('-') }}|{{ not 0 }}|{{ -(3) }}|{{ 'a' ~ 1 ~ none }}|{{ {'k': (1, 2)}.k[1] }}|{{ 0 and x.y }}|{{ 'x' if 1 else y.z }}")
        #expect(out == "1-2|True|-3|a1None|2|0|x")
    }
}
