/// The bounds the JSON parser enforces, so hostile input costs bounded stack and time.
///
/// The document's size is the caller's business (Flask's `MAX_CONTENT_LENGTH` caps the body
/// before it is parsed); nesting is ours, because each level costs a stack frame.
///
/// Python: `json.loads` has no depth option and fails with `RecursionError` near 1000 levels.
public struct JSONLimits: Sendable, Hashable {
    /// The deepest nesting of arrays and objects accepted. `[[1]]` has depth 2; a scalar, 0.
    public var maxDepth: Int

    /// The default depth bound: 512 nested containers.
    public static let defaultMaxDepth = 512

    /// Limits with the given depth bound.
    /// - Parameter maxDepth: the deepest nesting accepted; defaults to ``defaultMaxDepth``.
    public init(maxDepth: Int = JSONLimits.defaultMaxDepth) {
        self.maxDepth = maxDepth
    }
}
