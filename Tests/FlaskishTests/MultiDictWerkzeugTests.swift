import Testing
@testable import Flaskish

/// Werkzeug's grouped views of a MultiDict.
struct MultiDictWerkzeugTests {
    let fields = MultiDict([("a", "1"), ("b", "2"), ("a", "3"), ("c", ""), ("b", "4")])

    func flat(_ pairs: [(key: String, value: String)]) -> [String] { pairs.map { "\($0.key)=\($0.value)" } }

    @Test func multiItemsAreGroupedByKeyInFirstSeenOrder() {
        #expect(flat(fields.items(multi: true)) == ["a=1", "a=3", "b=2", "b=4", "c="])
        // Iteration keeps arrival order.
        #expect(flat(Array(fields)) == ["a=1", "b=2", "a=3", "c=", "b=4"])
    }

    @Test func itemsGiveTheFirstValueOfEachKey() {
        #expect(flat(fields.items()) == ["a=1", "b=2", "c="])
    }

    @Test func listsAndDictionaries() {
        #expect(fields.lists().map { "\($0.key):\($0.values.joined(separator: ","))" } == ["a:1,3", "b:2,4", "c:"])
        #expect(fields.toDict() == ["a": "1", "b": "2", "c": ""])
        #expect(fields.toDict(flat: false) == ["a": ["1", "3"], "b": ["2", "4"], "c": [""]])
    }

    @Test func emptyDictionary() {
        #expect(MultiDict().items(multi: true).isEmpty)
        #expect(MultiDict().lists().isEmpty)
        #expect(MultiDict().toDict().isEmpty)
    }
}
