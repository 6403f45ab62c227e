/// The rules to build each endpoint from, found by the endpoint's name: what `url_for` looks
/// up on every call.
///
/// Open addressing over an FNV-1a hash of the name's UTF-8 bytes, compared by `==` (as the
/// dictionary it stands beside compares): cheaper than `String`'s seeded hash for the short
/// names endpoints have. The names are the app's own, fixed at set-up, so a caller choosing the
/// name looked up can only choose where a probe starts, not lengthen the table's runs.
struct EndpointTable<Value: Sendable>: Sendable {
    /// Each endpoint's name and its value (the map keeps its rules in build order), in the
    /// order first seen.
    private var entries: [Entry] = []
    /// `1 +` an index into `entries`, or 0 for an empty slot; a power of two in size, at most
    /// half full, so a probe ends soon.
    private var slots = [Int32](repeating: 0, count: 8)

    private struct Entry: Sendable {
        let name: String
        var value: Value
    }

    /// The value of `name`; nil for an unknown endpoint.
    subscript(name: String) -> Value? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if entries[entry - 1].name == name { return entries[entry - 1].value }
            slot = (slot + 1) & mask
        }
    }

    /// Sets the value of `name`, adding the endpoint when it is new.
    mutating func set(_ value: Value, for name: String) {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if entries[entry].name == name {
                entries[entry].value = value
                return
            }
            slot = (slot + 1) & mask
        }
        entries.append(Entry(name: name, value: value))
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Self.hash(entry.name) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// FNV-1a (64 bits) of the UTF-8 bytes. Equal strings (`==`, canonical equivalence) have
    /// the same bytes unless one is not in NFC; such a name is not found here and the caller
    /// falls back to the general look-up, which answers for it.
    private static func hash(_ name: String) -> Int {
        func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 32))
        }
        return name.utf8.withContiguousStorageIfAvailable(fnv) ?? Array(name.utf8).withUnsafeBufferPointer(fnv)
    }
}
