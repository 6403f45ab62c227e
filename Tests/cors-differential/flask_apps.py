"""The flask-cors side of the differential suite: one Flask app per configuration.

Each configuration is written once here and once in CORSDifferentialApp/Configs.swift, under the
same name and in the same order. Every app has the same routes (``base_app``); a configuration
adds CORS (and sometimes config keys, decorated routes or error handlers) on top.
"""

from datetime import timedelta

from flask import Blueprint, Flask, jsonify, make_response, request
from flask_cors import CORS, cross_origin

A = "http://a.example"
B = "http://b.example"


def base_app():
    app = Flask("cors_differential")

    @app.route("/api/items")
    def items():
        return "items"

    @app.route("/api/items/<int:item_id>", methods=["GET", "PUT", "DELETE"])
    def item(item_id):
        return "item %d" % item_id

    @app.route("/public/info")
    def public_info():
        return "info"

    @app.route("/exact")
    def exact():
        return "exact"

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    @app.route("/own-origin")
    def own_origin():
        response = make_response("own")
        response.headers["Access-Control-Allow-Origin"] = "http://mine.example"
        return response

    @app.route("/vary")
    def vary():
        response = make_response("vary")
        response.headers["Vary"] = "Accept-Encoding"
        return response

    return app


def add_decorated_routes(app):
    @app.route("/decorated")
    @cross_origin(origins=A, max_age=10, expose_headers=["X-B", "X-A"])
    def decorated():
        return "decorated"

    @app.route("/manual", methods=["GET", "OPTIONS"])
    @cross_origin(origins=[A, B], automatic_options=False)
    def manual():
        return "manual " + request.method


def add_blueprint(app, **cors_options):
    blueprint = Blueprint("bp", __name__, url_prefix="/bp")

    @blueprint.route("/items")
    def bp_items():
        return "bp items"

    @blueprint.route("/boom")
    def bp_boom():
        raise RuntimeError("boom")

    @blueprint.route("/dec")
    @cross_origin(origins=A)
    def bp_decorated():
        return "bp decorated"

    CORS(blueprint, **cors_options)
    app.register_blueprint(blueprint)


def default(app):
    CORS(app)


def single_origin(app):
    CORS(app, origins=A)


def multiple_origins(app):
    CORS(app, origins=[A, B])


def regex_origin(app):
    CORS(app, origins=r"https?://.*\.example\.com")


def mixed_origins(app):
    CORS(app, origins=[A, r"https://.*\.example\.com"])


def regex_uppercase(app):
    CORS(app, origins=r"HTTP://A\.EXAMPLE$")


def credentials(app):
    CORS(app, supports_credentials=True)


def credentials_origins(app):
    CORS(app, supports_credentials=True, origins=[A, B])


def expose_headers(app):
    CORS(app, expose_headers=["X-Total-Count", "X-Page"])


def expose_headers_string(app):
    CORS(app, expose_headers="X-Total-Count, X-Page")


def allow_headers(app):
    CORS(app, allow_headers=["Content-Type", r"X-Custom-.*"])


def max_age(app):
    CORS(app, max_age=600)


def max_age_timedelta(app):
    CORS(app, max_age=timedelta(minutes=10))


def max_age_string(app):
    CORS(app, max_age="3600")


def max_age_zero(app):
    CORS(app, max_age=0)


def send_wildcard(app):
    CORS(app, send_wildcard=True)


def vary_off(app):
    CORS(app, origins=[A, B], vary_header=False)


def methods_list(app):
    CORS(app, methods=["GET", "post"])


def methods_string(app):
    CORS(app, methods="get, PUT")


def resources_dict(app):
    CORS(app, resources={r"/api/.*": {"origins": A, "max_age": 60},
                         r"/public/.*": {"origins": "*", "send_wildcard": True}})


def resources_list(app):
    CORS(app, resources=[r"/api/.*", "/exact"])


def resources_string(app):
    CORS(app, resources=r"/public/*")


def resources_sorting(app):
    CORS(app, resources={r"/.*": {"origins": B},
                         "/exact": {"origins": A},
                         r"/api/items/.*": {"max_age": 5},
                         r"/api/.*": {"max_age": 7}})


def always_send_off(app):
    CORS(app, always_send=False)


def always_send_literals(app):
    CORS(app, origins=[B, A, r".*\.regex\.example"])


def private_network(app):
    CORS(app, allow_private_network=True)


def intercept_off(app):
    CORS(app, intercept_exceptions=False, origins=[A, B])


def config_keys(app):
    app.config["CORS_ORIGINS"] = [A]
    app.config["CORS_SUPPORTS_CREDENTIALS"] = True
    app.config["CORS_MAX_AGE"] = 120
    app.config["CORS_EXPOSE_HEADERS"] = "X-Total-Count"
    CORS(app)


def config_precedence(app):
    app.config["CORS_ORIGINS"] = B
    app.config["CORS_MAX_AGE"] = 30
    app.config["CORS_RESOURCES"] = {r"/api/.*": {"max_age": 10}}
    CORS(app, origins=A)


def config_resources(app):
    app.config["CORS_RESOURCES"] = [r"/public/.*"]
    app.config["CORS_SEND_WILDCARD"] = True
    CORS(app)


def cross_origin_only(app):
    add_decorated_routes(app)


def cross_origin_with_extension(app):
    add_decorated_routes(app)
    CORS(app, origins=[A, B, r"https://.*\.example\.com"])


def error_handlers(app):
    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.errorhandler(500)
    def server_error(error):
        return jsonify(error="server error"), 500

    CORS(app, origins=[A, B])


def wildcard_in_list(app):
    CORS(app, origins=[A, "*"], allow_headers="X-Custom-One")


def credentials_send_wildcard_listed(app):
    CORS(app, origins=[A, B], supports_credentials=True, send_wildcard=True)


def blueprint(app):
    app.config["CORS_ORIGINS"] = "http://config.example"  # blueprints have no config: not read
    add_blueprint(app, origins=[A, B])


def blueprint_and_app(app):
    add_blueprint(app, origins=A, max_age=5)
    CORS(app, origins=B)


def everything(app):
    CORS(app, origins=[A, r"https://.*\.example\.com"], methods=["GET", "PUT", "DELETE"],
         allow_headers=[r"X-Custom-.*"], expose_headers=["X-Total-Count"], supports_credentials=True,
         max_age=timedelta(hours=1), allow_private_network=True)


def max_content_length(app):
    app.config["MAX_CONTENT_LENGTH"] = 10

    @app.route("/upload", methods=["POST"])
    def upload():
        return "got %d" % len(request.get_data())

    CORS(app, origins=[A, B])


CONFIGS = {f.__name__: f for f in [
    default, single_origin, multiple_origins, regex_origin, mixed_origins, regex_uppercase, credentials,
    credentials_origins, expose_headers, expose_headers_string, allow_headers, max_age, max_age_timedelta,
    max_age_string, max_age_zero, send_wildcard, vary_off, methods_list, methods_string, resources_dict,
    resources_list, resources_string, resources_sorting, always_send_off, always_send_literals,
    private_network, intercept_off, config_keys, config_precedence, config_resources, cross_origin_only,
    cross_origin_with_extension, error_handlers, wildcard_in_list, credentials_send_wildcard_listed, blueprint,
    blueprint_and_app, everything, max_content_length,
]}


def make_app(name):
    app = base_app()
    CONFIGS[name](app)
    return app
