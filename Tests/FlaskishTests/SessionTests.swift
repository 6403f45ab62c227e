import Testing
@testable import Flaskish

/// The `Session` object: values, `modified`, `accessed`, `permanent`.
struct SessionTests {
    @Test func readingMarksAccessedButNotModified() {
        let session = Session(["a": 1], isNew: false)
        #expect(!session.accessed)
        #expect(session["a"] == 1)
        #expect(session.accessed)
        #expect(!session.modified)
        #expect(!session.isNew)
    }

    @Test func settingAndRemovingMarkModified() {
        let session = Session()
        session["a"] = "x"
        #expect(session.modified && session.accessed)
        #expect(session.values == ["a": "x"])
        session.modified = false
        session["a"] = nil
        #expect(session.modified)
        #expect(session.isEmpty)
    }

    @Test func popOfAMissingKeyChangesNothing() {
        let session = Session(["a": 1])
        #expect(session.pop("b") == nil)
        #expect(!session.modified)
        #expect(session.pop("a") == 1)
        #expect(session.modified)
        #expect(!session.contains("a"))
    }

    @Test func clearEmptiesAndMarksModified() {
        let session = Session(["a": 1, "b": 2])
        #expect(session.keys == ["a", "b"])
        session.clear()
        #expect(session.isEmpty && session.modified)
    }

    @Test func permanentIsStoredUnderItsFlaskKey() {
        let session = Session()
        #expect(!session.permanent)
        session.permanent = true
        #expect(session.values["_permanent"] == true)
        #expect(session.modified)
        #expect(Session(["_permanent": true]).permanent)
    }

    struct Cart: Codable, Equatable { var items: [String] }

    @Test func codableValuesRoundTrip() throws {
        let session = Session()
        try session.set("cart", Cart(items: ["tea"]))
        #expect(session["cart"] == ["items": ["tea"]])
        #expect(session.get("cart", as: Cart.self) == Cart(items: ["tea"]))
        #expect(session.get("cart", as: Int.self) == nil)
        #expect(session.get("missing", as: Cart.self) == nil)
    }
}
