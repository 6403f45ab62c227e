import Flaskish

/// Percent-decoding, query strings and Cookie headers.
enum FuzzURLCookie {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        _ = URLCoding.percentDecodedBytes(text, plusAsSpace: true)
        _ = URLCoding.percentDecode(text, plusAsSpace: false, invalidUTF8: .requote)
        let pairs = URLCoding.parseQuery(text)
        _ = Cookies.parse(text)

        // Round trips: what the encoders write, the decoders read back.
        let decoded = URLCoding.percentDecode(text)
        let reencoded = URLCoding.percentEncode(decoded, safe: .unreserved)
        Fuzz.check(URLCoding.percentDecode(reencoded) == decoded, "url-cookie", "percent round trip of \(decoded.debugDescription)")
        let query = URLCoding.encodeQuery(pairs)
        let again = URLCoding.parseQuery(query)
        Fuzz.check(again.map { $0.0 } == pairs.map { $0.0 } && again.map { $0.1 } == pairs.map { $0.1 },
            "url-cookie", "query round trip of \(pairs)")
    }
}
