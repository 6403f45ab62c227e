/// Comparisons whose running time does not depend on where two secrets first differ, so a
/// signature check leaks nothing to a timing attacker.
///
/// Python: `hmac.compare_digest`.
package enum ConstantTime {
    /// True when `a` and `b` hold the same bytes. Only the lengths may leak: every byte of
    /// equal-length inputs is visited.
    @inline(never)
    package static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices {
            difference |= a[i] ^ b[i]
        }
        return difference == 0
    }

    /// True when the UTF-8 bytes of `a` and `b` are the same (for signatures kept as text).
    package static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
