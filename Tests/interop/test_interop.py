"""Sends the same requests to Flask (flask_app.py) and to the Swift twin, and compares the answers:
status, body, and the headers that matter to a client. Differences that are deliberate are listed in
docs/differences-from-flask.md and are not asserted here.
"""

import http.client

import pytest

HOST = "interop.test"

# Headers compared value for value when either side sends them.
COMPARED = ["Content-Type", "Location", "Content-Length", "Content-Range", "Cache-Control",
            "Content-Disposition", "Accept-Ranges", "Content-Encoding", "X-Custom", "Last-Modified"]

# (method, path, headers, body). Header values may name "{etag}" or "{last_modified}": they are
# replaced by what that server sent for the same path in a plain GET first.
CASES = [
    # routing and converters
    ("GET", "/", {}, None),
    ("GET", "/user/42", {}, None),
    ("GET", "/user/new", {}, None),
    ("GET", "/user/ana", {}, None),
    ("GET", "/user/-1", {}, None),
    ("GET", "/user/42/", {}, None),
    ("GET", "/price/2.5", {}, None),
    ("GET", "/price/3", {}, None),
    ("GET", "/files/a/b/c.txt", {}, None),
    ("GET", "/item/a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", {}, None),
    ("GET", "/item/not-a-uuid", {}, None),
    ("GET", "/color/red", {}, None),
    ("GET", "/color/blue", {}, None),
    ("GET", "/user/caf%C3%A9", {}, None),
    ("GET", "/nope", {}, None),
    # 308, 405, HEAD and OPTIONS
    ("GET", "/dir", {}, None),
    ("GET", "/dir?x=1&y=2", {}, None),
    ("GET", "/dir/", {}, None),
    ("GET", "/only-post", {}, None),
    ("POST", "/only-post", {}, b""),
    ("PUT", "/only-post", {}, b""),
    ("HEAD", "/", {}, None),
    ("HEAD", "/dir/", {}, None),
    ("HEAD", "/nope", {}, None),
    ("OPTIONS", "/", {}, None),
    ("OPTIONS", "/only-post", {}, None),
    ("OPTIONS", "/nope", {}, None),
    # abort pages, error handlers, 500
    ("GET", "/abort/400", {}, None),
    ("GET", "/abort/401", {}, None),
    ("GET", "/abort/403", {}, None),
    ("GET", "/abort/404", {}, None),
    ("GET", "/abort/410", {}, None),
    ("GET", "/abort/418", {}, None),
    ("GET", "/abort/500", {}, None),
    ("GET", "/abort/503", {}, None),
    ("GET", "/error", {}, None),
    # redirects
    ("GET", "/go", {}, None),
    ("GET", "/go-301", {}, None),
    # JSON
    ("GET", "/json/dict", {}, None),
    ("GET", "/json/list", {}, None),
    ("POST", "/json/echo", {"Content-Type": "application/json"}, b'{"z": [1, 2.5, null], "a": {"k": "v"}, "u": "\\u00e9"}'),
    # forms, query strings, status and headers
    ("POST", "/form", {"Content-Type": "application/x-www-form-urlencoded"}, b"a=1&b=x+y&a=2&c=%C3%A9"),
    ("GET", "/query?a=1&b=x+y&a=2&c=%C3%A9", {}, None),
    ("GET", "/created", {}, None),
    # cookies
    ("GET", "/cookie/set", {}, None),
    ("GET", "/cookie/get", {"Cookie": "flavor=\"choc chip\"; other=1"}, None),
    ("GET", "/cookie/get", {"Cookie": "flavor=mint"}, None),
    ("GET", "/cookie/get", {}, None),
    ("GET", "/cookie/delete", {}, None),
    # url_for
    ("GET", "/url/user", {}, None),
    ("GET", "/url/static", {}, None),
    ("GET", "/url/external", {}, None),
    ("GET", "/url/anchor", {}, None),
    ("GET", "/url/blueprint", {}, None),
    # blueprints
    ("GET", "/shop/", {}, None),
    ("GET", "/shop", {}, None),
    ("GET", "/shop/item/4", {}, None),
    ("GET", "/shop/missing", {}, None),
    ("GET", "/shop/nothing", {}, None),
    ("GET", "/shop/?closed=1", {}, None),
    # static files
    ("GET", "/static/css/app.css", {}, None),
    ("GET", "/static/js/app.js", {}, None),
    ("GET", "/static/ten.txt", {}, None),
    ("GET", "/static/data.json", {}, None),
    ("GET", "/static/logo.svg", {}, None),
    ("GET", "/static/page.html", {}, None),
    ("GET", "/static/img/dot.png", {}, None),
    ("HEAD", "/static/ten.txt", {}, None),
    ("POST", "/static/ten.txt", {}, b""),
    ("OPTIONS", "/static/ten.txt", {}, None),
    ("GET", "/static/nope.css", {}, None),
    ("GET", "/static/", {}, None),
    ("GET", "/static/css", {}, None),
    ("GET", "/static/../secret.txt", {}, None),
    ("GET", "/static/%2e%2e/secret.txt", {}, None),
    ("GET", "/static/css/%2e%2e/%2E%2E/secret.txt", {}, None),
    ("GET", "/static/css/..%2f..%2fsecret.txt", {}, None),
    # ranges
    ("GET", "/static/ten.txt", {"Range": "bytes=2-4"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=-3"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=5-"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=3-100"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=50-"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=-30"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=0-1,4-5"}, None),
    ("GET", "/static/ten.txt", {"Range": "garbage"}, None),
    ("HEAD", "/static/ten.txt", {"Range": "bytes=2-4"}, None),
    # conditional requests
    ("GET", "/static/css/app.css", {"If-None-Match": "{etag}"}, None),
    ("GET", "/static/css/app.css", {"If-None-Match": "W/{etag}"}, None),
    ("GET", "/static/css/app.css", {"If-None-Match": "\"other\""}, None),
    ("GET", "/static/css/app.css", {"If-Modified-Since": "{last_modified}"}, None),
    ("GET", "/static/css/app.css", {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}, None),
    ("HEAD", "/static/css/app.css", {"If-None-Match": "{etag}"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=2-4", "If-Range": "{etag}"}, None),
    ("GET", "/static/ten.txt", {"Range": "bytes=2-4", "If-Range": "\"stale\""}, None),
    ("GET", "/static/ten.txt", {"If-Match": "\"nope\""}, None),
]


def fetch(port, method, path, headers=None, body=None):
    """One request on a fresh connection, the path sent exactly as written."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        fields = {"Host": HOST}
        fields.update(headers or {})
        connection.request(method, path, body=body, headers=fields)
        response = connection.getresponse()
        data = response.read()
        return response.status, response.getheaders(), data
    finally:
        connection.close()


def header(headers, name):
    values = [value for key, value in headers if key.lower() == name.lower()]
    return values[0] if values else None


def cookie_attributes(headers):
    """Set-Cookie values with the Expires date blanked (the two servers run a moment apart)."""
    cookies = []
    for key, value in headers:
        if key.lower() != "set-cookie":
            continue
        parts = [part if not part.startswith("Expires=") or part.startswith("Expires=Thu, 01 Jan 1970")
                 else "Expires=<date>" for part in value.split("; ")]
        cookies.append("; ".join(parts))
    return sorted(cookies)


def resolve(port, path, headers):
    """Replaces {etag} and {last_modified} by what this server sends for `path`."""
    if not any("{" in value for value in headers.values()):
        return headers
    _, first, _ = fetch(port, "GET", path)
    values = {"etag": header(first, "ETag") or "", "last_modified": header(first, "Last-Modified") or ""}
    return {key: value.format(**values) for key, value in headers.items()}


def answer(port, method, path, headers, body):
    status, fields, data = fetch(port, method, path, resolve(port, path, headers), body)
    compared = {name: header(fields, name) for name in COMPARED}
    allow = header(fields, "Allow")
    return {
        "status": status,
        "body": data,
        "headers": compared,
        "allow": sorted(m.strip() for m in allow.split(",")) if allow else None,
        "etag": header(fields, "ETag") is not None,
        "cookies": cookie_attributes(fields),
    }


def test_enough_requests_are_compared():
    assert len(CASES) >= 60


@pytest.mark.parametrize("method,path,headers,body", CASES,
                         ids=[f"{c[0]} {c[1]} {' '.join(f'{k}={v}' for k, v in c[2].items())}".strip() for c in CASES])
def test_same_answer_as_flask(flask_port, swift_port, method, path, headers, body):
    expected = answer(flask_port, method, path, headers, body)
    actual = answer(swift_port, method, path, headers, body)
    assert actual["status"] == expected["status"]
    assert actual["body"] == expected["body"]
    assert actual["headers"] == expected["headers"]
    assert actual["allow"] == expected["allow"]
    assert actual["etag"] == expected["etag"]
    assert actual["cookies"] == expected["cookies"]


def test_cookie_round_trip_through_both(flask_port, swift_port):
    """A cookie one server sets is read back by the other the same way."""
    _, flask_headers, _ = fetch(flask_port, "GET", "/cookie/set")
    _, swift_headers, _ = fetch(swift_port, "GET", "/cookie/set")
    for set_by in (flask_headers, swift_headers):
        pair = header(set_by, "Set-Cookie").split(";")[0]
        readings = [fetch(port, "GET", "/cookie/get", {"Cookie": pair})[2] for port in (flask_port, swift_port)]
        assert readings[0] == readings[1] == b"flavor=choc chip"


def test_static_validators_agree(flask_port, swift_port):
    """Both servers describe the same file with the same Last-Modified and the same ETag shape."""
    answers = [fetch(port, "GET", "/static/ten.txt") for port in (flask_port, swift_port)]
    (_, flask_headers, _), (_, swift_headers, _) = answers
    assert header(flask_headers, "Last-Modified") == header(swift_headers, "Last-Modified")
    for fields in (flask_headers, swift_headers):
        etag = header(fields, "ETag")
        assert etag.startswith('"') and etag.endswith('"') and etag.count("-") == 2
