/// A message stored by `flash`, with its category.
///
/// Flask: the `(category, message)` tuples of `get_flashed_messages(with_categories=True)`.
public struct FlashedMessage: Sendable, Hashable {
    /// `message` unless given (`error`, `info`, …).
    ///
    /// Flask: the first item of a `get_flashed_messages(with_categories=True)` tuple.
    public var category: String
    /// The text.
    ///
    /// Flask: the second item of that tuple, the text `flash(message)` stored.
    public var message: String

    /// A message and its category.
    ///
    /// Flask: what `flash(message, category="message")` stores.
    public init(category: String = "message", message: String) {
        self.category = category
        self.message = message
    }
}

/// The session key Flask keeps flashed messages under.
let flashesKey = "_flashes"

/// Stores `message` in the session for the next request to show (`getFlashedMessages`).
///
/// ```swift
/// flash("Saved.", category: "info")
/// return redirect("/")
/// ```
///
/// Flask: `flask.flash(message, category="message")`.
public func flash(_ message: String, category: String = "message") {
    let current = session
    var flashes = current[flashesKey]?.arrayValue ?? []
    flashes.append([.string(category), .string(message)])
    current[flashesKey] = .array(flashes)
}

/// The messages flashed by earlier requests, oldest first. They are taken out of the session
/// on the first call and the same list is returned for the rest of the request.
///
/// - Parameter categoryFilter: only messages of these categories (all when empty).
///
/// Flask: `flask.get_flashed_messages(category_filter=[…])`.
public func getFlashedMessages(categoryFilter: [String] = []) -> [String] {
    getFlashedMessagesWithCategories(categoryFilter: categoryFilter).map(\.message)
}

/// As `getFlashedMessages`, with each message's category.
///
/// Flask: `flask.get_flashed_messages(with_categories=True, category_filter=[…])`.
public func getFlashedMessagesWithCategories(categoryFilter: [String] = []) -> [FlashedMessage] {
    let current = session
    var flashes = current.withState { $0.requestFlashes }
    if flashes == nil {
        let stored = current.contains(flashesKey) ? current.pop(flashesKey) : nil
        let taken = (stored?.arrayValue ?? []).compactMap { entry -> FlashedMessage? in
            guard let pair = entry.arrayValue, pair.count == 2,
                  let category = pair[0].stringValue, let message = pair[1].stringValue else { return nil }
            return FlashedMessage(category: category, message: message)
        }
        current.withState { $0.requestFlashes = taken }
        flashes = taken
    }
    let all = flashes ?? []
    return categoryFilter.isEmpty ? all : all.filter { categoryFilter.contains($0.category) }
}
