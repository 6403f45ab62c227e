import Flaskish

/// Session ids: 20 characters of base64url from 15 random bytes (120 bits), so an id
/// cannot be guessed to hijack a session.
///
/// python-engineio: `BaseServer.generate_id` (base64 of 15 bytes with `/`→`_`, `+`→`-`).
package enum EngineIOSessionID {
    /// Random bytes per id.
    package static let randomByteCount = 15

    /// A fresh id from the system's cryptographic generator.
    package static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A fresh id drawn from `generator` (tests pass a seeded one for fixed ids).
    package static func generate(using generator: inout some RandomNumberGenerator) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(randomByteCount)
        for _ in 0..<randomByteCount { bytes.append(UInt8.random(in: .min ... .max, using: &generator)) }
        return Base64.encodeURLSafe(bytes)
    }
}
