import Testing
@testable import FlaskishCORS

struct CORSPolicyTests {
    @Test func defaultsAreFlaskCORSs() throws {
        let policy = try CORSPolicy(CORSOptions())
        #expect(policy.originPatterns == [".*"])
        #expect(policy.methods == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
        #expect(policy.exposeHeaders == nil)
        #expect(policy.maxAge == nil)
        #expect(!policy.supportsCredentials)
        #expect(!policy.sendWildcard)
        #expect(policy.varyHeader)
        #expect(policy.automaticOptions)
        #expect(policy.alwaysSend)
        #expect(policy.interceptExceptions)
        #expect(!policy.allowPrivateNetwork)
        #expect(policy.allowsAnyOrigin)
        #expect(policy.hasRegexOrigin)
    }

    @Test func literalOriginsAreSortedAndRegexesLeftOut() throws {
        let policy = try CORSPolicy(CORSOptions(origins: ["http://b.com", #"https://.*\.x\.com"#, "http://a.com"]))
        #expect(policy.literalOrigins == ["http://a.com", "http://b.com"])
        #expect(policy.hasRegexOrigin)
        #expect(!policy.allowsAnyOrigin)
    }

    @Test func emptyExposeHeadersSendNothing() throws {
        #expect(try CORSPolicy(CORSOptions(exposeHeaders: "")).exposeHeaders == nil)
        #expect(try CORSPolicy(CORSOptions(exposeHeaders: [])).exposeHeaders == nil)
    }

    @Test func credentialsWithSentWildcardThrow() {
        #expect {
            try CORSPolicy(CORSOptions(supportsCredentials: true, sendWildcard: true))
        } throws: { error in
            (error as? CORSConfigurationError)?.kind == .credentialsWithWildcard
        }
    }

    @Test func credentialsWithWildcardAreFineWhenTheOriginIsEchoed() throws {
        _ = try CORSPolicy(CORSOptions(supportsCredentials: true))
        _ = try CORSPolicy(CORSOptions(origins: "http://a.com", supportsCredentials: true, sendWildcard: true))
    }

    @Test func badAllowHeadersRegexThrowsNamingTheOption() {
        #expect {
            try CORSPolicy(CORSOptions(allowHeaders: ["X-(a"]))
        } throws: { error in
            (error as? CORSConfigurationError).map { $0.kind == .invalidRegex && $0.option == "allow_headers" } ?? false
        }
    }
}
