import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Flaskish

struct TemplatesEnvironmentTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flaskish-templates-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func rendersFromFileSystemWithAutoescapeByExtension() throws {
        let dir = try temporaryDirectory()
        try "<p>{{ name }}</p>".write(toFile: dir + "/index.html", atomically: true, encoding: .utf8)
        try "{{ name }}".write(toFile: dir + "/plain.txt", atomically: true, encoding: .utf8)
        let env = TemplateEnvironment(loader: FileSystemLoader([dir]))
        #expect(try env.render("index.html", context: ["name": "<Ana>"]) == "<p>&lt;Ana&gt;</p>")
        #expect(try env.render("plain.txt", context: ["name": "<Ana>"]) == "<Ana>")
    }

    @Test func stringTemplatesAreAutoescapedByDefaultAndConfigurable() throws {
        let env = TemplateEnvironment()
        #expect(try env.renderString("{{ x }}", context: ["x": "<"]) == "&lt;")
        env.autoescape = { _ in false }
        #expect(try env.renderString("{{ x }}", context: ["x": "<"]) == "<")
    }

    @Test func missingTemplateNamesSearchPath() {
        let env = TemplateEnvironment(loader: FileSystemLoader(["/nonexistent/a", "/nonexistent/b"]))
        do {
            _ = try env.render("missing.html")
            Issue.record("expected TemplateNotFound")
        } catch let error as TemplateNotFound {
            #expect(error.name == "missing.html")
            #expect(error.description.contains("/nonexistent/a") && error.description.contains("/nonexistent/b"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func refusesParentDirectoryEscapes() throws {
        let dir = try temporaryDirectory()
        let env = TemplateEnvironment(loader: FileSystemLoader([dir + "/sub"]))
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try "secret".write(toFile: dir + "/secret.txt", atomically: true, encoding: .utf8)
        #expect(throws: TemplateNotFound.self) { try env.render("../secret.txt") }
    }

    @Test func choiceLoaderSearchesInOrder() throws {
        let loader = ChoiceLoader([DictionaryLoader(["a.html": "app"]), DictionaryLoader(["a.html": "blueprint", "b.html": "bp-b"])])
        let env = TemplateEnvironment(loader: loader)
        #expect(try env.render("a.html") == "app")
        #expect(try env.render("b.html") == "bp-b")
        #expect(throws: TemplateNotFound.self) { try env.render("c.html") }
    }

    @Test func cachedTemplateIsNotReparsed() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader(["a.html": "x"]))
        let first = try env.getTemplate("a.html")
        let second = try env.getTemplate("a.html")
        #expect(first.parsed === second.parsed)
    }

    @Test func autoReloadPicksUpChangedFiles() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/page.html"
        try "one".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: path)
        let env = TemplateEnvironment(loader: FileSystemLoader([dir]))
        #expect(try env.render("page.html") == "one")
        try "two".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 2_000_000)], ofItemAtPath: path)
        #expect(try env.render("page.html") == "two")
        env.autoReload = false
        try "three".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 3_000_000)], ofItemAtPath: path)
        #expect(try env.render("page.html") == "two")
    }

    @Test func userFiltersTestsAndGlobals() throws {
        let env = TemplateEnvironment()
        env.filters["shout"] = { value, args in
            .string(value.pythonString.uppercased() + String(repeating: "!", count: TemplateOperators.integer(args.value(0, "times") ?? 1) ?? 1))
        }
        env.tests["short"] = { value, _ in value.pythonString.count < 4 }
        env.globals["url_for"] = .callable(TemplateCallable(name: "url_for") { args in
            let endpoint = args.positional.first?.pythonString ?? ""
            let query = args.keyword.map { "\($0.name)=\($0.value.pythonString)" }.joined(separator: "&")
            return .string("/\(endpoint)" + (query.isEmpty ? "" : "?\(query)"))
        })
        let out = try env.renderString("{{ 'hi'|shout(times=3) }} {{ 'abc' is short }} {{ url_for('user', id=5, tab='x') }}")
        #expect(out == "HI!!! True /user?id=5&amp;tab=x")
    }

    @Test func perRenderGlobalsAreVisibleAndContextWins() throws {
        let env = TemplateEnvironment()
        env.globals["site"] = "global"
        #expect(try env.renderString("{{ site }} {{ extra }}", globals: ["extra": "per-render"]) == "global per-render")
        #expect(try env.renderString("{{ site }}", context: ["site": "context"]) == "context")
    }

    @Test func strictUndefinedRaisesLenientRendersEmpty() throws {
        let env = TemplateEnvironment()
        #expect(try env.renderString("[{{ nope }}]") == "[]")
        env.undefined = .strict
        #expect(throws: UndefinedError.self) { try env.renderString("{{ nope }}") }
    }

    @Test func recursionDepthIsBounded() throws {
        let env = TemplateEnvironment()
        env.limits.maxRecursionDepth = 10
        let source = "{% macro r(n) %}{% if n > 0 %}{{ r(n - 1) }}{% endif %}{% endmacro %}{{ r(depth) }}"
        // The template itself is one level, each macro call another: r(8) makes 9 calls.
        #expect(try env.renderString(source, context: ["depth": 8]) == "")
        #expect(throws: TemplateLimitError.self) { try env.renderString(source, context: ["depth": 9]) }
    }

    @Test func includeRecursionIsBounded() {
        let env = TemplateEnvironment(loader: DictionaryLoader(["loop.html": "x{% include 'loop.html' %}"]))
        #expect(throws: TemplateLimitError.self) { try env.render("loop.html") }
    }

    /// Holds the namespace object a template hands out, weakly.
    final class WeakBox: @unchecked Sendable {
        weak var object: AnyObject?
    }

    @Test(arguments: [
        "{% macro f() %}F{% endmacro %}{{ f() }}",
        "{% import 'm.html' as m %}{% macro g() %}{{ caller() }}{% endmacro %}{% call g() %}{{ m.f() }}{% endcall %}",
        "{% block b %}B{% endblock %}{{ self.b() }}",
        "{% for x in [1] recursive %}{{ x }}{% endfor %}",
    ])
    func renderLeavesNoReferenceCycles(_ body: String) throws {
        // A namespace stored in the context scope lives exactly as long as that scope.
        let box = WeakBox()
        let env = TemplateEnvironment(loader: DictionaryLoader(["m.html": "{% macro f() %}F{% endmacro %}", "p.html": "{% set ns = namespace() %}{{ grab(ns) }}" + body]))
        env.globals["grab"] = .callable(TemplateCallable(name: "grab") { args in
            if case .object(let object)? = args.positional.first { box.object = object }
            return .string("")
        })
        _ = try env.render("p.html")
        #expect(box.object == nil, "the render's scopes were not freed")
    }

    @Test func selfBlockRecursionIsBounded() {
        #expect(throws: TemplateLimitError.self) { try TemplateEnvironment().renderString("{% block a %}x{{ self.a() }}{% endblock %}") }
    }

    @Test func outputSizeIsBounded() throws {
        let env = TemplateEnvironment()
        env.limits.maxOutputBytes = 10
        #expect(try env.renderString("{{ 'a' * n }}", context: ["n": 10]).count == 10)
        #expect(throws: TemplateLimitError.self) { try env.renderString("{{ 'a' * n }}", context: ["n": 11]) }
    }

    @Test func rangeLengthIsBounded() throws {
        let env = TemplateEnvironment()
        env.limits.maxRangeLength = 100
        #expect(try env.renderString("{{ range(100)|length }}") == "100")
        #expect(throws: TemplateLimitError.self) { try env.renderString("{{ range(101)|length }}") }
    }

    @Test func rendersConcurrentlyFromManyThreads() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader([
            "base.html": "<{% block b %}{% endblock %}>", "child.html": "{% extends 'base.html' %}{% block b %}{{ n }}{% endblock %}",
        ]))
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let out = try? env.render("child.html", context: ["n": .int(i)])
            if out != "<\(i)>" { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func markupIsNotEscapedTwice() throws {
        let env = TemplateEnvironment()
        #expect(try env.renderString("{{ x }}", context: ["x": .markup("<b>ok</b>")]) == "<b>ok</b>")
    }
}
