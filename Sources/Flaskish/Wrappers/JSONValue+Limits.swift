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

    /// Whether `NaN`, `Infinity` and `-Infinity` are read (as the non-finite doubles). Off by
    /// default, as RFC 8259 and JavaScript's `JSON.parse` refuse them (Socket.IO peers);
    /// request bodies turn it on, as Python's `json.loads` behind Flask's `get_json` reads them.
    public var allowsNonFiniteNumbers: Bool

    /// The most digits an integer beyond `Int` may have (reading one costs time quadratic in
    /// its length); a longer one rejects the document with
    /// ``JSONParseError/Reason/integerTooLong(digits:limit:)``. Integers that fit in `Int`
    /// are never refused, whatever their leading zeros.
    ///
    /// Python: `sys.get_int_max_str_digits()` (4 300), whose `ValueError` Flask answers with 400.
    public var maxIntegerDigits: Int

    /// Limits with the given depth bound.
    /// - Parameters:
    ///   - maxDepth: the deepest nesting accepted; defaults to ``defaultMaxDepth``.
    ///   - allowsNonFiniteNumbers: read Python's `NaN`/`Infinity`/`-Infinity`; default false.
    ///   - maxIntegerDigits: the longest big integer read; defaults to ``BigInteger/defaultMaxDigits`` (4 300).
    public init(
        maxDepth: Int = JSONLimits.defaultMaxDepth, allowsNonFiniteNumbers: Bool = false,
        maxIntegerDigits: Int = BigInteger.defaultMaxDigits
    ) {
        self.maxDepth = maxDepth
        self.allowsNonFiniteNumbers = allowsNonFiniteNumbers
        self.maxIntegerDigits = maxIntegerDigits
    }

    /// What Python's `json.loads` reads: the default depth bound and the non-finite numbers.
    ///
    /// Flask: the JSON provider's `loads` behind `request.get_json()`.
    public static let python = JSONLimits(allowsNonFiniteNumbers: true)
}
