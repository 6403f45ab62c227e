/// The table `routes` prints, laid out exactly as `flask routes` does: columns Endpoint,
/// Methods and Rule, each padded to its widest cell (the last one too), a dashed line under
/// the headers, two spaces between columns.
///
/// Flask: `flask.cli.routes_command`.
public enum RoutesTable {
    /// One line of the table.
    public struct Row: Sendable, Equatable {
        /// The endpoint (`index`, `admin.users`).
        public var endpoint: String
        /// The methods the rule answers, all of them (`HEAD` and `OPTIONS` included).
        public var methods: Set<HTTPMethod>
        /// The rule as written (`/user/<int:id>`).
        public var rule: String

        /// A row.
        public init(endpoint: String, methods: Set<HTTPMethod>, rule: String) {
            self.endpoint = endpoint
            self.methods = methods
            self.rule = rule
        }
    }

    /// The orders `--sort` accepts: Flask's, where `match` (and `domain`, as no rule has one)
    /// keeps the order the rules were added in, which is the order they are tried.
    public static let sortKeys = ["endpoint", "methods", "domain", "rule", "match"]

    /// The table for `rows` (in the order the rules were added), sorted by `sort`, with or
    /// without `HEAD` and `OPTIONS`.
    public static func render(_ rows: [Row], sort: String = "endpoint", allMethods: Bool = false) -> String {
        guard !rows.isEmpty else { return "No routes were registered.\n" }
        let ignored: Set<HTTPMethod> = allMethods ? [] : [.HEAD, .OPTIONS]
        var cells = rows.map { row in
            [row.endpoint, row.methods.subtracting(ignored).map(\.rawValue).sorted(by: pythonLess).joined(separator: ", "), row.rule]
        }
        if let column = ["endpoint", "methods", "rule"].firstIndex(of: sort) {
            // Python's sort is stable and compares code points.
            cells = cells.enumerated().sorted { lhs, rhs in
                if lhs.element[column] != rhs.element[column] { return pythonLess(lhs.element[column], rhs.element[column]) }
                return lhs.offset < rhs.offset
            }.map(\.element)
        }
        let headers = ["Endpoint", "Methods", "Rule"]
        let widths = (0..<3).map { column in
            max(headers[column].unicodeScalars.count, cells.map { $0[column].unicodeScalars.count }.max() ?? 0)
        }
        var lines = [headers, widths.map { String(repeating: "-", count: $0) }] + cells
        lines = lines.map { row in
            row.enumerated().map { column, text in
                text + String(repeating: " ", count: widths[column] - text.unicodeScalars.count)
            }
        }
        return lines.map { $0.joined(separator: "  ") + "\n" }.joined()
    }

    private static func pythonLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }
}
