"""The Flask twin of CLITestApp/main.swift: the same rules and endpoints, so `flask --app
routes_app routes` can be compared with `CLITestApp routes`. With CLITESTAPP_PROXY_FIX set
("xFor,xProto,xHost,xPort,xPrefix"), it is wrapped in Werkzeug's ProxyFix (Tests/deployment).
"""
import os

from flask import Blueprint, Flask, jsonify, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask("CLITestApp", root_path=os.path.dirname(os.path.abspath(__file__)))

counts = os.environ.get("CLITESTAPP_PROXY_FIX")
if counts:
    x_for, x_proto, x_host, x_port, x_prefix = (int(n) for n in counts.split(","))
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=x_for, x_proto=x_proto, x_host=x_host, x_port=x_port,
                            x_prefix=x_prefix)


@app.route("/")
def index():
    return "index"


@app.route("/user/<int:id>", endpoint="user_by_id")
def user_by_id(id):
    return f"user {id}"


@app.route("/user/<name>", methods=["GET", "POST"], endpoint="user_by_name")
def user_by_name(name):
    return f"name {name}"


@app.route("/files/<path:rest>", endpoint="files")
def files(rest):
    return f"file {rest}"


@app.route("/dir/", endpoint="directory")
def directory():
    return "dir"


@app.route("/only-post", methods=["POST"], endpoint="only_post")
def only_post():
    return "posted"


@app.route("/items", methods=["PUT", "DELETE"], endpoint="items")
def items():
    return "items"


@app.route("/zeta", endpoint="alpha")
def alpha():
    return "alpha"


@app.route("/über", endpoint="ueber")
def ueber():
    return "über"


@app.route("/whoami", endpoint="whoami")
def whoami():
    return jsonify(remote_addr=request.remote_addr, scheme=request.scheme, host=request.host, url=request.url,
                   script_root=request.script_root, external=url_for("whoami", _external=True),
                   user_url=url_for("user_by_id", id=7))


shop = Blueprint("shop", __name__, url_prefix="/shop")


@shop.route("/", endpoint="home")
def home():
    return "shop"


@shop.route("/item/<int:id>", endpoint="item")
def item(id):
    return f"item {id}"


app.register_blueprint(shop)
