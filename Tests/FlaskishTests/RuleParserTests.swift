import Testing
@testable import Flaskish

/// The rule-string grammar (Werkzeug's `_part_re`).
struct RuleParserTests {
    typealias TokenCase = (rule: String, tokens: [RuleToken])

    static let cases: [TokenCase] = [
        ("/", [.slash]),
        ("/a//b/", [.slash, .text("a"), .slash, .text("b"), .slash]),
        ("/<id>", [.slash, .variable(name: "id", converter: nil, arguments: nil, column: 2)]),
        ("/u/<int:id>", [.slash, .text("u"), .slash, .variable(name: "id", converter: "int", arguments: nil, column: 4)]),
        ("/<int(min=1, max=9):n>", [.slash, .variable(name: "n", converter: "int", arguments: "min=1, max=9", column: 2)]),
        ("/<any(\"a)b\", c):p>", [.slash, .variable(name: "p", converter: "any", arguments: "\"a)b\", c", column: 2)]),
        ("/page-<int:n>.html", [.slash, .text("page-"), .variable(name: "n", converter: "int", arguments: nil, column: 7), .text(".html")]),
        ("/a>b", [.slash, .text("a>b")]),
        ("/Talk:<path:name>", [.slash, .text("Talk:"), .variable(name: "name", converter: "path", arguments: nil, column: 7)]),
        ("/ö/<_x1>", [.slash, .text("ö"), .slash, .variable(name: "_x1", converter: nil, arguments: nil, column: 4)]),
    ]

    @Test(arguments: cases)
    func tokenizes(_ c: TokenCase) throws {
        #expect(try RuleParser.tokenize(c.rule) == c.tokens)
    }
}
