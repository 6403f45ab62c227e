/// What an application and a blueprint can both register: routes, request hooks and error
/// handlers. `Flask` applies a registration at once; a `Blueprint` records it and applies it,
/// under its name and URL prefix, each time it is registered on an app.
///
/// Only `Flask` and `Blueprint` conform: the registrar they hand out cannot be made outside
/// Flaskish.
///
/// Flask: `flask.sansio.scaffold.Scaffold`, the base class of `Flask` and `Blueprint`.
public protocol Scaffold: AnyObject, Sendable {
    /// Where this scaffold's registrations go. An implementation detail that conformers expose
    /// because a protocol cannot hide a requirement; there is nothing public to call on it.
    var registrar: ScaffoldRegistrar { get }
}

/// The sink of a scaffold's registrations: an app's set-up state, or a blueprint's list of
/// deferred functions.
///
/// Flask: what `@setupmethod` guards (the app), and `Blueprint.record` (a blueprint).
public struct ScaffoldRegistrar: Sendable {
    /// Who registers: a blueprint refuses endpoint names with a dot, an app does not.
    enum Owner: Sendable { case app, blueprint }

    let owner: Owner
    /// Takes the Flask method name (for the "can no longer be called" message) and the change.
    let record: @Sendable (_ method: String, _ change: @escaping DeferredSetup) -> Void
}

/// A registration waiting to be applied to an app's builder. `state` is nil when the app
/// registers for itself, and describes the blueprint otherwise.
///
/// Flask: a function passed to `Blueprint.record`, called with a `BlueprintSetupState`.
typealias DeferredSetup = @Sendable (_ builder: inout AppBuilder, _ state: BlueprintSetupState?) -> Void

/// Where one registration of a blueprint puts its routes and hooks.
///
/// Flask: `flask.sansio.blueprints.BlueprintSetupState`.
struct BlueprintSetupState: Sendable {
    /// The name the blueprint is registered under: the endpoint prefix and hook scope.
    let name: String
    /// The URL prefix, or nil for none.
    let urlPrefix: String?

    /// `urlPrefix` joined to `rule` with one slash between them; an empty rule is the prefix.
    func prefixed(_ rule: String) -> String {
        guard let urlPrefix else { return rule }
        guard !rule.isEmpty else { return urlPrefix }
        var prefix = Substring(urlPrefix)
        while prefix.last == "/" { prefix.removeLast() }
        return String(prefix) + "/" + rule.drop { $0 == "/" }
    }
}

extension Scaffold {
    /// Records `change` under `scope`: the blueprint's own when `appWide` is false, the
    /// app's otherwise (the `app_*` variants of a blueprint).
    func recordScoped(_ method: String, appWide: Bool = false,
                      _ change: @escaping @Sendable (inout AppBuilder, _ scope: String?) -> Void) {
        registrar.record(method) { builder, state in change(&builder, appWide ? nil : state?.name) }
    }
}
