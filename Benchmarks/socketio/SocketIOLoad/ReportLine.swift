/// One JSON object with its keys in insertion order: the line run.sh reads. Built by hand
/// because the keys' order makes the raw results readable.
struct ReportLine {
    private var fields: [(String, String)] = []

    mutating func add(_ key: String, _ value: Int?) { fields.append((key, value.map { String($0) } ?? "null")) }
    mutating func add(_ key: String, _ value: Double?) {
        fields.append((key, value.map { $0.isFinite ? String((($0 * 1000).rounded() / 1000)) : "null" } ?? "null"))
    }
    mutating func add(_ key: String, _ value: Bool) { fields.append((key, value ? "true" : "false")) }
    mutating func add(_ key: String, _ value: String?) { fields.append((key, value.map(Self.quoted) ?? "null")) }
    mutating func add(_ key: String, counts: [String: Int]) {
        let body = counts.sorted { $0.value > $1.value }.map { "\(Self.quoted($0.key)):\($0.value)" }.joined(separator: ",")
        fields.append((key, "{\(body)}"))
    }

    var json: String { "{" + fields.map { "\(Self.quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}" }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
