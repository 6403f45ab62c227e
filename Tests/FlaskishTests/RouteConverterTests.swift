import Testing
@testable import Flaskish

/// The converter protocol's defaults and the registry (Werkzeug's `Map.converters`).
struct RouteConverterTests {
    struct Bare: RouteConverter {
        init(arguments: ConverterArguments) throws {}
        func match(_ segment: Substring) -> RouteValue? { .string(String(segment)) }
    }

    @Test func defaultsAreBaseConverters() throws {
        let converter = try Bare(arguments: .empty)
        #expect(converter.weight == 100)
        #expect(!converter.matchesSlashes)
        #expect(try converter.toURL("a b/c") == "a%20b/c")
    }

    @Test func registryHasWerkzeugsSevenAndTakesMore() {
        var registry = ConverterRegistry.default
        #expect(registry.names == ["any", "default", "float", "int", "path", "string", "uuid"])
        registry["bare"] = Bare.self
        #expect(registry["bare"] == Bare.self)
        registry["int"] = nil
        #expect(registry["int"] == nil)
        #expect(ConverterRegistry.default["int"] != nil)
    }
}
