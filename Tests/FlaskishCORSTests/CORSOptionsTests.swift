import Flaskish
import Testing
@testable import FlaskishCORS

struct CORSOptionsTests {
    @Test func strongerOptionsWinAndUnsetOnesFallThrough() {
        let weak = CORSOptions(origins: "http://a.com", supportsCredentials: true, maxAge: 5, varyHeader: false)
        let strong = CORSOptions(origins: ["http://b.com"], maxAge: 10, alwaysSend: false)
        let merged = weak.overridden(by: strong)
        #expect(merged.origins == ["http://b.com"])
        #expect(merged.maxAge == 10)
        #expect(merged.supportsCredentials == true)
        #expect(merged.varyHeader == false)
        #expect(merged.alwaysSend == false)
        #expect(merged.sendWildcard == nil)
    }

    @Test func everyFieldCanBeOverridden() {
        let all = CORSOptions(
            origins: "o", methods: ["GET"], allowHeaders: "h", exposeHeaders: "e", supportsCredentials: true, maxAge: 1,
            sendWildcard: true, varyHeader: false, automaticOptions: false, alwaysSend: false, interceptExceptions: false,
            allowPrivateNetwork: true)
        #expect(CORSOptions().overridden(by: all) == all)
        #expect(all.overridden(by: CORSOptions()) == all)
    }

    @Test func falseOverridesTrue() {
        #expect(CORSOptions(sendWildcard: true).overridden(by: CORSOptions(sendWildcard: false)).sendWildcard == false)
    }
}
