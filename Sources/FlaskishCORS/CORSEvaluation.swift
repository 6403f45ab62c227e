import Flaskish
import Synchronization

/// Marks a request whose response `crossOrigin` already gave CORS headers, so the app-wide
/// extension leaves it alone even when those headers allowed nothing.
///
/// flask-cors sets the attribute `FLASK_CORS_EVALUATED` on the response object; a Flaskish
/// `Response` is a value with no room for that, so the mark lives with the request instead,
/// twice: in `g` under `gKey`, which the `afterRequest` hook of `CORS(app)` or `CORS(blueprint)`
/// reads (it runs in the request's context), and in this object, which the `CORS(app)`
/// middleware binds per request because it runs outside that context.
final class CORSEvaluation: Sendable {
    /// The mark of the request the current task serves, when `CORS(app)` is installed.
    @TaskLocal static var current: CORSEvaluation?

    /// The `g` key `crossOrigin` sets (flask-cors's attribute name).
    static let gKey = "_FLASK_CORS_EVALUATED"

    /// Records, for every CORS step after it, that `crossOrigin` gave the response its
    /// headers. Call inside a request.
    static func markCurrentRequest() {
        g[gKey] = true
        current?.markEvaluated()
    }

    /// True when `crossOrigin` marked the request being handled; false outside a request.
    static var isEvaluatedInContext: Bool {
        guard Request.current != nil else { return current?.isEvaluated == true }
        return current?.isEvaluated == true || g.contains(gKey)
    }

    private let evaluated = Atomic<Bool>(false)
    private let hookRan = Atomic<Bool>(false)

    /// Records that the response already has its CORS headers.
    func markEvaluated() { evaluated.store(true, ordering: .relaxed) }

    /// True once `crossOrigin` has handled the response.
    var isEvaluated: Bool { evaluated.load(ordering: .relaxed) }

    /// Records that the extension's `afterRequest` hook ran for this request.
    func markHookRan() { hookRan.store(true, ordering: .relaxed) }

    /// True once the extension's `afterRequest` hook has run. When a later hook then fails,
    /// Flask runs the hooks again on the 500 it makes and so adds CORS headers to it;
    /// Flaskish does not rerun hooks, so the middleware adds them instead.
    var hookHasRun: Bool { hookRan.load(ordering: .relaxed) }
}
