import Testing
@testable import FlaskishSocketIO

struct ClientScriptTests {
    @Test func clientScriptIsBundled() {
        #expect(!ClientScript.bytes.isEmpty)
        #expect(!String(decoding: ClientScript.bytes, as: UTF8.self).contains("resource missing"))
    }
}
