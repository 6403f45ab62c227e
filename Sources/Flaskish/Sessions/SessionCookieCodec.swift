// The signed session cookie (Flaskish's own format, documented in docs/differences-from-flask.md):
//
//   cookie    = payload "." timestamp "." signature
//   payload   = base64url-nopad( JSON object, keys sorted, compact )
//   timestamp = 1*DIGIT                ; seconds since the epoch when signed
//   signature = base64url-nopad( HMAC-SHA256( key, payload "." timestamp ) )
//   key       = HMAC-SHA256( SECRET_KEY, "cookie-session" )

/// Why a session cookie was not accepted.
package enum SessionCookieError: Error, Sendable, Equatable {
    /// Not three dot-separated fields, or a field that does not decode.
    case malformed
    /// The signature matches none of the keys.
    case badSignature
    /// Signed longer ago than the allowed age (or in the future).
    case expired
    /// Signed correctly but not a JSON object.
    case badPayload
}

/// Signs and verifies session cookies: a pure codec, the clock passed in.
///
/// Flask: `SecureCookieSessionInterface.get_signing_serializer` (itsdangerous'
/// `URLSafeTimedSerializer` with the `cookie-session` salt and HMAC-SHA1); Flaskish uses
/// HMAC-SHA256 and its own layout.
package struct SessionCookieCodec: Sendable {
    /// The salt mixed into the signing key, as Flask's `salt = "cookie-session"`.
    package static let salt = "cookie-session"

    /// Compact JSON with sorted keys, so equal sessions make equal cookies.
    private static let payloadOptions = JSONWriteOptions(sortKeys: true, itemSeparator: ",", keySeparator: ":")

    /// The signing key first, then keys that still verify (old secrets being rotated out).
    private let keys: [[UInt8]]

    /// A codec signing with `secretKey` and also accepting cookies signed with `fallbacks`.
    ///
    /// Flask: `SECRET_KEY` and `SECRET_KEY_FALLBACKS`.
    package init(secretKey: [UInt8], fallbacks: [[UInt8]] = []) {
        keys = ([secretKey] + fallbacks).map { HMAC<SHA256>.authenticationCode(for: Array(Self.salt.utf8), key: $0) }
    }

    /// The cookie value for `values`, signed at `now` (seconds since the epoch).
    package func encode(_ values: [String: JSONValue], now: Int) -> String {
        let payload = Base64.encodeURLSafe(JSONValue.object(values).serialized(options: Self.payloadOptions))
        let signed = "\(payload).\(now)"
        return "\(signed).\(Base64.encodeURLSafe(HMAC<SHA256>.authenticationCode(for: Array(signed.utf8), key: keys[0])))"
    }

    /// The values of a cookie signed by one of the keys no more than `maxAge` seconds before `now`.
    package func decode(_ cookie: String, now: Int, maxAge: Int?) throws(SessionCookieError) -> [String: JSONValue] {
        let fields = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 3, let signature = Base64.decodeURLSafe(fields[2]) else { throw .malformed }
        let signed = Array(cookie.utf8.prefix(fields[0].utf8.count + 1 + fields[1].utf8.count))
        guard keys.contains(where: { ConstantTime.equals(HMAC<SHA256>.authenticationCode(for: signed, key: $0), signature) }) else {
            throw .badSignature
        }
        guard let timestamp = Int(fields[1]) else { throw .malformed }
        if let maxAge {
            let age = now - timestamp
            guard age >= 0, age <= maxAge else { throw .expired }
        }
        guard let json = Base64.decodeURLSafe(fields[0]),
              case .object(let values)? = try? JSONValue(parsing: json) else { throw .badPayload }
        return values
    }
}
