import Testing
@testable import Flaskish

struct TemplatesLexerTests {
    private func kinds(_ source: String, _ options: TemplateSyntaxOptions = .init()) throws -> [TemplateToken.Kind] {
        try TemplateLexer.tokenize(source, name: "t", options: options).map(\.kind)
    }

    @Test func splitsDataAndTags() throws {
        #expect(try kinds("a{{ x }}b") == [.data("a"), .variableBegin, .name("x"), .variableEnd, .data("b"), .eof])
    }

    @Test func lexesOperatorsLongestFirst() throws {
        #expect(try kinds("{{ a ** b // c != d }}") == [
            .variableBegin, .name("a"), .op("**"), .name("b"), .op("//"), .name("c"), .op("!="), .name("d"), .variableEnd, .eof,
        ])
    }

    @Test func lexesNumbers() throws {
        #expect(try kinds("{{ 1_000 2.5 1e3 0x1F x.0 }}") == [
            .variableBegin, .integer(1000), .float(2.5), .float(1000), .integer(31), .name("x"), .op("."), .integer(0), .variableEnd, .eof,
        ])
    }

    @Test func lexesStringEscapes() throws {
        #expect(try kinds(#"{{ 'a\'b\n' "\u00e9" }}"#) == [.variableBegin, .string("a'b\n"), .string("é"), .variableEnd, .eof])
    }

    @Test func closingBracesInsideDictDoNotEndTag() throws {
        let k = try kinds("{{ {'a': {'b': 1}} }}")
        #expect(k.filter { $0 == .variableEnd }.count == 1)
    }

    @Test func whitespaceControlStripsBothSides() throws {
        #expect(try kinds("a \n {{- x -}} \n b") == [.data("a"), .variableBegin, .name("x"), .variableEnd, .data("b"), .eof])
    }

    @Test func commentsDisappear() throws {
        #expect(try kinds("a{# {{ x }} #}b") == [.data("a"), .data("b"), .eof])
    }

    @Test func rawKeepsTagsAsText() throws {
        #expect(try kinds("{% raw %}{{ x }}{% endraw %}") == [.data("{{ x }}"), .eof])
    }

    @Test func singleTrailingNewlineIsDropped() throws {
        #expect(try kinds("a\n") == [.data("a"), .eof])
        #expect(try kinds("a\n", TemplateSyntaxOptions(keepTrailingNewline: true)) == [.data("a\n"), .eof])
    }

    @Test func trimBlocksRemovesNewlineAfterBlockTag() throws {
        #expect(try kinds("{% if x %}\ny", TemplateSyntaxOptions(trimBlocks: true)).contains(.data("y")))
    }

    @Test func reportsLineAndColumn() throws {
        let tokens = try TemplateLexer.tokenize("ab\n  {{ x }}", name: nil, options: .init())
        let name = try #require(tokens.first { $0.kind == .name("x") })
        #expect(name.line == 2 && name.column == 6)
    }

    @Test(arguments: ["{# never closed", "{% raw %}never closed", "{{ 'open", "{{ x ", "{{ ) }}", "{{ $ }}"])
    func malformedSourceThrowsSyntaxError(_ source: String) {
        #expect(throws: TemplateSyntaxError.self) { try TemplateLexer.tokenize(source, name: "bad.html", options: .init()) }
    }
}
