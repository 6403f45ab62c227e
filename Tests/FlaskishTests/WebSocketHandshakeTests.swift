import Testing
@testable import Flaskish

struct WebSocketHandshakeTests {
    static let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="

    static func request(
        upgrade: String? = "websocket", connection: String? = "Upgrade", key: String? = sampleKey, version: String? = "13"
    ) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Host": "server.example.com"]
        if let upgrade { headers.add(name: "Upgrade", value: upgrade) }
        if let connection { headers.add(name: "Connection", value: connection) }
        if let key { headers.add(name: "Sec-WebSocket-Key", value: key) }
        if let version { headers.add(name: "Sec-WebSocket-Version", value: version) }
        return headers
    }

    func failure(_ headers: HTTPHeaders, method: HTTPMethod = .GET) -> WebSocketHandshake.Failure? {
        do throws(WebSocketHandshake.Failure) {
            _ = try WebSocketHandshake.validate(method: method, headers: headers)
            return nil
        } catch {
            return error
        }
    }

    @Test func rfcSampleAcceptKey() {
        // RFC 6455 §1.3.
        #expect(WebSocketHandshake.acceptValue(forKey: Self.sampleKey) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func validRequestGets101Headers() throws {
        let headers = try WebSocketHandshake.validate(method: .GET, headers: Self.request())
        #expect(headers["Upgrade"] == "websocket")
        #expect(headers["Connection"] == "Upgrade")
        #expect(headers["Sec-WebSocket-Accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func tokensAreCaseInsensitiveAndListsAreSearched() throws {
        let headers = try WebSocketHandshake.validate(
            method: .GET, headers: Self.request(upgrade: "WebSocket", connection: "keep-alive, UPGRADE"))
        #expect(headers["Sec-WebSocket-Accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func nonGetIs400() {
        #expect(failure(Self.request(), method: .POST)?.status == .badRequest)
    }

    @Test func missingOrWrongUpgradeIs400() {
        #expect(failure(Self.request(upgrade: nil))?.status == .badRequest)
        #expect(failure(Self.request(upgrade: "h2c"))?.status == .badRequest)
    }

    @Test func connectionWithoutUpgradeTokenIs400() {
        #expect(failure(Self.request(connection: "keep-alive"))?.status == .badRequest)
        #expect(failure(Self.request(connection: "upgraded"))?.status == .badRequest)
    }

    @Test(arguments: ["", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ==dGhl", "AAAAAAAAAAAAAAAAAAAAAAA=", "not base64 at all!!!!!=="])
    func keyThatIsNotBase64Of16BytesIs400(key: String) {
        let error = failure(Self.request(key: key))
        #expect(error?.status == .badRequest)
        #expect(error?.reason.contains("Sec-WebSocket-Key") == true)
    }

    @Test func missingKeyIs400() {
        #expect(failure(Self.request(key: nil))?.status == .badRequest)
    }

    @Test(arguments: [nil, "8", "12", "14", "13, 8"] as [String?])
    func unsupportedVersionIs426WithTheSupportedVersion(version: String?) {
        let error = failure(Self.request(version: version))
        #expect(error?.status == .upgradeRequired)
        #expect(error?.headers["Sec-WebSocket-Version"] == "13")
    }

    @Test func upgradeRequestDetection() {
        #expect(WebSocketHandshake.isUpgradeRequest(Self.request()))
        #expect(!WebSocketHandshake.isUpgradeRequest(["Host": "x"]))
    }
}
