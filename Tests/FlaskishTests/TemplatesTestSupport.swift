import Foundation
@testable import Flaskish

/// A tiny order-preserving JSON reader for the differential cases: Foundation's
/// `JSONSerialization` loses dict order, which Jinja output depends on.
struct OrderedJSON {
    private let bytes: [UInt8]
    private var i = 0

    static func parse(_ data: Data) throws -> TemplateValue {
        var parser = OrderedJSON(bytes: Array(data))
        return try parser.value()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    struct Failure: Error { let offset: Int }

    private mutating func skip() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }

    private mutating func value() throws -> TemplateValue {
        skip()
        guard i < bytes.count else { throw Failure(offset: i) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var dict = TemplateDict()
            skip()
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .dict(dict) }
            while true {
                skip()
                guard case .string(let key) = try value() else { throw Failure(offset: i) }
                skip()
                i += 1  // ':'
                dict[key] = try value()
                skip()
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: "}") { return .dict(dict) }
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [TemplateValue] = []
            skip()
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
            while true {
                items.append(try value())
                skip()
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: "]") { return .list(items) }
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): i += 4; return .bool(true)
        case UInt8(ascii: "f"): i += 5; return .bool(false)
        case UInt8(ascii: "n"): i += 4; return .none
        default:
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let int = Int(text) { return .int(int) }
            if let big = BigInteger(text) { return .integer(big) }
            if let double = Double(text) { return .double(double) }
            throw Failure(offset: start)
        }
    }

    private mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        var pendingHigh: UInt32?
        while bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 1
                let c = bytes[i]
                i += 1
                switch c {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard let unit = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { throw Failure(offset: i) }
                    i += 4
                    var code = unit
                    if (0xD800..<0xDC00).contains(unit) { pendingHigh = unit; continue }
                    if (0xDC00..<0xE000).contains(unit), let high = pendingHigh {
                        code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                        pendingHigh = nil
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "?")).utf8))
                default: out.append(c)
                }
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }
}

/// Locations of the differential suite, relative to this file.
enum DifferentialPaths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent()
    static let casesFile = testsDirectory.appendingPathComponent("templates-differential/cases.json")
    static let renderScript = testsDirectory.appendingPathComponent("templates-differential/render_jinja.py")

    /// `.venv/bin/python` at the repository root, else `$FLASKISH_PYTHON`, else `python3`.
    static var python: [String] {
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return [venv] }
        if let custom = ProcessInfo.processInfo.environment["FLASKISH_PYTHON"], !custom.isEmpty { return [custom] }
        return ["/usr/bin/env", "python3"]
    }
}
