import Foundation
import Testing
@testable import Flaskish

struct TemplatesValueTests {
    @Test(arguments: [
        (TemplateValue.none, "None"), (.bool(true), "True"), (.double(1), "1.0"), (.double(0.1), "0.1"),
        (.double(1e20), "1e+20"), (.double(.infinity), "inf"), (.double(-.infinity), "-inf"), (.double(.nan), "nan"),
        (["a", 1], "['a', 1]"), (.tuple([1]), "(1,)"), (["a": 1], "{'a': 1}"), (.string("it's"), "it's"),
        ([.string("it's")], "[\"it's\"]"), (.undefined("x"), ""),
    ] as [(TemplateValue, String)])
    func printsLikePython(_ value: TemplateValue, _ expected: String) {
        #expect(value.pythonString == expected)
    }

    @Test func escapesLikeMarkupSafe() {
        #expect(TemplateEscaping.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(TemplateEscaping.escape("plain ünïcode") == "plain ünïcode")
    }

    @Test func dictKeepsInsertionOrderAndRemoves() {
        var d = TemplateDict()
        d["b"] = 1
        d["a"] = 2
        d["b"] = 3
        #expect(d.keys == ["b", "a"])
        #expect(d["b"] == 3)
        d["b"] = nil
        #expect(d.keys == ["a"] && d["a"] == 2)
    }

    @Test(arguments: [3, 8, 9, 40])
    func dictLookupsAgreeInSmallAndIndexedModes(_ size: Int) {
        var d = TemplateDict()
        for i in 0..<size { d["k\(i)"] = .int(i) }
        d[.int(1)] = "int key"
        #expect(d.count == size + 1)
        #expect((0..<size).allSatisfy { d["k\($0)"] == .int($0) })
        #expect(d[.markup("k0")] == 0)
        #expect(d[.double(1.0)] == "int key")
        d["k0"] = nil
        #expect(d["k0"] == nil && d.count == size)
        #expect(d.keys.first == (size > 1 ? "k1" : .int(1)))
        #expect(d["k\(size - 1)"] == .int(size - 1))
    }

    @Test func pythonEqualityAcrossNumbers() {
        #expect(TemplateValue.int(1) == .double(1.0))
        #expect(TemplateValue.bool(true) == .int(1))
        #expect(TemplateValue.string("x") == .markup("x"))
        #expect(Set<TemplateValue>([.int(1), .double(1.0)]).count == 1)
    }

    @Test func convertsJSONValueWithSortedKeys() {
        let json: JSONValue = ["b": [1, 2.5, nil], "a": true]
        #expect(TemplateValue(json).pythonRepr == "{'a': True, 'b': [1, 2.5, None]}")
    }

    struct Address: Encodable { let city: String }
    struct User: Encodable {
        let name: String
        let age: Int
        let score: Double?
        let tags: [String]
        let address: Address
    }

    @Test func convertsEncodableKeepingFieldOrder() throws {
        let user = User(name: "Ana", age: 30, score: nil, tags: ["a"], address: Address(city: "Porto"))
        let value = try TemplateValue(encoding: user)
        #expect(value.pythonRepr == "{'name': 'Ana', 'age': 30, 'tags': ['a'], 'address': {'city': 'Porto'}}")
    }

    @Test func convertsLooseSwiftValues() {
        let optional: Int? = nil
        let value = TemplateValue(any: ["n": 1, "s": "x", "o": optional as Any, "l": [true, 2.5]] as [String: Any])
        #expect(value.pythonRepr == "{'l': [True, 2.5], 'n': 1, 'o': None, 's': 'x'}")
        #expect(TemplateValue(any: Address(city: "Lima")).pythonRepr == "{'city': 'Lima'}")
        #expect(TemplateValue(any: UInt8(7)) == .int(7))
    }

    @Test func contextAndEscapeHelpers() throws {
        let name: String? = "<Ana>"
        let context = TemplateValue.context(["name": name, "n": 3])
        #expect(try TemplateEnvironment().renderString("{{ name }} {{ n + 1 }}", context: context) == "&lt;Ana&gt; 4")
        #expect(TemplateValue.escape("<&>") == .markup("&lt;&amp;&gt;"))
        #expect(TemplateValue.escape(.markup("<b>")) == .markup("<b>"))
    }

    @Test func truthinessFollowsPython() {
        let falsy: [TemplateValue] = [.none, .undefined("x"), false, 0, 0.0, "", [], [:]]
        let allFalse = falsy.allSatisfy { !$0.isTruthy }
        #expect(allFalse)
        let truthy: [TemplateValue] = [true, 1, 0.5, "a", [0], ["k": 0]]
        let allTrue = truthy.allSatisfy { $0.isTruthy }
        #expect(allTrue)
    }
}
