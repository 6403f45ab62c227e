// JSON text → JSONValue, RFC 8259, strict.
//
//   value  = ws ( object / array / string / number / "true" / "false" / "null" ) ws
//   number = [ "-" ] ( "0" / 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]
//   ws     = *( SP / HTAB / LF / CR )
//
// Where Python's `json.loads` and RFC 8259 differ, we follow the RFC and say so:
// - `NaN`, `Infinity`, `-Infinity` are rejected ("Expecting value") unless the limits allow
//   them (`JSONLimits.python`, used for request bodies, as Python's `json.loads` reads them).
// - A lone surrogate escape (`"\ud800"`) becomes U+FFFD; Python keeps the lone surrogate
//   in its `str`, which a Swift `String` cannot hold. A well-formed pair is combined.
// - An integer too big for `Int` becomes `.bigInt`, every digit kept, as Python's `int`.
// - Duplicate keys: the last one wins, as in Python.
// - `-0` is `.int(0)` (Python: `0`); `-0.0` is `.double(-0.0)`.

extension JSONValue {
    /// Parses a JSON document from UTF-8 bytes (a request body).
    ///
    /// A leading UTF-8 byte-order mark is skipped, as Python's `json.loads(bytes)` does.
    /// - Parameters:
    ///   - bytes: the whole document.
    ///   - limits: the nesting bound; the size bound is the caller's.
    /// - Throws: ``JSONParseError`` naming the byte offset, line and column.
    ///
    /// Python: `json.loads(body)`; Flask: `request.get_json()`.
    public init(parsing bytes: some Collection<UInt8>, limits: JSONLimits = .init()) throws(JSONParseError) {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in
                try JSONParser.parse(UnsafeRawBufferPointer(buffer), limits: limits, skipsByteOrderMark: true)
            }
        }
        if let contiguous {
            self = try contiguous.get()
        } else {
            self = try JSONValue(parsing: Array(bytes), limits: limits)
        }
    }

    /// Parses a JSON document from raw UTF-8 memory, without copying it.
    /// - Throws: ``JSONParseError``.
    ///
    /// Python: `json.loads(body)`.
    public init(parsing buffer: UnsafeRawBufferPointer, limits: JSONLimits = .init()) throws(JSONParseError) {
        self = try JSONParser.parse(buffer, limits: limits, skipsByteOrderMark: true)
    }

    /// Parses a JSON document from text. A leading U+FEFF is an error, as in Python.
    /// - Throws: ``JSONParseError``; offsets count UTF-8 bytes of `string`.
    ///
    /// Python: `json.loads(s)` with `s` a `str`.
    public init(parsing string: String, limits: JSONLimits = .init()) throws(JSONParseError) {
        var string = string
        let result = string.withUTF8 { buffer in
            Result { () throws(JSONParseError) in
                try JSONParser.parse(UnsafeRawBufferPointer(buffer), limits: limits, skipsByteOrderMark: false)
            }
        }
        self = try result.get()
    }
}

/// A recursive-descent parser over one contiguous buffer; one instance per document.
struct JSONParser {
    private let bytes: UnsafeRawBufferPointer
    private let limits: JSONLimits
    private var index = 0
    private var depth = 0
    /// Reused across strings that need unescaping, so a document allocates it once.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeRawBufferPointer, limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses the whole of `bytes` as one document.
    static func parse(
        _ bytes: UnsafeRawBufferPointer, limits: JSONLimits, skipsByteOrderMark: Bool
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, limits: limits)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            guard skipsByteOrderMark else { throw parser.error(.unexpectedByteOrderMark, at: 0) }
            parser.index = 3
        }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != bytes.count { throw parser.error(.extraData, at: parser.index) }
        return value
    }

    private func error(_ reason: JSONParseError.Reason, at offset: Int) -> JSONParseError {
        JSONParseError(reason, at: offset, in: bytes)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error(.expectingValue, at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "N") where limits.allowsNonFiniteNumbers: try expectLiteral("NaN"); return .double(.nan)
        case UInt8(ascii: "I") where limits.allowsNonFiniteNumbers: try expectLiteral("Infinity"); return .double(.infinity)
        case UInt8(ascii: "-") where limits.allowsNonFiniteNumbers && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
            index += 1
            do { try expectLiteral("Infinity") } catch { throw self.error(.expectingValue, at: index - 1) }
            return .double(-.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(.expectingValue, at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count,
            memcmpEqual(literal.utf8Start, at: index, count: count)
        else { throw error(.expectingValue, at: index) }
        index += count
    }

    private func memcmpEqual(_ literal: UnsafePointer<UInt8>, at offset: Int, count: Int) -> Bool {
        for i in 0..<count where bytes[offset + i] != literal[i] { return false }
        return true
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > limits.maxDepth { throw error(.tooDeep(limit: limits.maxDepth), at: index) }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(.expectingComma, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default: throw error(.expectingComma, at: index)
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(.expectingPropertyName, at: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(.expectingColon, at: index)
            }
            index += 1
            members[key] = try parseValue()
            skipWhitespace()
            guard index < bytes.count else { throw error(.expectingComma, at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(members)
            default: throw error(.expectingComma, at: index)
            }
        }
    }

    /// Parses the string whose opening quote is at `index`, leaving `index` after its close.
    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = index
        index += 1
        let contentStart = index
        var highBits: UInt8 = 0
        // Fast path: no escapes, so the content is a slice of the input.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeRawBufferPointer(rebasing: bytes[contentStart..<index])
                index += 1
                // ASCII needs no validation, and `String(validating:)` costs a generic call.
                if highBits < 0x80 { return String(decoding: content, as: UTF8.self) }
                guard let string = String(validating: content, as: UTF8.self) else {
                    throw error(.invalidUTF8, at: quote)
                }
                return string
            }
            highBits |= byte
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error(.invalidControlCharacter, at: index) }
            index += 1
        }
        guard index < bytes.count else { throw error(.unterminatedString, at: quote) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[contentStart..<index])
        return try parseEscapedString(quote: quote)
    }

    /// The slow path of `parseString`, from the first backslash on.
    private mutating func parseEscapedString(quote: Int) throws(JSONParseError) -> String {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let string = String(validating: scratch, as: UTF8.self) else {
                    throw error(.invalidUTF8, at: quote)
                }
                return string
            case UInt8(ascii: "\\"):
                try parseEscape(quote: quote)
            case 0..<0x20:
                throw error(.invalidControlCharacter, at: index)
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw error(.unterminatedString, at: quote)
    }

    /// Appends the escape at `index` (a backslash) to `scratch`.
    private mutating func parseEscape(quote: Int) throws(JSONParseError) {
        let backslash = index
        guard index + 1 < bytes.count else { throw error(.unterminatedString, at: quote) }
        index += 2
        switch bytes[backslash + 1] {
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4(at: index, escapeAt: backslash + 1)
            index += 4
            if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count,
                bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            {
                let low = try readHex4(at: index + 2, escapeAt: index + 1)
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
            }
            appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}")
        default:
            throw error(.invalidEscape, at: backslash)
        }
    }

    private func readHex4(at start: Int, escapeAt: Int) throws(JSONParseError) -> UInt32 {
        guard bytes.count - start >= 4 else { throw error(.invalidUnicodeEscape, at: escapeAt) }
        var value: UInt32 = 0
        for i in start..<start + 4 {
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw error(.invalidUnicodeEscape, at: escapeAt)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        scratch.append(contentsOf: scalar.utf8)
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error(.expectingValue, at: start) }
        // Accumulate negatively so Int.min fits.
        var value = 0
        var overflowed = false
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.subtractingReportingOverflow(Int(bytes[index] &- UInt8(ascii: "0")))
                overflowed = overflowed || o1 || o2
                value = next
                index += 1
            }
        }
        var isInteger = true
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) {
            isInteger = false
            index += 2
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var exponentStart = index + 1
            if exponentStart < bytes.count, bytes[exponentStart] == UInt8(ascii: "+") || bytes[exponentStart] == UInt8(ascii: "-") {
                exponentStart += 1
            }
            if exponentStart < bytes.count, isDigit(bytes[exponentStart]) {
                isInteger = false
                index = exponentStart + 1
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
        }
        if isInteger && !overflowed {
            if negative { return .int(value) }
            let (positive, overflow) = (0).subtractingReportingOverflow(value)
            if !overflow { return .int(positive) }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger {
            do throws(BigIntegerDigitLimitError) {
                if let big = try BigInteger(parsing: text, maxDigits: limits.maxIntegerDigits) { return .bigInt(big) }
            } catch {
                throw self.error(.integerTooLong(digits: error.digits ?? 0, limit: error.limit), at: start)
            }
        }
        // The grammar above only admits text that `Double` parses; `1e400` gives infinity, as in Python.
        return .double(Double(text) ?? .nan)
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
