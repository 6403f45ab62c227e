import Testing
@testable import Flaskish

/// `app.config`: Flask's defaults, typed reads, `fromPrefixedEnvironment`, `app.debug`.
struct ConfigTests {
    @Test func holdsFlasksDefaults() {
        let config = Config()
        #expect(config.get("DEBUG", as: Bool.self) == false)
        #expect(config.get("TESTING", as: Bool.self) == false)
        #expect(config.get("SESSION_COOKIE_NAME", as: String.self) == "session")
        #expect(config.get("SESSION_COOKIE_HTTPONLY", as: Bool.self) == true)
        #expect(config.get("SESSION_COOKIE_SECURE", as: Bool.self) == false)
        #expect(config.get("PERMANENT_SESSION_LIFETIME", as: Int.self) == 31 * 24 * 3600)
        #expect(config.get("APPLICATION_ROOT", as: String.self) == "/")
        #expect(config.get("PREFERRED_URL_SCHEME", as: String.self) == "http")
        #expect(config["SECRET_KEY"] == nil)
        #expect(config["SERVER_NAME"] == nil)
    }

    @Test func typedReadsConvertBetweenIntAndDouble() {
        let config = Config()
        config["A"] = 3
        config["B"] = 2.9
        #expect(config.get("A", as: Double.self) == 3.0)
        #expect(config.get("B", as: Int.self) == 2)
        #expect(config.get("A", as: String.self) == nil)
        #expect(config.get("MISSING", as: Int.self) == nil)
        config["A"] = nil
        #expect(config["A"] == nil)
    }

    @Test func everyAppHasItsOwnConfig() {
        let a = Flask(), b = Flask()
        a.config["X"] = 1
        #expect(b.config["X"] == nil)
    }

    @Test func prefixedEnvironmentSetsKeysWithoutThePrefix() {
        let config = Config()
        let loaded = config.fromPrefixedEnvironment(environment: [
            "FLASK_SECRET_KEY": "s3cret", "FLASK_DEBUG": "true", "FLASK_TESTING": "false", "FLASK_PORT": "5000",
            "FLASK_RATIO": "0.5", "OTHER_KEY": "x", "FLASK_": "ignored", "FLASKX_Y": "no",
        ])
        #expect(loaded == ["DEBUG", "PORT", "RATIO", "SECRET_KEY", "TESTING"])
        #expect(config.get("SECRET_KEY", as: String.self) == "s3cret")
        #expect(config.get("DEBUG", as: Bool.self) == true)
        #expect(config.get("TESTING", as: Bool.self) == false)
        #expect(config.get("PORT", as: Int.self) == 5000)
        #expect(config.get("RATIO", as: Double.self) == 0.5)
        #expect(config["KEY"] == nil && config["Y"] == nil)
    }

    @Test func customPrefix() {
        let config = Config()
        #expect(config.fromPrefixedEnvironment("MYAPP", environment: ["MYAPP_NAME": "demo", "FLASK_NAME": "no"]) == ["NAME"])
        #expect(config.get("NAME", as: String.self) == "demo")
    }

    /// Flask loads each value with `json.loads`, falling back to the text.
    @Test(arguments: [("1e3", "1000.0"), ("-2", "-2"), ("true", "true"), ("hello", "hello"), ("True", "True"), ("", "")])
    func valuesParseAsJSONScalarsElseText(raw: String, expected: String) {
        #expect(String(describing: Config.parseEnvironmentValue(raw)) == expected)
    }

    /// Where `fromPrefixedEnvironment` still differs from Flask's `json.loads`.
    @Test func knownDifferencesFromJSONLoading() {
        withKnownIssue("quoted strings, arrays, objects and null are not decoded as JSON yet") {
            #expect(Config.parseEnvironmentValue("\"quoted\"") as? String == "quoted")
            #expect(Config.parseEnvironmentValue("null") is JSONValue)
        }
        withKnownIssue("Swift reads inf, nan and +5 as numbers; json.loads refuses them") {
            #expect(Config.parseEnvironmentValue("inf") as? String == "inf")
            #expect(Config.parseEnvironmentValue("+5") as? String == "+5")
        }
    }

    @Test func appDebugAndTestingReadAndWriteTheConfig() {
        let app = Flask()
        #expect(!app.debug && !app.testing)
        app.debug = true
        #expect(app.config.get("DEBUG", as: Bool.self) == true)
        app.config["TESTING"] = true
        #expect(app.testing)
        app.config.fromPrefixedEnvironment(environment: ["FLASK_DEBUG": "false"])
        #expect(!app.debug)
    }
}
