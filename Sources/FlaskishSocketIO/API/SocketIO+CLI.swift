import Flaskish

extension SocketIO {
    /// Lists the Engine.IO endpoint in the app's `routes` command. A middleware answers it, not a
    /// URL rule, so without this row the table would hide the path every client talks to.
    ///
    /// Flask-SocketIO: none; `flask routes` does not show `/socket.io/` (its WSGI middleware is
    /// invisible to `app.url_map`).
    func showInRoutes(_ app: Flask) {
        app.cli.addRoute(endpoint: "socketio", methods: [.GET, .POST, .OPTIONS], rule: "/\(options.path)/")
    }
}
