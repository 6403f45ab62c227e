/// An insertion-ordered dictionary, as Python's `dict` (Jinja iterates dicts in insertion order).
///
/// The entries live in one copy-on-write box: a dict is copied every time a template reads a
/// variable holding it (`row.field`), and copying one reference is a third of the cost of
/// copying three arrays.
public struct TemplateDict: Sendable {
    /// `@unchecked Sendable`: mutated only through a uniquely referenced box (copy on write).
    private final class Storage: @unchecked Sendable {
        // Unchecked exclusivity: read on every `row.field`; written only while uniquely referenced.
        @exclusivity(unchecked) var keys: [TemplateValue]
        @exclusivity(unchecked) var values: [TemplateValue]
        /// Hash index, built only past ``linearLimit`` entries: template rows are small dicts,
        /// and comparing a few short keys is cheaper than hashing on every `row.field`.
        @exclusivity(unchecked) var positions: [TemplateValue: Int]?

        init(keys: [TemplateValue] = [], values: [TemplateValue] = [], positions: [TemplateValue: Int]? = nil) {
            self.keys = keys
            self.values = values
            self.positions = positions
        }

        static let empty = Storage()
    }

    private var storage: Storage
    fileprivate static let linearLimit = 8
    /// Dicts up to this size are first searched for a key with the identical representation
    /// before their hash index is used (see ``position(of:)``).
    fileprivate static let identityScanLimit = 32

    /// Keys in insertion order.
    public var keys: [TemplateValue] { storage.keys }
    /// Values, parallel to ``keys``.
    public var values: [TemplateValue] { storage.values }

    /// An empty dictionary.
    public init() { storage = Storage.empty }

    /// A dictionary from pairs; a repeated key keeps its first position and last value (Python).
    public init(_ pairs: [(TemplateValue, TemplateValue)]) {
        storage = Storage.empty
        for (key, value) in pairs { self[key] = value }
    }

    /// The number of entries.
    ///
    /// Python: `len(d)`.
    public var count: Int { storage.keys.count }
    /// True when there is no entry.
    public var isEmpty: Bool { storage.keys.isEmpty }

    private func position(of key: TemplateValue) -> Int? {
        let storage = storage
        if storage.positions != nil, case .string(let wanted) = key, storage.keys.count <= Self.identityScanLimit {
            // A str key written the same way (every short key) is found by comparing two
            // words per key, which beats hashing it for a dict of a few dozen entries.
            for i in storage.keys.indices where storage.keys[i].isString(identicalTo: wanted) { return i }
        }
        if let positions = storage.positions { return positions[key] }
        if case .string(let wanted) = key {
            for i in storage.keys.indices {
                if case .string(let candidate) = storage.keys[i], TemplateText.sameCodePoints(candidate, wanted) { return i }
            }
            for i in storage.keys.indices where storage.keys[i].isMarkup && storage.keys[i] == key { return i }
            return nil
        }
        return storage.keys.firstIndex(of: key)
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(keys: storage.keys, values: storage.values, positions: storage.positions)
        }
    }

    /// The value for `key`; assigning nil removes it.
    ///
    /// Python: `d.get(key)`.
    public subscript(key: TemplateValue) -> TemplateValue? {
        get { position(of: key).map { storage.values[$0] } }
        set {
            if let position = position(of: key) {
                makeUnique()
                if let newValue {
                    storage.values[position] = newValue
                } else {
                    storage.keys.remove(at: position)
                    storage.values.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                makeUnique()
                storage.positions?[key] = storage.keys.count
                storage.keys.append(key)
                storage.values.append(newValue)
                if storage.positions == nil && storage.keys.count > Self.linearLimit { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard storage.keys.count > Self.linearLimit else {
            storage.positions = nil
            return
        }
        var index: [TemplateValue: Int] = [:]
        index.reserveCapacity(storage.keys.count)
        for (i, k) in storage.keys.enumerated() { index[k] = i }
        storage.positions = index
    }

    /// The position of string key `key`, trying position `hint` first (a call site's memory of
    /// where the previous dict it read kept that key).
    @inline(__always)
    func position(ofString key: String, hint: Int) -> Int? {
        let keys = storage.keys
        if hint < keys.count, case .string(let candidate) = keys[hint], TemplateText.sameCodePoints(candidate, key) { return hint }
        return position(of: .string(key))
    }

    /// The value at a position ``position(ofString:hint:)`` returned.
    @inline(__always)
    func value(at position: Int) -> TemplateValue { storage.values[position] }

    /// The value for a string key.
    public subscript(key: String) -> TemplateValue? {
        get { self[.string(key)] }
        set { self[.string(key)] = newValue }
    }

    /// Entries in order.
    ///
    /// Python: `d.items()`.
    public var pairs: Zip2Sequence<[TemplateValue], [TemplateValue]> { zip(storage.keys, storage.values) }
}

extension TemplateValue: Hashable {
    /// Python equality: `1 == 1.0 == True`, `str == Markup` with the same text, containers
    /// element-wise; callables and objects by identity; `Undefined` equals only `Undefined`.
    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none), (.undefined, .undefined): return true
        case (.string(let a), .string(let b)), (.markup(let a), .markup(let b)),
            (.string(let a), .markup(let b)), (.markup(let a), .string(let b)):
            return TemplateText.sameCodePoints(a, b)
        case (.int(let a), .int(let b)): return a == b
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return a == b
        case (.dict(let a), .dict(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a.pairs where b[k] != v { return false }
            return true
        case (.callable(let a), .callable(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        default:
            if let exact = TemplateBigIntegers.equal(lhs, rhs) { return exact }
            if let a = lhs.numericValue, let b = rhs.numericValue { return a == b }
            return false
        }
    }

    /// Hashes consistently with `==`: equal numbers hash alike, `str` and `Markup` alike.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .none: hasher.combine(0)
        case .undefined: hasher.combine(1)
        case .string(let s), .markup(let s): hasher.combine(s)
        case .int(let i): hasher.combine(Double(i))
        // Equal to a double only when that double is exact, so both hash the same double.
        case .bigInt(let n): hasher.combine(n.doubleValue)
        case .bool(let b): hasher.combine(b ? 1.0 : 0.0)
        case .double(let d): hasher.combine(d)
        case .list(let a), .tuple(let a): hasher.combine(a)
        case .dict(let d): hasher.combine(d.count)
        case .callable(let c): hasher.combine(ObjectIdentifier(c))
        case .object(let o): hasher.combine(ObjectIdentifier(o))
        }
    }
}

extension TemplateDict {
    /// A dict's storage held without a reference count, for reading `name.attr` where the dict
    /// lives (a scope entry, another dict's value) instead of copying it out first: a copy
    /// costs a retain and a release, more than finding the key.
    ///
    /// Only valid while whatever holds the dict keeps holding it unchanged: the reader makes
    /// one from a value it does not let go of and runs no template code until it is done
    /// (only comparisons of keys), so nothing can replace or free the storage meanwhile.
    /// Several threads may read one storage at once; none writes it (copy on write).
    struct Unretained {
        private let storage: Unmanaged<Storage>

        @inline(__always)
        init(_ dict: TemplateDict) { storage = Unmanaged.passUnretained(dict.storage) }

        /// The position of string key `key`, recognised by an identical representation (every
        /// short string, and a long one sharing its buffer): position `hint` first, then the
        /// keys of a dict of up to ``identityScanLimit`` entries. Nil means "ask the general
        /// lookup", not "absent": an equal key may have another representation.
        @inline(__always)
        func position(ofIdentical key: String, hint: Int) -> Int? {
            storage._withUnsafeGuaranteedRef { storage in
                let count = storage.keys.count
                if hint < count, storage.keys[hint].isString(identicalTo: key) { return hint }
                guard count <= TemplateDict.identityScanLimit else { return nil }
                for i in 0..<count where i != hint && storage.keys[i].isString(identicalTo: key) { return i }
                return nil
            }
        }

        /// A copy of the value at `position`.
        @inline(__always)
        func value(at position: Int) -> TemplateValue { storage._withUnsafeGuaranteedRef { $0.values[position] } }

        /// The value at `position` when it is a dict, unretained in turn (`a.b.c`).
        @inline(__always)
        func dict(at position: Int) -> Unretained? { storage._withUnsafeGuaranteedRef { $0.values[position].unretainedDict } }
    }
}

extension TemplateValue {
    /// This dict's storage without a reference count (see ``TemplateDict/Unretained``).
    @inline(__always)
    var unretainedDict: TemplateDict.Unretained? {
        if case .dict(let dict) = self { return TemplateDict.Unretained(dict) }
        return nil
    }

    /// True for a plain `str` with exactly the representation of `key` (then equal to it).
    /// Compares the two words of the strings, without copying either out.
    @inline(__always)
    func isString(identicalTo key: String) -> Bool {
        guard case .string(let string) = self else { return false }
        return unsafeBitCast(string, to: (UInt64, UInt64).self) == unsafeBitCast(key, to: (UInt64, UInt64).self)
    }
}
