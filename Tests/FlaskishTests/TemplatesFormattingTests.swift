import Foundation
import Testing
@testable import Flaskish

struct TemplatesFormattingTests {
    /// The fast `%.Nf` path must agree with C's printf on every value, ties included.
    @Test(arguments: 0...6)
    func fixedMatchesPrintf(_ precision: Int) {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, 0.5, 1.5, 2.5, 2.675, 0.125, 0.375, 9.995, 99.95, 1e15, 123456.789, 0.045, 1.0000000000000002]
        for i in 0..<2000 { values.append(Double(i) * 0.37) }
        for _ in 0..<2000 { values.append(Double.random(in: 0..<1000, using: &generator)) }
        var mismatches: [String] = []
        for value in values {
            let fast = TemplateFormatting.fixed(value, precision)
            let reference = String(format: "%.\(precision)f", value)
            if fast != reference { mismatches.append("\(value): \(fast) vs \(reference)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [
        ("%s|%5s|%-5s|", TemplateValue.tuple(["a", "b", "c"]), "a|    b|c    |"),
        ("%05.1f %+d %x %o %e", .tuple([3.14159, 5, 255, 8, 1234.5]), "003.1 +5 ff 10 1.234500e+03"),
        ("%(a)s-%(b)d", ["a": "x", "b": 2] as TemplateValue, "x-2"),
        ("100%%", .tuple([]), "100%"),
    ])
    func percentFormatting(_ format: String, _ arguments: TemplateValue, _ expected: String) throws {
        #expect(try TemplateFormatting.percentFormat(format, arguments) == expected)
    }

    @Test func percentFormattingArgumentCountErrors() {
        #expect(throws: TemplateRuntimeError.self) { try TemplateFormatting.percentFormat("%s %s", .tuple(["a"])) }
        #expect(throws: TemplateRuntimeError.self) { try TemplateFormatting.percentFormat("%s", .tuple(["a", "b"])) }
    }

    @Test func strFormatFieldsAndSpecs() throws {
        let args = TemplateArguments([1, "x", 3.14159], keyword: [("name", "Ana")])
        #expect(try TemplateStrFormat.format("{} {} {:.2f} {name:>5} {{}}", args, escaping: false, limit: 1000) == "1 x 3.14   Ana {}")
    }

    /// MarkupSafe's `Markup.format` and `Markup % x` escape what they insert: the XSS hole of issue #14.
    @Test func markupFormattingEscapesArguments() throws {
        let args = TemplateArguments(["<i>", .markup("<b>")], keyword: [("url", "x\"y")])
        #expect(try TemplateStrFormat.format("{}{}<a href=\"{url}\">", args, escaping: true, limit: 1000)
            == "&lt;i&gt;<b><a href=\"x&#34;y\">")
        #expect(try TemplateFormatting.percentFormat("<b>%s</b>", "<i>", escaping: true) == "<b>&lt;i&gt;</b>")
        #expect(try TemplateFormatting.percentFormat("%(a)s|%r", ["a": "&"], escaping: true) == "&amp;|{&#39;a&#39;: &#39;&amp;&#39;}")
    }
}
