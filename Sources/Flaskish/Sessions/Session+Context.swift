/// The current request's session, loaded from its cookie on first use.
///
/// Reading it outside a request stops the program with Flask's message.
///
/// Flask: `flask.session`.
public var session: Session {
    guard let context = AppContext.current else { outsideContext("request") }
    return context.session
}

extension AppContext {
    /// The session, opened from the request's cookie the first time it is asked for.
    ///
    /// Flask: `RequestContext.session` (opened lazily, as in Flask 3.2).
    public var session: Session {
        withState { state in
            if let session = state.session { return session }
            let session = SessionInterface(app: app).open(state.request)
            state.session = session
            return session
        }
    }
}
