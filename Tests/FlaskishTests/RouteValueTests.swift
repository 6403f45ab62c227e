import Foundation
import Testing
@testable import Flaskish

struct RouteValueTests {
    static let id = UUID(uuidString: "A8098C1A-F86E-11DA-BD1A-00112444BE1E")!

    static let descriptionCases: [(RouteValue, String)] = [
        (.string("a b"), "a b"), (.int(-7), "-7"), (.double(0.815), "0.815"), (.double(2), "2.0"),
        (.double(0.00001), "1e-05"), (.uuid(id), "a8098c1a-f86e-11da-bd1a-00112444be1e"),
    ]

    @Test(arguments: descriptionCases)
    func describesAsPythonStr(_ c: (RouteValue, String)) {
        #expect(c.0.description == c.1)
    }

    @Test func accessorsReadDefaultsGivenAsStrings() {
        #expect(RouteValue.int(3).intValue == 3)
        #expect(RouteValue.string("3").intValue == 3)
        #expect(RouteValue.string("x").intValue == nil)
        #expect(RouteValue.double(1.5).intValue == nil)
        #expect(RouteValue.int(2).doubleValue == 2.0)
        #expect(RouteValue.string("1.5").doubleValue == 1.5)
        #expect(RouteValue.uuid(Self.id).uuidValue == Self.id)
        #expect(RouteValue.string("a8098c1a-f86e-11da-bd1a-00112444be1e").uuidValue == Self.id)
        #expect(RouteValue.string("x").stringValue == "x")
        #expect(RouteValue.int(1).stringValue == nil)
    }
}
