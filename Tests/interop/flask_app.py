"""The reference app: Flask's answers are what the Swift twin (InteropApp/main.swift) must give.

Keep the two files route for route; test_interop.py sends the same requests to both.
"""

import os

from flask import (Blueprint, Flask, abort, flash, g, get_flashed_messages, jsonify, make_response, redirect,
                   render_template, render_template_string, request, session, url_for)

HERE = os.path.dirname(os.path.abspath(__file__))

app = Flask("interop", root_path=HERE)
app.secret_key = "interop secret"
# Small limits so the suite can reach them; the Swift twin sets the same.
app.config["MAX_CONTENT_LENGTH"] = 100_000
app.config["MAX_FORM_MEMORY_SIZE"] = 2_000
app.config["MAX_FORM_PARTS"] = 20
app.config["TRUSTED_HOSTS"] = ["interop.test", ".interop.test"]


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


@app.route("/json/force", methods=["POST"])
def json_force():
    return jsonify(request.get_json(force=True))


@app.route("/json/silent", methods=["POST"])
def json_silent():
    return jsonify({"got": request.get_json(silent=True)})


@app.route("/form", methods=["POST"])
def form():
    return ";".join(f"{k}={v}" for k in sorted(request.form) for v in request.form.getlist(k))


@app.route("/form/items", methods=["POST"])
def form_items():
    return ";".join(f"{k}={v}" for k, v in request.form.items(multi=True)) + "|" + ";".join(
        f"{k}={v}" for k, v in request.form.items()) + "|" + ";".join(f"{k}={v}" for k, v in request.args.items(multi=True))


@app.route("/upload", methods=["POST"])
def upload():
    lines = [f"{k}={v}" for k in sorted(request.form) for v in request.form.getlist(k)]
    for k in sorted(request.files):
        for f in request.files.getlist(k):
            data = f.read()
            lines.append(f"{k}:{f.filename}:{f.mimetype}:{len(data)}:{data.decode('utf-8', 'replace')}")
    return "\n".join(lines)


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


@app.route("/session/set/<key>/<value>")
def session_set(key, value):
    session[key] = value
    return "stored"


@app.route("/session/get")
def session_get():
    return ";".join(f"{k}={session[k]}" for k in sorted(session))


@app.route("/session/permanent")
def session_permanent():
    session.permanent = True
    session["p"] = "yes"
    return "permanent"


@app.route("/session/clear")
def session_clear():
    session.clear()
    return "cleared"


@app.route("/flash/<category>/<message>")
def flash_message(category, message):
    flash(message, category)
    return redirect(url_for("flashes"))


@app.route("/flashes")
def flashes():
    return ";".join(f"{c}:{m}" for c, m in get_flashed_messages(with_categories=True))


@app.context_processor
def inject_site():
    return {"site": "Interop", "title": "overridden by the view"}


@app.template_filter("shout")
def shout(value):
    return f"{value}!".upper()


ITEMS = [{"name": "Tea <green>", "price": 2.5}, {"name": "Cake & co", "price": 3}, {"name": "Jam", "price": 10.125}]


@app.route("/template/page")
def template_page():
    items = ITEMS if request.args.get("empty") is None else []
    return render_template("interop.html", title="hello <world>", items=items,
                           data={"b": [1, 2], "a": "</script>", "c": None}, html="<b>bold</b>")


REQUEST_TEMPLATE = ("{{ request.url_root }}|{{ request.args.get('a') }}|{{ request.args.get('zz', 'none') }}|{{ request.args.getlist('a') }}|{{ request.args.to_dict() }}|{{ request.args.to_dict(flat=False) }}|{{ request.headers.get('x-tag') }}|{{ request.headers['X-TAG'] }}|{{ request.headers.get('nope', 'dflt') }}|{{ request.is_json }}|{{ request.blueprint }}|{{ 'a' in request.args }}|{{ request.args|length }}|{{ request.cookies.c }}|{{ request.cookies.get('d', '-') }}|{{ request.values.getlist('a') }}|{{ request.args.a }}|{{ request.args['b'] }}|{{ request.url }}|{{ request.full_path }}|{% for k in request.args %}{{ k }};{% endfor %}|{{ request.args.items()|list }}")


@app.route("/template/request", methods=["GET", "POST"])
def template_request():
    return render_template_string(REQUEST_TEMPLATE)


@app.route("/template/g")
def template_g():
    g.user = "ana"
    return render_template_string("{{ g.get('user') }}|{{ g.get('missing', 'dflt') }}|{{ g.get('missing') }}|"
                                  "{{ 'user' in g }}|{{ 'missing' in g }}|{{ g.user }}")


@app.route("/template/string")
def template_string():
    return render_template_string("{{ a }}|{{ a|safe }}|{{ n|default('none') }}|{{ request.args|length }}", a="<i>")


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
    if what == "uuid-text":
        return url_for("item", id="A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")
    if what == "int-text":
        return url_for("user_by_id", id="0042")
    if what == "int-big":
        return url_for("user_by_id", id=10**25)
    if what == "int-bad":
        return url_for("user_by_id", id="seven")
    if what == "any-bad":
        return url_for("color", c="blue")
    if what == "list":
        return url_for("index", tag=["a", "b c"], empty=[])
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


def url_attributes():
    return "|".join([request.url, request.base_url, request.full_path, request.host_url, request.url_root,
                     request.host, request.path, request.query_string.decode("latin-1")])


@app.route("/req/<path:rest>")
def request_url(rest):
    return url_attributes()


@app.route("/req/")
def request_url_root():
    return url_attributes()


@app.route("/headers")
def request_headers():
    return "|".join(request.headers.get(name, "-") for name in ["X-Tag", "x-tag", "Accept", "Content-Type", "X-Empty"])


@app.route("/lang")
def languages():
    offers = request.args.getlist("offer") or ["en", "pt-BR", "fr-CA"]
    return request.accept_languages.best_match(offers, default="none")


@app.route("/mime")
def mimetypes():
    return request.accept_mimetypes.best_match(["application/json", "text/html", "text/plain"], default="none")


@app.before_request
def stop_when_asked():
    if request.headers.get("X-Stop"):
        return f"stopped {request.method} {request.path}", 202


@app.after_request
def mark_response(response):
    response.headers["X-After"] = f"{response.status_code} {request.endpoint}"
    return response


@app.errorhandler(413)
def too_large(error):
    return f"too large at {request.endpoint}", 413


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
