/// Hex helpers shared by the crypto vector tests.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func decode(_ text: String) -> [UInt8] {
        var out = [UInt8]()
        var high: UInt8?
        for c in text.utf8 {
            let v: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }
}
