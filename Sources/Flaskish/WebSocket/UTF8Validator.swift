// Well-formed UTF-8 as Unicode §3.9 Table 3-7 defines it, checked one byte at a time so a
// text message can be validated fragment by fragment (RFC 6455 §8.1: fail fast on invalid
// text). The states name what the next byte must be:
//
//   lead 00–7F → done        C2–DF → 1 tail     E0 → A0–BF, 1 tail   E1–EC EE–EF → 2 tails
//   ED → 80–9F, 1 tail (no surrogates)          F0 → 90–BF, 2 tails  F1–F3 → 3 tails
//   F4 → 80–8F, 2 tails (≤ U+10FFFF)            80–C1, F5–FF → invalid (overlong / out of range)

/// An incremental UTF-8 validator: feed bytes in any split, then ask `isComplete` at the end.
package struct UTF8Validator: Sendable, Equatable {
    @usableFromInline enum State: UInt8, Sendable {
        case ready, oneTail, twoTails, threeTails
        case afterE0, afterED, afterF0, afterF4
        case invalid
    }

    @usableFromInline var state: State = .ready

    /// A validator at the start of a text.
    package init() {}

    /// False once an invalid byte was seen; it stays false.
    package var isValid: Bool { state != .invalid }

    /// True when everything fed so far is valid and no sequence is cut off.
    package var isComplete: Bool { state == .ready }

    /// Feeds more bytes; returns `isValid`.
    @discardableResult
    package mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard state != .invalid, let base = bytes.baseAddress else { return state != .invalid }
        let count = bytes.count
        var s = state
        var i = 0
        while i < count {
            if s == .ready {
                // ASCII runs are the common case: skip eight bytes at a time.
                while i + 8 <= count,
                      base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                if i == count { break }
            }
            s = Self.step(s, base.load(fromByteOffset: i, as: UInt8.self))
            if s == .invalid { break }
            i += 1
        }
        state = s
        return s != .invalid
    }

    /// Feeds more bytes; returns `isValid`.
    @discardableResult
    package mutating func validate(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { validate($0) }
    }

    /// True when `bytes` is one complete, valid UTF-8 text.
    package static func isValid(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isComplete
    }

    @inline(__always) @usableFromInline
    static func step(_ state: State, _ byte: UInt8) -> State {
        switch state {
        case .ready:
            switch byte {
            case 0x00...0x7F: return .ready
            case 0xC2...0xDF: return .oneTail
            case 0xE0: return .afterE0
            case 0xED: return .afterED
            case 0xE1...0xEF: return .twoTails
            case 0xF0: return .afterF0
            case 0xF1...0xF3: return .threeTails
            case 0xF4: return .afterF4
            default: return .invalid
            }
        case .oneTail: return (0x80...0xBF).contains(byte) ? .ready : .invalid
        case .twoTails: return (0x80...0xBF).contains(byte) ? .oneTail : .invalid
        case .threeTails: return (0x80...0xBF).contains(byte) ? .twoTails : .invalid
        case .afterE0: return (0xA0...0xBF).contains(byte) ? .oneTail : .invalid
        case .afterED: return (0x80...0x9F).contains(byte) ? .oneTail : .invalid
        case .afterF0: return (0x90...0xBF).contains(byte) ? .twoTails : .invalid
        case .afterF4: return (0x80...0x8F).contains(byte) ? .twoTails : .invalid
        case .invalid: return .invalid
        }
    }
}
