import Flaskish

/// The template lexer and parser (compiling a template runs both; rendering is not fuzzed,
/// since a valid template may legitimately loop for as long as its limits allow).
enum FuzzTemplate {
    static func run(_ input: UnsafeRawBufferPointer) {
        let environment = TemplateEnvironment()
        _ = try? environment.fromString(String(decoding: input, as: UTF8.self))
    }
}
