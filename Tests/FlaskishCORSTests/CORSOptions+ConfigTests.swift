import Flaskish
import Testing
@testable import FlaskishCORS

/// `app.config["CORS_*"]`, flask-cors's `get_app_kwarg_dict`.
struct CORSOptionsConfigTests {
    @Test func emptyConfigSetsNothing() throws {
        #expect(try CORSOptions(config: Config()) == CORSOptions())
    }

    @Test func pythonShapedValuesAreRead() throws {
        let config = Config()
        config["CORS_ORIGINS"] = ["http://a.com"]
        config["CORS_METHODS"] = "GET, POST"
        config["CORS_ALLOW_HEADERS"] = "X-A"
        config["CORS_EXPOSE_HEADERS"] = ["X-B"]
        config["CORS_SUPPORTS_CREDENTIALS"] = true
        config["CORS_MAX_AGE"] = 600
        config["CORS_SEND_WILDCARD"] = false
        config["CORS_AUTOMATIC_OPTIONS"] = false
        config["CORS_VARY_HEADER"] = 0
        config["CORS_INTERCEPT_EXCEPTIONS"] = false
        config["CORS_ALWAYS_SEND"] = 1
        config["CORS_ALLOW_PRIVATE_NETWORK"] = true
        let options = try CORSOptions(config: config)
        #expect(options == CORSOptions(
            origins: ["http://a.com"], methods: "GET, POST", allowHeaders: "X-A", exposeHeaders: ["X-B"],
            supportsCredentials: true, maxAge: 600, sendWildcard: false, varyHeader: false, automaticOptions: false,
            alwaysSend: true, interceptExceptions: false, allowPrivateNetwork: true))
    }

    @Test func flaskishTypesAreRead() throws {
        let config = Config()
        config["CORS_ORIGINS"] = CORSList("*")
        config["CORS_METHODS"] = [HTTPMethod.GET]
        config["CORS_MAX_AGE"] = Duration.seconds(60)
        #expect(try CORSOptions(config: config) == CORSOptions(origins: "*", methods: [.GET], maxAge: .duration(.seconds(60))))
        config["CORS_MAX_AGE"] = CORSMaxAge.text("7")
        config["CORS_METHODS"] = ["get"]
        #expect(try CORSOptions(config: config).maxAge == "7")
        #expect(try CORSOptions(config: config).methods == ["get"])
    }

    @Test(arguments: [(600.0, "600.0"), (1.5, "1.5"), (0.0, "")])
    func floatMaxAgeIsSentAsPythonsStr(_ value: Double, _ expected: String) throws {
        let config = Config()
        config["CORS_MAX_AGE"] = value
        #expect(try CORSOptions(config: config).maxAge == .text(expected))
    }

    @Test func environmentStringsWork() throws {
        let config = Config()
        config.fromPrefixedEnvironment("FLASK", environment: ["FLASK_CORS_ORIGINS": "http://a.com", "FLASK_CORS_MAX_AGE": "60",
                                                              "FLASK_CORS_SUPPORTS_CREDENTIALS": "true"])
        let options = try CORSOptions(config: config)
        #expect(options.origins == "http://a.com")
        #expect(options.maxAge == 60)
        #expect(options.supportsCredentials == true)
    }

    @Test(arguments: ["CORS_ORIGINS", "CORS_METHODS", "CORS_SUPPORTS_CREDENTIALS", "CORS_MAX_AGE", "CORS_EXPOSE_HEADERS"])
    func wrongTypesThrowNamingTheKey(_ key: String) {
        let config = Config()
        config[key] = [1, 2]
        #expect {
            try CORSOptions(config: config)
        } throws: { error in
            (error as? CORSConfigurationError).map { $0.kind == .invalidConfigValue && $0.option == key && $0.message.contains(key) } ?? false
        }
    }

    @Test func configKeysAreFlaskCORSs() {
        #expect(CORSOptions.configKeys.count == 13)
        #expect(CORSOptions.configKeys.allSatisfy { $0.hasPrefix("CORS_") })
    }
}
