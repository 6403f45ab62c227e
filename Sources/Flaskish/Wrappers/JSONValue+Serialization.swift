// JSONValue → JSON text, byte-compatible with Python's `json.dumps`.
//
// - Floats print as Python's `repr(float)`: the shortest text that round-trips (`0.1`,
//   `1.0`, `1e+16`, `1.5e-07`, `9999999999999998.0`); non-finite ones as `Infinity`, `-Infinity`, `NaN`, which is
//   what `json.dumps` (and so Flask) writes by default, though RFC 8259 has no such tokens.
// - Strings escape `"` `\` and `\n \r \t \b \f`; other control characters and (with
//   `ensureASCII`) DEL and every non-ASCII scalar as lowercase `\u00xx`; `/` stays as is.

extension JSONValue {
    /// The document as UTF-8 bytes.
    /// - Parameter options: the layout; ``JSONWriteOptions/jsonify`` is Flask's response body.
    ///   The default, ``JSONWriteOptions/compact``, is the same without the final newline.
    ///
    /// Python: `json.dumps(obj, …).encode()`; Flask: the body `jsonify(obj)` sends.
    public func serialized(options: JSONWriteOptions = .compact) -> [UInt8] {
        var writer = JSONWriter(options: options)
        writer.write(self, level: 0)
        writer.output.append(contentsOf: options.terminator.utf8)
        return writer.output
    }

    /// The document as text.
    /// - Parameter options: the layout; ``JSONWriteOptions/jsonify`` is Flask's response body.
    ///
    /// Python: `json.dumps(obj, …)`.
    public func serializedString(options: JSONWriteOptions = .compact) -> String {
        String(decoding: serialized(options: options), as: UTF8.self)
    }
}

/// Appends JSON text to a byte buffer; shared by the `JSONValue` and `Encodable` writers.
package struct JSONWriter {
    /// The text written so far.
    package var output: [UInt8] = []
    private let options: JSONWriteOptions

    /// A writer with an empty buffer.
    package init(options: JSONWriteOptions) {
        self.options = options
        output.reserveCapacity(64)
    }

    /// Appends `value`, nested `level` containers deep (for indentation).
    package mutating func write(_ value: JSONValue, level: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): writeInt(i)
        case .bigInt(let n): output.append(contentsOf: n.description.utf8)
        case .double(let d): writeDouble(d)
        case .string(let s): writeString(s)
        case .array(let elements):
            if elements.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                writeSeparatorAndIndent(first: i == 0, level: level + 1)
                write(element, level: level + 1)
            }
            writeClosingIndent(level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            if options.sortKeys && members.count > 1 {
                let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                for (i, member) in sorted.enumerated() {
                    writeMember(member.key, member.value, first: i == 0, level: level + 1)
                }
            } else {
                var first = true
                for (key, member) in members {
                    writeMember(key, member, first: first, level: level + 1)
                    first = false
                }
            }
            writeClosingIndent(level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMember(_ key: String, _ value: JSONValue, first: Bool, level: Int) {
        writeSeparatorAndIndent(first: first, level: level)
        writeString(key)
        writeKeySeparator()
        write(value, level: level)
    }

    /// Whether object members are written in key order.
    package var sortsKeys: Bool { options.sortKeys }

    /// Between an object key and its value.
    package mutating func writeKeySeparator() {
        output.append(contentsOf: options.keySeparator.utf8)
    }

    /// Before an element: the item separator (unless first), then a newline and indentation.
    package mutating func writeSeparatorAndIndent(first: Bool, level: Int) {
        if !first { output.append(contentsOf: options.itemSeparator.utf8) }
        if let indent = options.indent {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
        }
    }

    /// Before a closing bracket of a non-empty container.
    package mutating func writeClosingIndent(level: Int) {
        if let indent = options.indent {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
        }
    }

    /// Appends the decimal digits of `value`, without an intermediate `String`.
    package mutating func writeInt(_ value: Int) {
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        // Work in the magnitude as UInt so Int.min has one.
        var magnitude = value.magnitude
        let start = output.count
        while magnitude > 0 {
            output.append(UInt8(ascii: "0") &+ UInt8(magnitude % 10))
            magnitude /= 10
        }
        output[start...].reverse()
    }

    /// Appends `value` as Python's `repr(float)`, or `Infinity`/`-Infinity`/`NaN`.
    package mutating func writeDouble(_ value: Double) {
        if value.isNaN {
            output.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            output.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            writeFiniteDouble(value)
        }
    }

    /// Python's `repr(float)` layout of Swift's shortest round-trip digits.
    ///
    /// Swift's `description` picks the same digits as Python but switches to exponent form at
    /// other thresholds (2^53 rather than 1e16), so only its digits are kept: Python writes
    /// `0.DIGITS × 10^decpt` in exponent form when `decpt <= -4 || decpt > 16`.
    private mutating func writeFiniteDouble(_ value: Double) {
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        var decimalPoint = 0  // digits before the point, before zero-stripping
        var exponent = 0
        var exponentSign = 1
        var seenPoint = false
        var inExponent = false
        for byte in value.magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-") where inExponent: exponentSign = -1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0"))
                } else {
                    digits.append(byte)
                    if !seenPoint { decimalPoint += 1 }
                }
            default: break
            }
        }
        var decpt = decimalPoint + exponentSign * exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        decpt -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if value.sign == .minus { output.append(UInt8(ascii: "-")) }
        if digits.isEmpty {
            output.append(contentsOf: "0.0".utf8)
        } else if decpt <= -4 || decpt > 16 {
            output.append(digits[0])
            if digits.count > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            let shown = decpt - 1
            output.append(contentsOf: (shown < 0 ? "e-" : "e+").utf8)
            if shown.magnitude < 10 { output.append(UInt8(ascii: "0")) }
            writeInt(Int(shown.magnitude))
        } else if decpt <= 0 {
            output.append(contentsOf: "0.".utf8)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decpt))
            output.append(contentsOf: digits)
        } else if decpt >= digits.count {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decpt - digits.count))
            output.append(contentsOf: ".0".utf8)
        } else {
            output.append(contentsOf: digits[..<decpt])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[decpt...])
        }
    }

    /// Appends `string` quoted and escaped.
    package mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                if byte >= 0x7F && !options.ensureASCII {
                    i += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if byte < 0x80 {
                    writeEscapedASCII(byte)
                    i += 1
                } else {
                    let (scalar, length) = Self.decodeScalar(utf8, at: i)
                    writeEscapedScalar(scalar)
                    i += length
                }
                runStart = i
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscapedASCII(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case 0x0A: output.append(contentsOf: #"\n"#.utf8)
        case 0x0D: output.append(contentsOf: #"\r"#.utf8)
        case 0x09: output.append(contentsOf: #"\t"#.utf8)
        case 0x08: output.append(contentsOf: #"\b"#.utf8)
        case 0x0C: output.append(contentsOf: #"\f"#.utf8)
        default: writeUnicodeEscape(UInt16(byte))
        }
    }

    private mutating func writeEscapedScalar(_ scalar: UInt32) {
        if scalar < 0x10000 {
            writeUnicodeEscape(UInt16(scalar))
        } else {
            let offset = scalar - 0x10000
            writeUnicodeEscape(UInt16(0xD800 + (offset >> 10)))
            writeUnicodeEscape(UInt16(0xDC00 + (offset & 0x3FF)))
        }
    }

    private mutating func writeUnicodeEscape(_ unit: UInt16) {
        let hex: StaticString = "0123456789abcdef"
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hex.utf8Start[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    /// Decodes the scalar starting at `i` of valid UTF-8 (a `String`'s storage).
    private static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = UInt32(utf8[i])
        func continuation(_ k: Int) -> UInt32 { UInt32(utf8[i + k]) & 0x3F }
        switch lead {
        case 0xF0...: return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        case 0xE0...: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        case 0xC0...: return ((lead & 0x1F) << 6 | continuation(1), 2)
        default: return (lead, 1)
        }
    }
}
