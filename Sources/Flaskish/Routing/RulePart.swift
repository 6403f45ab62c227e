/// Identifies a converter for sharing matcher transitions: the same type with the same arguments
/// matches the same texts (Werkzeug compares the converter's regex instead).
struct ConverterIdentity: Hashable, Sendable {
    let type: ObjectIdentifier
    let arguments: ConverterArguments
}

/// A piece of a dynamic part: fixed text, or a converter that consumes a variable's text.
enum RulePiece: Sendable, Equatable {
    case literal(String)
    case converter(any RouteConverter, ConverterIdentity)

    static func == (lhs: RulePiece, rhs: RulePiece) -> Bool {
        switch (lhs, rhs) {
        case (.literal(let a), .literal(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.converter(_, let a), .converter(_, let b)): return a == b
        default: return false
        }
    }
}

/// Werkzeug's `Weighting`, which orders the variable parts at one place in the matcher:
/// more static pieces first, longer static text first, then more converters first, then lower
/// converter weights first. Ties keep the order the rules were added.
struct RuleWeight: Comparable, Sendable {
    /// `(position, -length in code points)` of each static piece.
    var staticWeights: [StaticWeight] = []
    /// The converters' weights, in order.
    var argumentWeights: [Int] = []

    struct StaticWeight: Comparable, Sendable {
        let index: Int
        let negativeLength: Int
        static func < (lhs: StaticWeight, rhs: StaticWeight) -> Bool {
            (lhs.index, lhs.negativeLength) < (rhs.index, rhs.negativeLength)
        }
    }

    static func < (lhs: RuleWeight, rhs: RuleWeight) -> Bool {
        if lhs.staticWeights.count != rhs.staticWeights.count {
            return lhs.staticWeights.count > rhs.staticWeights.count
        }
        if lhs.staticWeights != rhs.staticWeights {
            return lhs.staticWeights.lexicographicallyPrecedes(rhs.staticWeights)
        }
        if lhs.argumentWeights.count != rhs.argumentWeights.count {
            return lhs.argumentWeights.count > rhs.argumentWeights.count
        }
        return lhs.argumentWeights.lexicographicallyPrecedes(rhs.argumentWeights)
    }
}

/// The part of a rule between two slashes that holds at least one converter (Werkzeug's
/// `RulePart` with `static=False`). A `final` part holds a converter that matches slashes and
/// takes the whole rest of the path; a `suffixed` final part ended with `/` in the rule, which
/// is then optional so that the missing slash can be redirected.
///
/// A class so that the matcher's walk over transitions retains one object, not three arrays.
final class DynamicPart: Sendable, Equatable {
    let pieces: [RulePiece]
    let isFinal: Bool
    let isSuffixed: Bool
    let weight: RuleWeight

    init(pieces: [RulePiece], isFinal: Bool, isSuffixed: Bool, weight: RuleWeight) {
        self.pieces = pieces
        self.isFinal = isFinal
        self.isSuffixed = isSuffixed
        self.weight = weight
    }

    static func == (lhs: DynamicPart, rhs: DynamicPart) -> Bool {
        lhs.pieces == rhs.pieces && lhs.isFinal == rhs.isFinal && lhs.isSuffixed == rhs.isSuffixed
    }
}

/// One step of a compiled rule: a whole static segment or a dynamic part.
enum RulePart: Sendable, Equatable {
    case staticSegment(String)
    case dynamic(DynamicPart)
}

/// One step of building a URL from a rule: already-encoded text, or a variable to convert.
enum BuildStep: Sendable {
    case literal(String)
    case variable(name: String, converter: any RouteConverter)
}

/// A build step once the rule's defaults are known: a variable with a default always writes
/// the default (Werkzeug lets defaults win), so it needs no look-up in the values.
/// A `string` or `path` variable (the converters that only percent-encode) is `.quoted`; other
/// converters are named by their index in ``BuildPlan/converters``, so a step holds no
/// existential and stepping through the plan copies nothing but a string reference.
enum BuildPlanStep: Sendable {
    case literal(String)
    case quoted(String)
    case variable(String, converter: Int)
    case defaulted(String, converter: Int)
}

/// How a rule writes its URL: the steps, and the converters that they name.
struct BuildPlan: Sendable {
    private(set) var steps: [BuildPlanStep] = []
    private(set) var converters: [any RouteConverter] = []
    /// The plan as literal bytes and variables, when no step calls a converter (every
    /// variable only percent-encodes, as `string` and `path` do): what `url_for`'s fast path
    /// copies from.
    private(set) var quotedTemplate: QuotedTemplate?

    /// The plan of `steps`, with the rule's `defaults` bound to their variables.
    init(_ steps: [BuildStep], defaults: [String: String]) {
        for step in steps {
            switch step {
            case .literal(let text):
                self.steps.append(.literal(text))
            case .variable(let name, let converter):
                let onlyQuotes = converter is UnicodeConverter || converter is PathConverter
                switch (defaults[name], onlyQuotes) {
                case (let value?, true):
                    self.steps.append(.literal(URLMap.Quoting.quotePath(value)))
                case (let value?, false):
                    self.steps.append(.defaulted(value, converter: converters.count))
                    converters.append(converter)
                case (nil, true):
                    self.steps.append(.quoted(name))
                case (nil, false):
                    self.steps.append(.variable(name, converter: converters.count))
                    converters.append(converter)
                }
            }
        }
        if converters.isEmpty { quotedTemplate = QuotedTemplate(self.steps) }
    }
}

/// A build plan without converters, laid out for copying: the literal text as one run of
/// bytes, and each variable with the offset in that run where the text before it ends.
struct QuotedTemplate: Sendable {
    /// The bytes of every literal step, in order (already percent-encoded).
    let literalBytes: [UInt8]
    /// The variables in order, each after the literal bytes up to `literalEnd`.
    let variables: [(literalEnd: Int, name: String)]

    init(_ steps: [BuildPlanStep]) {
        var bytes: [UInt8] = []
        var variables: [(literalEnd: Int, name: String)] = []
        for step in steps {
            switch step {
            case .literal(let text): bytes += text.utf8
            case .quoted(let name): variables.append((bytes.count, name))
            case .variable, .defaulted: break // not in a plan without converters
            }
        }
        literalBytes = bytes
        self.variables = variables
    }
}

/// Compiles rule tokens into matcher parts and build steps, as Werkzeug's `Rule._parse_rule`
/// and `_compile_builder` do.
struct RuleCompiler {
    private(set) var parts: [RulePart] = []
    private(set) var buildSteps: [BuildStep] = []

    private var pieces: [RulePiece] = []
    private var isStatic = true
    private var isFinal = false
    private var weight = RuleWeight()

    mutating func addText(_ text: String) {
        weight.staticWeights.append(.init(index: weight.staticWeights.count, negativeLength: -text.unicodeScalars.count))
        appendLiteral(text)
        buildSteps.append(.literal(URLMap.Quoting.quotePath(text)))
    }

    mutating func addVariable(name: String, converter: any RouteConverter, identity: ConverterIdentity) {
        isStatic = false
        if converter.matchesSlashes { isFinal = true }
        pieces.append(.converter(converter, identity))
        weight.argumentWeights.append(converter.weight)
        buildSteps.append(.variable(name: name, converter: converter))
    }

    mutating func addSlash() {
        buildSteps.append(.literal("/"))
        if isFinal {
            // After a `path`, the rest of the rule is matched against the rest of the URL at once.
            appendLiteral("/")
        } else {
            emitPart(suffixed: false)
        }
    }

    mutating func finish() {
        var suffixed = false
        if isFinal, case .literal(let last) = pieces.last, last.hasSuffix("/") {
            suffixed = true
            pieces.removeLast()
            if last.count > 1 { pieces.append(.literal(String(last.dropLast()))) }
        }
        emitPart(suffixed: suffixed)
        if suffixed { parts.append(.staticSegment("")) }
    }

    private mutating func appendLiteral(_ text: String) {
        if case .literal(let previous) = pieces.last {
            pieces[pieces.count - 1] = .literal(previous + text)
        } else {
            pieces.append(.literal(text))
        }
    }

    private mutating func emitPart(suffixed: Bool) {
        if isStatic {
            var text = ""
            for case .literal(let literal) in pieces { text += literal }
            parts.append(.staticSegment(text))
        } else {
            parts.append(.dynamic(DynamicPart(pieces: pieces, isFinal: isFinal, isSuffixed: suffixed, weight: weight)))
        }
        pieces = []
        isStatic = true
        isFinal = false
        weight = RuleWeight()
    }
}
