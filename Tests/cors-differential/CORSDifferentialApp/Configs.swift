import Flaskish
import FlaskishCORS

// The FlaskishCORS side of the differential suite: each configuration of ../flask_apps.py,
// under the same name and in the same order, written with FlaskishCORS.

let allowedA = "http://a.example"
let allowedB = "http://b.example"

struct Boom: Error {}

/// The routes every configuration shares (flask_apps.py `base_app`).
func makeBaseApp() -> Flask {
    let app = Flask("cors_differential")
    app.config["ACCESS_LOG"] = false
    app.route("/api/items") { _ in "items" }
    app.route("/api/items/<int:item_id>", methods: ["GET", "PUT", "DELETE"]) { req in
        "item \(try req.viewArgs.get("item_id", as: Int.self))"
    }
    app.route("/public/info") { _ in "info" }
    app.route("/exact") { _ in "exact" }
    app.route("/boom") { _ -> String in throw Boom() }
    app.route("/own-origin") { _ in Response("own", headers: ["Access-Control-Allow-Origin": "http://mine.example"]) }
    app.route("/vary") { _ in Response("vary", headers: ["Vary": "Accept-Encoding"]) }
    return app
}

/// flask_apps.py `add_decorated_routes`.
func addDecoratedRoutes(_ app: Flask) throws {
    try app.route("/decorated", crossOrigin: CORSOptions(origins: "http://a.example", exposeHeaders: ["X-B", "X-A"], maxAge: 10)) { _ in
        "decorated"
    }
    app.route("/manual", methods: ["GET", "OPTIONS"], try crossOrigin(origins: [allowedA, allowedB], automaticOptions: false) { req in
        "manual \(req.method)"
    })
}

/// flask_apps.py `add_blueprint`.
func addBlueprint(_ app: Flask, origins: CORSList, maxAge: CORSMaxAge? = nil) throws {
    let blueprint = Blueprint("bp", urlPrefix: "/bp")
    blueprint.route("/items") { _ in "bp items" }
    blueprint.route("/boom") { _ -> String in throw Boom() }
    try blueprint.route("/dec", crossOrigin: CORSOptions(origins: "http://a.example")) { _ in "bp decorated" }
    try CORS(blueprint, origins: origins, maxAge: maxAge)
    app.registerBlueprint(blueprint)
}

/// Every configuration, in flask_apps.py's order.
let configurations: [(name: String, configure: @Sendable (Flask) throws -> Void)] = [
    ("default", { try CORS($0) }),
    ("single_origin", { try CORS($0, origins: "http://a.example") }),
    ("multiple_origins", { try CORS($0, origins: [allowedA, allowedB]) }),
    ("regex_origin", { try CORS($0, origins: #"https?://.*\.example\.com"#) }),
    ("mixed_origins", { try CORS($0, origins: [allowedA, #"https://.*\.example\.com"#]) }),
    ("regex_uppercase", { try CORS($0, origins: #"HTTP://A\.EXAMPLE$"#) }),
    ("credentials", { try CORS($0, supportsCredentials: true) }),
    ("credentials_origins", { try CORS($0, origins: [allowedA, allowedB], supportsCredentials: true) }),
    ("expose_headers", { try CORS($0, exposeHeaders: ["X-Total-Count", "X-Page"]) }),
    ("expose_headers_string", { try CORS($0, exposeHeaders: "X-Total-Count, X-Page") }),
    ("allow_headers", { try CORS($0, allowHeaders: ["Content-Type", #"X-Custom-.*"#]) }),
    ("max_age", { try CORS($0, maxAge: 600) }),
    ("max_age_timedelta", { try CORS($0, maxAge: .duration(.seconds(600))) }),
    ("max_age_string", { try CORS($0, maxAge: "3600") }),
    ("max_age_zero", { try CORS($0, maxAge: 0) }),
    ("send_wildcard", { try CORS($0, sendWildcard: true) }),
    ("vary_off", { try CORS($0, origins: [allowedA, allowedB], varyHeader: false) }),
    ("methods_list", { try CORS($0, methods: ["GET", "post"]) }),
    ("methods_string", { try CORS($0, methods: "get, PUT") }),
    ("resources_dict", {
        try CORS($0, resources: [
            #"/api/.*"#: CORSOptions(origins: "http://a.example", maxAge: 60),
            #"/public/.*"#: CORSOptions(origins: "*", sendWildcard: true),
        ])
    }),
    ("resources_list", { try CORS($0, resources: [#"/api/.*"#, "/exact"]) }),
    ("resources_string", { try CORS($0, resources: "/public/*") }),
    ("resources_sorting", {
        try CORS($0, resources: [
            "/.*": CORSOptions(origins: "http://b.example"),
            "/exact": CORSOptions(origins: "http://a.example"),
            "/api/items/.*": CORSOptions(maxAge: 5),
            "/api/.*": CORSOptions(maxAge: 7),
        ])
    }),
    ("always_send_off", { try CORS($0, alwaysSend: false) }),
    ("always_send_literals", { try CORS($0, origins: [allowedB, allowedA, #".*\.regex\.example"#]) }),
    ("private_network", { try CORS($0, allowPrivateNetwork: true) }),
    ("intercept_off", { try CORS($0, origins: [allowedA, allowedB], interceptExceptions: false) }),
    ("config_keys", { app in
        app.config["CORS_ORIGINS"] = [allowedA]
        app.config["CORS_SUPPORTS_CREDENTIALS"] = true
        app.config["CORS_MAX_AGE"] = 120
        app.config["CORS_EXPOSE_HEADERS"] = "X-Total-Count"
        try CORS(app)
    }),
    ("config_precedence", { app in
        app.config["CORS_ORIGINS"] = allowedB
        app.config["CORS_MAX_AGE"] = 30
        app.config["CORS_RESOURCES"] = [#"/api/.*"#: CORSOptions(maxAge: 10)]
        try CORS(app, origins: "http://a.example")
    }),
    ("config_resources", { app in
        app.config["CORS_RESOURCES"] = [#"/public/.*"#]
        app.config["CORS_SEND_WILDCARD"] = true
        try CORS(app)
    }),
    ("cross_origin_only", { try addDecoratedRoutes($0) }),
    ("cross_origin_with_extension", { app in
        try addDecoratedRoutes(app)
        try CORS(app, origins: [allowedA, allowedB, #"https://.*\.example\.com"#])
    }),
    ("error_handlers", { app in
        app.errorhandler(404) { _ in Response(#"{"error":"not found"}"#, status: .notFound, contentType: "application/json") }
        app.errorhandler(500) { _ in Response(#"{"error":"server error"}"#, status: .internalServerError, contentType: "application/json") }
        try CORS(app, origins: [allowedA, allowedB])
    }),
    ("wildcard_in_list", { try CORS($0, origins: [allowedA, "*"], allowHeaders: "X-Custom-One") }),
    ("credentials_send_wildcard_listed", {
        try CORS($0, origins: [allowedA, allowedB], supportsCredentials: true, sendWildcard: true)
    }),
    ("blueprint", { app in
        app.config["CORS_ORIGINS"] = "http://config.example"
        try addBlueprint(app, origins: [allowedA, allowedB])
    }),
    ("blueprint_and_app", { app in
        try addBlueprint(app, origins: "http://a.example", maxAge: 5)
        try CORS(app, origins: "http://b.example")
    }),
    ("everything", {
        try CORS($0, origins: [allowedA, #"https://.*\.example\.com"#], methods: ["GET", "PUT", "DELETE"],
                 allowHeaders: [#"X-Custom-.*"#], exposeHeaders: ["X-Total-Count"], supportsCredentials: true,
                 maxAge: .duration(.seconds(3600)), allowPrivateNetwork: true)
    }),
    ("max_content_length", { app in
        app.config["MAX_CONTENT_LENGTH"] = 10
        app.route("/upload", methods: [.POST]) { req in "got \(req.data.count)" }
        try CORS(app, origins: [allowedA, allowedB])
    }),
]
