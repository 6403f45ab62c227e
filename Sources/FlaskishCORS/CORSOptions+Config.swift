import Flaskish

extension CORSOptions {
    /// The `app.config` keys flask-cors reads (`CORS_ORIGINS`, …, `CORS_RESOURCES`).
    public static let configKeys = [
        "CORS_ORIGINS", "CORS_METHODS", "CORS_ALLOW_HEADERS", "CORS_EXPOSE_HEADERS", "CORS_SUPPORTS_CREDENTIALS",
        "CORS_MAX_AGE", "CORS_SEND_WILDCARD", "CORS_AUTOMATIC_OPTIONS", "CORS_VARY_HEADER", "CORS_RESOURCES",
        "CORS_INTERCEPT_EXCEPTIONS", "CORS_ALWAYS_SEND", "CORS_ALLOW_PRIVATE_NETWORK",
    ]

    /// The options set by `CORS_*` keys of `config` (all but `CORS_RESOURCES`, read by
    /// `CORSResources(config:)`). Values may be written as in Python (`"*"`, `["a", "b"]`,
    /// `true`, `600`) or with FlaskishCORS's types (`CORSList`, `CORSMaxAge`, `Duration`).
    ///
    /// flask-cors: `get_app_kwarg_dict`.
    /// - Throws: `CORSConfigurationError.invalidConfigValue` for a value of another type.
    public init(config: Config) throws(CORSConfigurationError) {
        self.init()
        origins = try Self.list(config, "CORS_ORIGINS")
        methods = try Self.methods(config, "CORS_METHODS")
        allowHeaders = try Self.list(config, "CORS_ALLOW_HEADERS")
        exposeHeaders = try Self.list(config, "CORS_EXPOSE_HEADERS")
        supportsCredentials = try Self.flag(config, "CORS_SUPPORTS_CREDENTIALS")
        maxAge = try Self.maxAge(config, "CORS_MAX_AGE")
        sendWildcard = try Self.flag(config, "CORS_SEND_WILDCARD")
        automaticOptions = try Self.flag(config, "CORS_AUTOMATIC_OPTIONS")
        varyHeader = try Self.flag(config, "CORS_VARY_HEADER")
        interceptExceptions = try Self.flag(config, "CORS_INTERCEPT_EXCEPTIONS")
        alwaysSend = try Self.flag(config, "CORS_ALWAYS_SEND")
        allowPrivateNetwork = try Self.flag(config, "CORS_ALLOW_PRIVATE_NETWORK")
    }

    static func wrongType(_ key: String, _ value: any Sendable, expected: String) -> CORSConfigurationError {
        CORSConfigurationError(.invalidConfigValue, option: key,
                               message: "app.config[\"\(key)\"] is a \(type(of: value)) (\(value)); expected \(expected).")
    }

    private static func list(_ config: Config, _ key: String) throws(CORSConfigurationError) -> CORSList? {
        guard let value = config[key] else { return nil }
        switch value {
        case let list as CORSList: return list
        case let text as String: return CORSList(text)
        case let texts as [String]: return CORSList(texts)
        case let texts as Set<String>: return CORSList(Array(texts))
        default: throw wrongType(key, value, expected: "a String, [String] or CORSList")
        }
    }

    private static func methods(_ config: Config, _ key: String) throws(CORSConfigurationError) -> CORSMethods? {
        guard let value = config[key] else { return nil }
        switch value {
        case let methods as CORSMethods: return methods
        case let text as String: return CORSMethods(text)
        case let texts as [String]: return CORSMethods(texts.map { HTTPMethod(rawValue: $0) })
        case let methods as [HTTPMethod]: return CORSMethods(methods)
        case let texts as Set<String>: return CORSMethods(texts.map { HTTPMethod(rawValue: $0) })
        default: throw wrongType(key, value, expected: "a String, [String], [HTTPMethod] or CORSMethods")
        }
    }

    private static func flag(_ config: Config, _ key: String) throws(CORSConfigurationError) -> Bool? {
        guard let value = config[key] else { return nil }
        switch value {
        case let flag as Bool: return flag
        // Python reads any non-zero number as true.
        case let number as Int: return number != 0
        default: throw wrongType(key, value, expected: "a Bool")
        }
    }

    private static func maxAge(_ config: Config, _ key: String) throws(CORSConfigurationError) -> CORSMaxAge? {
        guard let value = config[key] else { return nil }
        switch value {
        case let age as CORSMaxAge: return age
        case let seconds as Int: return .seconds(seconds)
        case let duration as Duration: return .duration(duration)
        case let text as String: return .text(text)
        case let number as Double:
            // Python sends `str(float)`: `600.0`, `1.5`; 0.0 is falsy and sends nothing.
            if number == 0 { return .text("") }
            if number.rounded() == number && abs(number) < 1e16 { return .text("\(Int(number)).0") }
            return .text("\(number)")
        default: throw wrongType(key, value, expected: "an Int (seconds), Duration, String or CORSMaxAge")
        }
    }
}
