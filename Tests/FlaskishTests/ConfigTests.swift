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

    /// `json.loads` decodes quoted strings, arrays, objects and `null`.
    @Test func valuesParseAsAnyJSON() throws {
        #expect(Config.parseEnvironmentValue("\"quoted\"") as? String == "quoted")
        #expect(Config.parseEnvironmentValue("null") as? JSONValue == .null)
        let list = try #require(Config.parseEnvironmentValue("[1, \"a\", [true]]") as? [any Sendable])
        #expect(list.count == 3 && list[0] as? Int == 1 && list[1] as? String == "a")
        #expect((list[2] as? [any Sendable])?.first as? Bool == true)
        let object = try #require(Config.parseEnvironmentValue(#"{"a": {"b": 2.5}}"#) as? [String: any Sendable])
        #expect((object["a"] as? [String: any Sendable])?["b"] as? Double == 2.5)
        #expect(Config.parseEnvironmentValue(" 7 ") as? Int == 7)
        #expect(Config.parseEnvironmentValue("[1,") as? String == "[1,")
    }

    /// Swift's number parsing is wider than JSON's; what `json.loads` refuses stays text, and
    /// the three words Python's decoder accepts are numbers.
    @Test(arguments: ["inf", "nan", "+5", "0x10", "1.", ".5", "01", "True", "None"])
    func nonJSONNumbersStayText(raw: String) {
        #expect(Config.parseEnvironmentValue(raw) as? String == raw)
    }

    @Test func pythonsNonStandardNumberWordsAreNumbers() {
        #expect(Config.parseEnvironmentValue("Infinity") as? Double == .infinity)
        #expect(Config.parseEnvironmentValue("-Infinity") as? Double == -.infinity)
        #expect((Config.parseEnvironmentValue("NaN") as? Double)?.isNaN == true)
    }

    @Test func nullRemovesTheKey() {
        let config = Config()
        config["SERVER_NAME"] = "example.com"
        #expect(config.fromPrefixedEnvironment(environment: ["FLASK_SERVER_NAME": "null"]) == ["SERVER_NAME"])
        #expect(config["SERVER_NAME"] == nil)
    }

    @Test func jsonListsAreUsableAsSecretKeyFallbacks() {
        let config = Config()
        config.fromPrefixedEnvironment(environment: ["FLASK_SECRET_KEY_FALLBACKS": #"["old", "older"]"#])
        #expect((config["SECRET_KEY_FALLBACKS"] as? [any Sendable])?.compactMap { $0 as? String } == ["old", "older"])
    }

    /// Flask: `FLASK_DB__HOST` sets `config["DB"]["HOST"]`, making `DB` when missing.
    @Test func doubleUnderscoreSetsNestedKeys() throws {
        let config = Config()
        config["DB"] = ["PORT": 1] as [String: any Sendable]
        let loaded = config.fromPrefixedEnvironment(environment: [
            "FLASK_DB__HOST": "db.local", "FLASK_DB__PORT": "5432",
            "FLASK_CACHE__REDIS__URL": "\"redis://\"", "FLASK_DB__USER": "null",
        ])
        #expect(loaded == ["CACHE__REDIS__URL", "DB__HOST", "DB__PORT", "DB__USER"])
        let db = try #require(config["DB"] as? [String: any Sendable])
        #expect(db["HOST"] as? String == "db.local")
        #expect(db["PORT"] as? Int == 5432)
        #expect(db.keys.sorted() == ["HOST", "PORT"])
        let cache = try #require(config["CACHE"] as? [String: any Sendable])
        #expect((cache["REDIS"] as? [String: any Sendable])?["URL"] as? String == "redis://")
    }

    /// Flask raises `TypeError` here; Flaskish leaves the value alone and skips the name.
    @Test func nestingThroughANonDictionaryIsSkipped() {
        let config = Config()
        config["NAME"] = "text"
        #expect(config.fromPrefixedEnvironment(environment: ["FLASK_NAME__X": "1", "FLASK_OK": "1"]) == ["OK"])
        #expect(config["NAME"] as? String == "text")
    }

    @Test func readsTheProcessEnvironmentByDefault() {
        // A prefix no environment has: nothing is read, and the call needs no argument.
        #expect(Config().fromPrefixedEnvironment("FLASKISH_TEST_NO_SUCH_PREFIX_7F3A").isEmpty)
    }

    /// Flask 3.1's `default_config` keys with a value other than `None`.
    @Test func holdsFlask31sNewerDefaults() {
        let config = Config()
        #expect(config.get("MAX_FORM_MEMORY_SIZE", as: Int.self) == 500_000)
        #expect(config.get("MAX_FORM_PARTS", as: Int.self) == 1_000)
        #expect(config.get("SESSION_REFRESH_EACH_REQUEST", as: Bool.self) == true)
        #expect(config.get("SESSION_COOKIE_PARTITIONED", as: Bool.self) == false)
        #expect(config.get("MAX_COOKIE_SIZE", as: Int.self) == 4093)
        #expect(config.get("PROVIDE_AUTOMATIC_OPTIONS", as: Bool.self) == true)
        #expect(config.get("TRAP_HTTP_EXCEPTIONS", as: Bool.self) == false)
        #expect(config.get("EXPLAIN_TEMPLATE_LOADING", as: Bool.self) == false)
        #expect(config.get("USE_X_SENDFILE", as: Bool.self) == false)
        #expect(config.get("MAX_FORM_MEMORY_SIZE", as: Int.self) == FormLimits.defaultMaxFormMemorySize)
        #expect(config.get("MAX_FORM_PARTS", as: Int.self) == FormLimits.defaultMaxFormParts)
        #expect(config.get("MAX_COOKIE_SIZE", as: Int.self) == SessionInterface.defaultMaxCookieSize)
    }

    /// Flask reads `PROVIDE_AUTOMATIC_OPTIONS` when a rule is added: off, `OPTIONS` is a 405.
    @Test func automaticOptionsFollowTheConfig() async {
        let app = Flask()
        app.get("/on") { _ in "on" }
        app.config["PROVIDE_AUTOMATIC_OPTIONS"] = false
        app.get("/off") { _ in "off" }
        let client = app.testClient()
        let on = await client.open("/on", method: .OPTIONS)
        #expect(on.statusCode == 200)
        #expect(on.headers["Allow"]?.contains("OPTIONS") == true)
        let off = await client.open("/off", method: .OPTIONS)
        #expect(off.statusCode == 405)
        #expect(off.headers["Allow"]?.contains("OPTIONS") == false)
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
