import Foundation
import Testing
@testable import Flaskish

/// The byte-level fast paths of escaping, the text filters and `%` formatting, checked at their
/// edges. Expected strings were printed by CPython 3.11 with Jinja2 3.1.6 / MarkupSafe.
struct TemplatesFastPathTests {
    private func render(_ source: String, _ context: [String: TemplateValue] = [:], autoescape: Bool = true) throws -> String {
        let environment = TemplateEnvironment()
        environment.autoescape = { _ in autoescape }
        return try environment.renderString(source, context: context)
    }

    private func escapedBytes(_ text: String) -> String {
        var bytes: [UInt8] = [0x3E]  // something already in the buffer stays
        TemplateEscaping.appendEscaped(text, to: &bytes)
        return String(decoding: bytes.dropFirst(), as: UTF8.self)
    }

    private func escapedString(_ text: String) -> String {
        var out = "x"
        TemplateEscaping.appendEscaped(text, to: &out)
        return String(out.dropFirst())
    }

    // MARK: Escaping

    @Test(arguments: [
        ("", ""), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&#34;"), ("'", "&#39;"),
        ("&<>\"'", "&amp;&lt;&gt;&#34;&#39;"), ("plain text, no specials at all", "plain text, no specials at all"),
        ("héllo <wörld> & ☃ 'x' \"y\" 🎉", "héllo &lt;wörld&gt; &amp; ☃ &#39;x&#39; &#34;y&#34; 🎉"),
        ("ünïcode only — ☃", "ünïcode only — ☃"), ("%$#@!()[]{}=;:,./?`~\\", "%$#@!()[]{}=;:,./?`~\\"),
    ])
    func escapesEverySpecialCharacter(_ text: String, _ expected: String) {
        #expect(TemplateEscaping.escape(text) == expected)
        #expect(escapedString(text) == expected)
        #expect(escapedBytes(text) == expected)
        #expect(HTMLEscaping.escape(text) == expected)
        #expect(TemplateEscaping.isEscapeFree(text) == (text == expected))
    }

    /// Each special at every offset of a 24-byte text, so it falls in every lane of the
    /// eight-byte scan and in the byte-by-byte tail; bytes near the specials (`%`, `=`, `;`,
    /// `?`, `#`) must not be taken for them.
    @Test(arguments: ["&", "<", ">", "\"", "'"])
    func escapesASpecialAtEveryOffset(_ special: String) {
        let entity = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&#34;", "'": "&#39;"][special]!
        for offset in 0..<24 {
            var text = "a%=;?#$(bcdefghij=qklmno"
            let index = text.index(text.startIndex, offsetBy: offset)
            text.replaceSubrange(index...index, with: special)
            let expected = text.replacingOccurrences(of: special, with: entity)
            #expect(TemplateEscaping.escape(text) == expected, "offset \(offset)")
            #expect(escapedBytes(text) == expected, "offset \(offset)")
        }
    }

    @Test func escapesTheBytesOfABufferInPlace() {
        let source = Array("a<b>c".utf8)
        var out: [UInt8] = []
        source.withUnsafeBufferPointer { TemplateEscaping.appendEscaped(utf8: $0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "a&lt;b&gt;c")
    }

    // MARK: Text filters

    /// Jinja's `do_title` (not `str.title`): pieces split on whitespace and `-({[<`.
    @Test(arguments: [
        ("user 0 o'brien", "User 0 O&#39;brien"), ("hello WORLD", "Hello World"),
        ("1st place-winner (gold)", "1st Place-Winner (Gold)"), ("x{y[z<w", "X{Y[Z&lt;W"),
        ("tab\tsep\u{1C}x", "Tab\tSep\u{1C}X"), ("élodie ødegård", "Élodie Ødegård"), ("ΟΔΟΣ ΣΑΣ", "Οδος Σας"),
        ("straße ǆemal", "Straße Ǆemal"), ("a-b--c", "A-B--C"), ("", ""), ("  lead", "  Lead"),
        ("mcDONALD's 3rd", "Mcdonald&#39;s 3rd"), ("\u{A0}nbsp", "\u{A0}Nbsp"), ("ŉa", "ʼNa"),
        ("µ ÿ ß ª º ÷ × ð", "Μ Ÿ SS ª º ÷ × Ð"), ("ÀÞ×Ø ÐÆ", "Àþ×ø Ðæ"), ("ßa ÿb µc þd", "SSa Ÿb Μc Þd"),
        ("привет МИР", "Привет Мир"), ("𐐨𐐀 abc", "𐐀𐐨 Abc"), ("ǅungla ǉ", "Ǆungla Ǉ"), ("日本 語-テキスト", "日本 語-テキスト"),
        ("ﬁne ﬂow", "FIne FLow"), ("a\u{2003}b\u{3000}c", "A\u{2003}B\u{3000}C"),
    ])
    func titleAsJinja(_ text: String, _ expected: String) throws {
        #expect(try render("{{ s|title }}", ["s": .string(text)]) == expected)
    }

    @Test(arguments: [
        ("ABC def", "abc def", "ABC DEF"), ("ÀÉÎ Σ ΟΔΟΣ", "àéî σ οδος", "ÀÉÎ Σ ΟΔΟΣ"),
        ("İstanbul", "i̇stanbul", "İSTANBUL"), ("straße", "straße", "STRASSE"), ("", "", ""),
        ("already lower 123", "already lower 123", "ALREADY LOWER 123"),
        ("µ ÿ ß ª º ÷ × ð", "µ ÿ ß ª º ÷ × ð", "Μ Ÿ SS ª º ÷ × Ð"), ("ÀÞ×Ø ÐÆ", "àþ×ø ðæ", "ÀÞ×Ø ÐÆ"),
        ("ßa ÿb µc þd", "ßa ÿb µc þd", "SSA ŸB ΜC ÞD"), ("привет МИР", "привет мир", "ПРИВЕТ МИР"),
        ("𐐨𐐀 abc", "𐐨𐐨 abc", "𐐀𐐀 ABC"), ("ǅungla ǉ", "ǆungla ǉ", "ǄUNGLA Ǉ"), ("ﬁne ﬂow", "ﬁne ﬂow", "FINE FLOW"),
    ])
    func lowerAndUpperAsPython(_ text: String, _ lower: String, _ upper: String) throws {
        #expect(try render("{{ s|lower }}", ["s": .string(text)]) == lower)
        #expect(try render("{{ s|upper }}", ["s": .string(text)]) == upper)
    }

    /// The Latin-1 table of the case mappings agrees with Unicode's for every code point of the block.
    @Test func latin1CaseMappingsMatchUnicode() {
        for value in UInt32(0x80)...0xFF {
            let text = String(Unicode.Scalar(value)!)
            #expect(TemplateText.mapCase(text, upper: true) == text.uppercased(), "U+\(String(value, radix: 16))")
            #expect(TemplateText.mapCase(text, upper: false) == text.lowercased(), "U+\(String(value, radix: 16))")
        }
    }

    @Test func stringMethodsShareTheCaseMappings() throws {
        #expect(try render("{{ 'straße µ abc'.upper() }}|{{ 'ÀB'.lower() }}") == "STRASSE Μ ABC|àb")
    }

    /// The bio is 82 characters: with the default leeway of 5 it is cut from a length of 76 down.
    @Test(arguments: [
        (3, "..."), (10, "Bio of..."), (12, "Bio of..."), (40, "Bio of user 1: likes <b>bold</b>..."),
        (76, "Bio of user 1: likes <b>bold</b> ideas & long walks on the beach, again..."),
        (77, "Bio of user 1: likes <b>bold</b> ideas & long walks on the beach, again and again."),
        (80, "Bio of user 1: likes <b>bold</b> ideas & long walks on the beach, again and again."),
    ])
    func truncateBoundaries(_ length: Int, _ expected: String) throws {
        let bio = "Bio of user 1: likes <b>bold</b> ideas & long walks on the beach, again and again."
        #expect(try render("{{ s|truncate(\(length)) }}", ["s": .string(bio)], autoescape: false) == expected)
    }

    /// 55 code points in 62 bytes: lengths 50–56 are decided by counting code points.
    @Test(arguments: [
        (10, "Élodie...", "Élodie ..."), (20, "Élodie Ødegård —...", "Élodie Ødegård — ..."),
        (45, "Élodie Ødegård — café crème au lait et...", "Élodie Ødegård — café crème au lait et pai..."),
        (49, "Élodie Ødegård — café crème au lait et pain...", "Élodie Ødegård — café crème au lait et pain au..."),
        (50, "Élodie Ødegård — café crème au lait et pain au chocolat", "Élodie Ødegård — café crème au lait et pain au chocolat"),
        (56, "Élodie Ødegård — café crème au lait et pain au chocolat", "Élodie Ødegård — café crème au lait et pain au chocolat"),
    ])
    func truncateNonASCII(_ length: Int, _ expected: String, _ killingWords: String) throws {
        let text: TemplateValue = "Élodie Ødegård — café crème au lait et pain au chocolat"
        #expect(try render("{{ s|truncate(\(length)) }}", ["s": text], autoescape: false) == expected)
        #expect(try render("{{ s|truncate(\(length), true) }}", ["s": text], autoescape: false) == killingWords)
    }

    @Test func truncateWithoutSpacesAndWithAnotherEnd() throws {
        #expect(try render("{{ ('nospace' * 3)|truncate(10) }}") == "nospace...")
        #expect(try render("{{ 'a b c d e f g h'|truncate(9, end='…') }}") == "a b c d…")
        #expect(try render("{{ 'abcdefghijklmnop'|truncate(5) }}") == "ab...")
        #expect(try render("{{ 'abcdefgh'|truncate(5, leeway=0) }}") == "ab...")
        #expect(try render("{{ 'abcdef'|truncate(6, leeway=0) }}") == "abcdef")
    }

    @Test func joinAndLengthOfStrings() throws {
        #expect(try render("{{ x|join(', ') }}", ["x": ["a", "é", "<c>"]]) == "a, é, &lt;c&gt;")
        #expect(try render("{{ x|join }}", ["x": ["a", "b"]]) == "ab")
        #expect(try render("{{ x|join('-') }}", ["x": []]) == "")
        #expect(try render("{{ x|length }}", ["x": "héllo→x"]) == "7")
    }

    // MARK: Numbers

    /// `str(float)` is the shortest round-trip repr, with Python's switch to exponents
    /// (below 1e-4, from 1e16) and its two-digit exponents; ints print in full. Swift's own
    /// description already switches at 2^53, so [2^53, 1e16) is the range to watch.
    @Test(arguments: [
        (1e16, "1e+16"), (1e15, "1000000000000000.0"), (9007199254740993.0, "9007199254740992.0"),
        (9999999999999998.0, "9999999999999998.0"), (1e-05, "1e-05"), (0.0001, "0.0001"),
        (0.00009999999999999999, "9.999999999999999e-05"), (0.00012345, "0.00012345"), (1e22, "1e+22"),
        (.leastNonzeroMagnitude, "5e-324"), (0.1 + 0.2, "0.30000000000000004"), (123456789012345678.0, "1.2345678901234568e+17"),
        (.greatestFiniteMagnitude, "1.7976931348623157e+308"), (-0.0, "-0.0"), (100.0, "100.0"), (2.5e-7, "2.5e-07"),
        (1.0 / 3, "0.3333333333333333"), (4.35, "4.35"), (1e100, "1e+100"), (1.5e-10, "1.5e-10"),
        (9.5e15, "9500000000000000.0"), (-9999999999999998.0, "-9999999999999998.0"), (9579305621043830.0, "9579305621043830.0"),
    ] as [(Double, String)])
    func floatsPrintAsPythonRepr(_ value: Double, _ expected: String) throws {
        #expect(try render("{{ v }}", ["v": .double(value)]) == expected)
    }

    @Test func intsPrintInFull() throws {
        #expect(try render("{{ a }} {{ b }} {{ c }}", ["a": .int(.min), "b": .int(1_000_000_000_000_000_000), "c": 0]) == "-9223372036854775808 1000000000000000000 0")
    }

    // MARK: %-formatting

    /// `'%.Nf' % x` as CPython prints it: the exact binary value rounded half to even.
    @Test(arguments: [
        ("%.1f", 0.125, "0.1"), ("%.2f", 0.125, "0.12"), ("%.2f", 2.675, "2.67"),
        ("%.1f", 1e16, "10000000000000000.0"), ("%.1f", -0.0, "-0.0"), ("%.1f", .nan, "nan"),
        ("%.1f", .infinity, "inf"), ("%.1f", -.infinity, "-inf"), ("%.0f", 0.5, "0"), ("%.0f", 1.5, "2"),
        ("%.0f", 2.5, "2"), ("%.1f", 0.05, "0.1"), ("%.1f", 0.25, "0.2"), ("%.1f", 0.35, "0.3"),
        ("%.1f", 99.95, "100.0"), ("%.1f", -0.04, "-0.0"), ("%.3f", .leastNonzeroMagnitude, "0.000"),
        ("%.19f", 0.1, "0.1000000000000000056"), ("%.20f", 0.1, "0.10000000000000000555"),
        ("%f", 1234.5, "1234.500000"), ("%.1f", 1e22, "10000000000000000000000.0"),
        ("%.2f", 18446744073709551616.0, "18446744073709551616.00"), ("%.2f", 9007199254740992.0, "9007199254740992.00"),
        ("%.1f", -2.25, "-2.2"), ("%.17f", 0.3, "0.29999999999999999"), ("%F", .nan, "NAN"), ("%.1f", 370.37, "370.4"),
    ] as [(String, Double, String)])
    func fixedPointAsPython(_ format: String, _ value: Double, _ expected: String) throws {
        #expect(try TemplateFormatting.percentFormat(format, .double(value)) == expected)
    }

    @Test func fixedPointOfTheLargestDouble() throws {
        let text = try TemplateFormatting.percentFormat("%.1f", .double(.greatestFiniteMagnitude))
        #expect(text.hasPrefix("179769313486231570814527423731704356798") && text.hasSuffix("858368.0") && text.count == 311)
    }

    /// The exact path against the C library's printf over every binade and precision 0–19.
    @Test func fixedMatchesPrintfAcrossMagnitudes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var mismatches: [String] = []
        for _ in 0..<20000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            // Exponents from 2^-80 to 2^70: around and past both ends of the exact range.
            let biased = UInt64(1023 - 80) + (state >> 11) % 151
            let value = Double(bitPattern: biased << 52 | (state & ((1 << 52) - 1)))
            let precision = Int(state >> 59) % 20
            let fast = TemplateFormatting.fixed(value, precision)
            let reference = String(format: "%.\(precision)f", value)
            if fast != reference { mismatches.append("\(value) %.\(precision)f: \(fast) vs \(reference)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// `round(x, n)` without the decimal string agrees with reading back the correctly rounded
    /// decimal, over every binade near and in the exact path's range.
    @Test func roundMatchesReadingBackTheDecimal() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var mismatches: [String] = []
        for _ in 0..<20000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let biased = UInt64(1023 - 60) + (state >> 11) % 120
            let value = Double(bitPattern: biased << 52 | (state & ((1 << 52) - 1)))
            let precision = Int(state >> 59) % 18
            guard let fast = TemplateNumberText.rounded(value, precision: precision) else { continue }
            let reference = Double(String(format: "%.\(precision)f", value)) ?? .nan
            if fast != reference { mismatches.append("round(\(value), \(precision)): \(fast) vs \(reference)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [
        ("{{ 2.675|round(2) }}", "2.67"), ("{{ 0.125|round(2) }}", "0.12"), ("{{ 2.5|round }}", "2.0"), ("{{ -0.5|round }}", "-0.0"),
        ("{{ 1e16|round(1) }}", "1e+16"), ("{{ 0.1|round(17) }}", "0.1"), ("{{ 1.0000000000000002|round(15) }}", "1.0"),
        ("{{ 123456.789|round(-2) }}", "123500.0"),
    ])
    func roundAsPython(_ source: String, _ expected: String) throws {
        #expect(try render(source) == expected)
    }

    @Test(arguments: [
        ("%d|%i|%s|%.2f", TemplateValue.tuple([-42, .int(.min), "x", 2.5]), "-42|-9223372036854775808|x|2.50"),
        ("%+d|% d|%3d|%-3d|%03d", .tuple([5, 5, 5, 5, 5]), "+5| 5|  5|5  |005"),
        ("%+.1f|%8.3f|%-8.1f|%08.2f|%#.0f", .tuple([1.25, 3.14159, 2.5, -3.5, 2.0]), "+1.2|   3.142|2.5     |-0003.50|2."),
        ("%d %s", .tuple([true, false]), "1 False"), ("%.1f", .tuple([3]), "3.0"),
        ("héllo %s → %.1f", .tuple(["wörld", 0.25]), "héllo wörld → 0.2"),
        ("%(a(b))s/%(c)s", ["a(b)": "x", "c": 1] as TemplateValue, "x/1"),
        ("%s%%%s", .tuple(["a", "b"]), "a%b"), ("%.2s|%5.1s|", .tuple(["abc", "xyz"]), "ab|    x|"),
    ])
    func percentFormatPlainAndGeneralPaths(_ format: String, _ arguments: TemplateValue, _ expected: String) throws {
        #expect(try TemplateFormatting.percentFormat(format, arguments) == expected)
    }

    @Test(arguments: [
        ("%é", "ValueError", "unsupported format character 'é' (0xe9)"), ("ab%", "ValueError", "incomplete format"),
        ("%(a", "ValueError", "incomplete format key"), ("%s %s", "TypeError", "not enough arguments for format string"),
    ])
    func percentFormatErrors(_ format: String, _ kind: String, _ message: String) {
        #expect {
            try TemplateFormatting.percentFormat(format, .tuple(["a"]))
        } throws: { error in
            let error = error as? TemplateRuntimeError
            return error?.kind == kind && error?.message == message
        }
    }

    @Test func percentFormatEscapesForMarkup() throws {
        #expect(try TemplateFormatting.percentFormat("<%s|%d|%.1f>", .tuple(["<&>", 3, 0.25]), escaping: true) == "<&lt;&amp;&gt;|3|0.2>")
        #expect(try TemplateFormatting.percentFormat("%s", .tuple([.markup("<b>")]), escaping: true) == "<b>")
    }

    // MARK: Sorting and JSON

    /// Int keys and ASCII string keys take the direct sort; ties keep their order, reversed or not.
    @Test func sortsLikePython() throws {
        let letters: TemplateValue = ["b": 1, "B": 2, "a": 3, "A": 0, "_x": 5, "Z": 9]
        #expect(try render("{{ d|dictsort }}", ["d": letters])
            == "[(&#39;_x&#39;, 5), (&#39;a&#39;, 3), (&#39;A&#39;, 0), (&#39;b&#39;, 1), (&#39;B&#39;, 2), (&#39;Z&#39;, 9)]")
        #expect(try render("{{ d|dictsort(true) }}", ["d": letters])
            == "[(&#39;A&#39;, 0), (&#39;B&#39;, 2), (&#39;Z&#39;, 9), (&#39;_x&#39;, 5), (&#39;a&#39;, 3), (&#39;b&#39;, 1)]")
        #expect(try render("{{ d|dictsort(by='value', reverse=true) }}", ["d": ["b": 1, "B": 2, "a": 2, "A": 0, "c": 1]])
            == "[(&#39;B&#39;, 2), (&#39;a&#39;, 2), (&#39;b&#39;, 1), (&#39;c&#39;, 1), (&#39;A&#39;, 0)]")
        #expect(try render("{{ [3, 1, 2, 1]|sort(reverse=true)|join(',') }}") == "3,2,1,1")
        #expect(try render("{{ ['b', 'é', 'a', 'É', 'e']|sort|join(',') }}") == "a,b,e,é,É")
        let keyed: TemplateValue = [["k": "b"], ["k": "A"], ["k": "a"], ["k": "B"]]
        #expect(try render("{{ x|groupby('k')|map(attribute='grouper')|join(',') }}", ["x": keyed]) == "A,b")
        let numbered: TemplateValue = [["n": 2, "id": "p"], ["n": 1, "id": "q"], ["n": 2, "id": "r"], ["n": 1, "id": "s"]]
        #expect(try render("{{ x|sort(attribute='n')|map(attribute='id')|join(',') }}", ["x": numbered]) == "q,s,p,r")
    }

    @Test func tojsonEscapesForHTML() throws {
        let value: TemplateValue = ["b": "<a href='x'>&</a>", "a": [1, 2.5, .none, true]]
        #expect(try render("{{ d|tojson }}", ["d": value])
            == #"{"a": [1, 2.5, null, true], "b": "\u003ca href=\u0027x\u0027\u003e\u0026\u003c/a\u003e"}"#)
        #expect(try render("{{ d|tojson }}", ["d": ["z": "plain", "é": "ü"]]) == #"{"z": "plain", "\u00e9": "\u00fc"}"#)
    }
}
