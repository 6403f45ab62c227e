extension SocketIOValue {
    /// The integer, or nil for any other kind (a whole `.double` counts).
    public var intValue: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: Int(d)
        default: nil
        }
    }
    /// The number as a `Double`, or nil for any other kind.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
    /// The Bool, or nil for any other kind.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// True for `.null`.
    public var isNull: Bool { self == .null }
}
