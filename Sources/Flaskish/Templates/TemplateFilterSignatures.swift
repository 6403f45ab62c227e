/// The parameters of Jinja's built-in filters (after the value), so that a call Python would
/// refuse (`groupby('a', reverse=true)`, `center(9, '*')`) raises `TypeError` here too instead
/// of silently ignoring the extra argument.
extension TemplateFilters {
    /// Parameter names by filter; filters taking `*args`/`**kwargs` (`format`, `map`, `select`…) are absent.
    static let signatures: [String: [String]] = [
        "abs": [], "attr": ["name"], "batch": ["linecount", "fill_with"], "capitalize": [], "center": ["width"],
        "count": [], "d": ["default_value", "boolean"], "default": ["default_value", "boolean"],
        "dictsort": ["case_sensitive", "by", "reverse"], "e": [], "escape": [], "filesizeformat": ["binary"],
        "first": [], "float": ["default"], "forceescape": [], "groupby": ["attribute", "default", "case_sensitive"],
        "indent": ["width", "first", "blank"], "int": ["default", "base"], "items": [], "join": ["d", "attribute"],
        "last": [], "length": [], "list": [], "lower": [], "max": ["case_sensitive", "attribute"],
        "min": ["case_sensitive", "attribute"], "replace": ["old", "new", "count"], "reverse": [],
        "round": ["precision", "method"], "safe": [], "slice": ["slices", "fill_with"],
        "sort": ["reverse", "case_sensitive", "attribute"], "string": [], "striptags": [], "sum": ["attribute", "start"],
        "title": [], "tojson": ["indent"], "trim": ["chars"], "truncate": ["length", "killwords", "end", "leeway"],
        "unique": ["case_sensitive", "attribute"], "upper": [], "urlencode": [], "wordcount": [],
        "wordwrap": ["width", "break_long_words", "wrapstring", "break_on_hyphens"], "xmlattr": ["autospace"],
    ]

    /// Python's argument binding check for built-in filter `name`: too many positional
    /// arguments, an unknown keyword, or a keyword also given by position is a `TypeError`.
    static func checkArguments(_ name: String, _ args: TemplateArguments) throws {
        guard let parameters = signatures[name] else { return }
        try checkArguments(name, parameters: parameters, args)
    }

    /// The same check with the parameter list looked up beforehand (by a compiled filter site).
    static func checkArguments(_ name: String, parameters: [String], _ args: TemplateArguments) throws {
        if args.positional.count > parameters.count {
            throw TemplateRuntimeError(
                "TypeError", "\(name)() takes \(parameters.count + 1) positional arguments but \(args.positional.count + 1) were given")
        }
        for (keyword, _) in args.keyword {
            guard let position = parameters.firstIndex(of: keyword) else {
                throw TemplateRuntimeError("TypeError", "\(name)() got an unexpected keyword argument '\(keyword)'")
            }
            if position < args.positional.count {
                throw TemplateRuntimeError("TypeError", "\(name)() got multiple values for argument '\(keyword)'")
            }
        }
    }
}
