"""The reference app: Flask's answers are what the Swift twin (InteropApp/main.swift) must give.

Keep the two files route for route; test_interop.py sends the same requests to both.
"""

import os

from flask import Blueprint, Flask, abort, jsonify, make_response, redirect, request, url_for

HERE = os.path.dirname(os.path.abspath(__file__))

app = Flask("interop", root_path=HERE)


@app.route("/")
def index():
    return "Hello, World!"


@app.route("/user/<int:id>", endpoint="user_by_id")
def user_by_id(id):
    return f"user {id}"


@app.route("/user/new")
def user_new():
    return "new user form"


@app.route("/user/<name>", endpoint="user_by_name")
def user_by_name(name):
    return f"user name {name}"


@app.route("/price/<float:amount>")
def price(amount):
    return f"price {amount}"


@app.route("/files/<path:rest>")
def files(rest):
    return f"file {rest}"


@app.route("/item/<uuid:id>")
def item(id):
    return f"item {id}"


@app.route("/color/<any(red, green):c>")
def color(c):
    return f"color {c}"


@app.route("/dir/")
def directory():
    return "dir"


@app.route("/only-post", methods=["POST"])
def only_post():
    return "posted"


@app.route("/abort/<int:code>")
def abort_with(code):
    abort(code)


@app.route("/go")
def go():
    return redirect("/target?x=<1>&y=\"")


@app.route("/go-301")
def go_301():
    return redirect(url_for("index"), 301)


@app.route("/json/dict")
def json_dict():
    return jsonify({"b": 1, "a": [1, 2, "x"], "c": None, "d": {"z": True, "y": 1.5}, "e": "é</script>"})


@app.route("/json/list")
def json_list():
    return jsonify([1, "two", 3.5, None, False])


@app.route("/json/echo", methods=["POST"])
def json_echo():
    return jsonify(request.get_json())


@app.route("/form", methods=["POST"])
def form():
    return ";".join(f"{k}={v}" for k in sorted(request.form) for v in request.form.getlist(k))


@app.route("/query")
def query():
    return ";".join(f"{k}={v}" for k in sorted(request.args) for v in request.args.getlist(k))


@app.route("/cookie/set")
def cookie_set():
    response = make_response("set")
    response.set_cookie("flavor", "choc chip", max_age=3600, httponly=True, samesite="Lax")
    response.set_cookie("plain", "v1")
    return response


@app.route("/cookie/get")
def cookie_get():
    return f"flavor={request.cookies.get('flavor', '-')}"


@app.route("/cookie/delete")
def cookie_delete():
    response = make_response("deleted")
    response.delete_cookie("flavor")
    return response


@app.route("/created")
def created():
    return "made", 201, {"X-Custom": "yes"}


@app.route("/error")
def error():
    raise RuntimeError("boom")


@app.errorhandler(418)
def teapot(error):
    return f"custom teapot {error.code}", 418


@app.route("/url/<what>")
def urls(what):
    if what == "user":
        return url_for("user_by_id", id=5, q="a b", tag="x&y")
    if what == "static":
        return url_for("static", filename="css/app.css")
    if what == "external":
        return url_for("index", _external=True)
    if what == "anchor":
        return url_for("index", _anchor="part 2")
    if what == "blueprint":
        return url_for("shop.item", id=3)
    return "?"


shop = Blueprint("shop", "interop", url_prefix="/shop")


@shop.route("/", endpoint="home")
def shop_index():
    return f"shop {request.blueprint} {request.endpoint} {url_for('.item', id=9)}"


@shop.route("/item/<int:id>", endpoint="item")
def shop_item(id):
    return f"shop item {id}"


@shop.errorhandler(404)
def shop_not_found(error):
    return "shop has no such thing", 404


@shop.route("/missing")
def shop_missing():
    abort(404)


@shop.before_request
def shop_guard():
    if request.args.get("closed"):
        return "shop closed", 503


app.register_blueprint(shop)
