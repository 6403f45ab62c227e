import Testing
@testable import Flaskish

/// `wordwrap`'s line breaking against answers of Python's `textwrap.wrap` (as Jinja calls it);
/// the differential suite compares many more through Jinja itself.
struct TemplatesTextWrapTests {
    @Test(arguments: [
        ("a well-known hyphen-separated thing", 12, true, ["a well-known", "hyphen-", "separated", "thing"]),
        ("supercalifragilistic-expialidocious", 10, true, ["supercalif", "ragilistic", "-expialido", "cious"]),
        ("this is it--or not, right--yes", 8, true, ["this is", "it--or", "not,", "right--", "yes"]),
        ("ab cdefghij", 5, true, ["ab cd", "efghi", "j"]),
        ("a   b    c", 5, true, ["a   b", "c"]),
        ("   indented text", 10, true, ["indented", "text"]),
        ("well-known", 5, false, ["well-", "known"]),
    ])
    func wrapsAsTextwrap(_ text: String, _ width: Int, _ hyphens: Bool, _ expected: [String]) throws {
        #expect(try TemplateTextWrap.wrap(text, width: width, breakLongWords: true, breakOnHyphens: hyphens) == expected)
    }

    @Test func longWordsStayWholeWhenAsked() throws {
        #expect(try TemplateTextWrap.wrap("ab cdefghij k", width: 5, breakLongWords: false, breakOnHyphens: true) == ["ab", "cdefghij", "k"])
    }

    @Test func zeroWidthIsAValueError() {
        #expect(throws: TemplateRuntimeError.self) { try TemplateTextWrap.wrap("x", width: 0, breakLongWords: true, breakOnHyphens: true) }
    }
}
