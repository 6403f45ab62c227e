import Testing
@testable import FlaskishCORS

struct CORSListTests {
    @Test func singleStringIsOneItemAndSentVerbatim() {
        let list: CORSList = "X-B, X-A"
        #expect(list.items == ["X-B, X-A"])
        #expect(list.joined == "X-B, X-A")
    }

    @Test func listIsSortedByCodePointWhenJoined() {
        let list: CORSList = ["X-b", "X-B", "x-a"]
        #expect(list.items == ["X-b", "X-B", "x-a"])
        #expect(list.joined == "X-B, X-b, x-a")
    }

    @Test func emptyListJoinsToNothing() {
        #expect(CORSList([String]()).joined == "")
        #expect(CORSList([String]()).items.isEmpty)
    }

    @Test func formsAreDistinct() {
        #expect(CORSList("a") != CORSList(["a"]))
        #expect(CORSList("a") == "a")
    }
}
