import Testing
@testable import Flaskish

/// Python's `quote`/`quote_plus` with Werkzeug's safe sets.
struct URLQuotingTests {
    static let pathCases: [(String, String)] = [
        ("plain-text_1.~", "plain-text_1.~"),
        ("!$&'()*+,/:;=@", "!$&'()*+,/:;=@"),
        ("a b?#%[]\"<>", "a%20b%3F%23%25%5B%5D%22%3C%3E"),
        ("öä", "%C3%B6%C3%A4"),
        ("😀", "%F0%9F%98%80"),
    ]

    @Test(arguments: pathCases)
    func pathKeepsSlashAndSegmentMarks(_ c: (String, String)) {
        #expect(URLMap.Quoting.quotePath(c.0) == c.1)
    }

    static let queryCases: [(String, String)] = [
        ("a b+c", "a+b%2Bc"),
        ("&=#", "%26%3D%23"),
        ("/?:@!$'()*,;", "/?:@!$'()*,;"),
        ("é", "%C3%A9"),
    ]

    @Test(arguments: queryCases)
    func queryEncodesLikeQuotePlus(_ c: (String, String)) {
        #expect(URLMap.Quoting.quoteQuery(c.0) == c.1)
    }

    @Test func queryJoinsPairsInOrder() {
        #expect(URLMap.Quoting.encodeQuery([("b", "1"), ("a", "x y")]) == "b=1&a=x+y")
    }
}
