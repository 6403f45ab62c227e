"""FlaskishCORS against flask-cors itself: for every configuration in flask_apps.py (and its Swift
twin in CORSDifferentialApp/Configs.swift), the same requests go to both servers, and the status,
the Access-Control-* and Vary fields (names, values, order, repeats) and, for OPTIONS answers, the
Allow methods must be the same.

Comma lists flask-cors builds are sorted by flask-cors itself, so they are compared as sent; only
Allow, whose order Werkzeug takes from a set, is compared as a set.
"""

import http.client
import subprocess
from urllib.parse import urlsplit

import pytest
import requests

import flask_apps
from conftest import swift_binary

A = flask_apps.A
B = flask_apps.B
EVIL = "http://evil.example"
SUBDOMAIN = "https://app.example.com"
ACRM = "Access-Control-Request-Method"
ACRH = "Access-Control-Request-Headers"
ACRPN = "Access-Control-Request-Private-Network"

# (name, method, path, request headers)
REQUESTS = [
    ("simple", "GET", "/api/items", {"Origin": A}),
    ("simple_second_origin", "GET", "/api/items", {"Origin": B}),
    ("simple_uppercase_origin", "GET", "/api/items", {"Origin": "HTTP://A.EXAMPLE"}),
    ("simple_subdomain", "GET", "/api/items", {"Origin": SUBDOMAIN}),
    ("simple_regex_suffix", "GET", "/api/items", {"Origin": SUBDOMAIN + ".evil.net"}),
    ("disallowed", "GET", "/api/items", {"Origin": EVIL}),
    ("no_origin", "GET", "/api/items", {}),
    ("empty_origin", "GET", "/api/items", {"Origin": ""}),
    ("post", "POST", "/api/items", {"Origin": A}),
    ("head", "HEAD", "/api/items", {"Origin": A}),
    ("preflight", "OPTIONS", "/api/items", {"Origin": A, ACRM: "POST"}),
    ("preflight_headers", "OPTIONS", "/api/items",
     {"Origin": A, ACRM: "PUT", ACRH: "X-Custom-One, content-type,X-Other, "}),
    ("preflight_lowercase_method", "OPTIONS", "/api/items", {"Origin": A, ACRM: "put"}),
    ("preflight_unknown_method", "OPTIONS", "/api/items", {"Origin": A, ACRM: "PURGE"}),
    ("preflight_without_request_method", "OPTIONS", "/api/items", {"Origin": A}),
    ("preflight_disallowed", "OPTIONS", "/api/items", {"Origin": EVIL, ACRM: "GET"}),
    ("preflight_no_origin", "OPTIONS", "/api/items", {ACRM: "GET", ACRH: "X-Custom-One"}),
    ("private_network_preflight", "OPTIONS", "/api/items", {"Origin": A, ACRM: "GET", ACRPN: "true"}),
    ("private_network_simple", "GET", "/api/items", {"Origin": A, ACRPN: "true"}),
    ("item_preflight", "OPTIONS", "/api/items/7", {"Origin": B, ACRM: "DELETE", ACRH: "X-Custom-Two"}),
    ("item_put", "PUT", "/api/items/7", {"Origin": B}),
    ("public", "GET", "/public/info", {"Origin": B}),
    ("public_preflight", "OPTIONS", "/public/info", {"Origin": B, ACRM: "GET", ACRH: "X-Custom-One"}),
    ("exact", "GET", "/exact", {"Origin": A}),
    ("exact_no_origin", "GET", "/exact", {}),
    ("encoded_path", "GET", "/%61pi/items", {"Origin": A}),
    ("not_found", "GET", "/missing", {"Origin": A}),
    ("not_found_preflight", "OPTIONS", "/missing", {"Origin": A, ACRM: "GET"}),
    ("method_not_allowed", "DELETE", "/api/items", {"Origin": A}),
    ("server_error", "GET", "/boom", {"Origin": A}),
    ("server_error_no_origin", "GET", "/boom", {}),
    ("own_origin", "GET", "/own-origin", {"Origin": A}),
    ("own_vary", "GET", "/vary", {"Origin": B}),
    ("decorated", "GET", "/decorated", {"Origin": A}),
    ("decorated_disallowed", "GET", "/decorated", {"Origin": B}),
    ("decorated_preflight", "OPTIONS", "/decorated", {"Origin": A, ACRM: "GET", ACRH: "X-Custom-One"}),
    ("manual_options", "OPTIONS", "/manual", {"Origin": B, ACRM: "GET"}),
    ("manual_get_disallowed", "GET", "/manual", {"Origin": EVIL}),
    ("blueprint", "GET", "/bp/items", {"Origin": B}),
    ("blueprint_first_origin", "GET", "/bp/items", {"Origin": A}),
    ("blueprint_preflight", "OPTIONS", "/bp/items", {"Origin": A, ACRM: "GET"}),
    ("blueprint_not_found", "GET", "/bp/missing", {"Origin": A}),
    ("blueprint_method_not_allowed", "DELETE", "/bp/items", {"Origin": A}),
    ("blueprint_server_error", "GET", "/bp/boom", {"Origin": A}),
    ("blueprint_decorated_disallowed", "GET", "/bp/dec", {"Origin": B}),
    ("blueprint_config_origin", "GET", "/bp/items", {"Origin": "http://config.example"}),
    # Repeated fields (a list of pairs, sent in order): Werkzeug's server joins them with ",",
    # so flask-cors sees one Origin "A,B" that matches no listed origin.
    ("repeated_origin", "GET", "/api/items", [("Origin", A), ("Origin", B)]),
    ("repeated_same_origin", "GET", "/api/items", [("Origin", A), ("Origin", A)]),
    ("repeated_origin_preflight", "OPTIONS", "/api/items", [("Origin", A), ("Origin", B), (ACRM, "GET")]),
    ("repeated_request_headers", "OPTIONS", "/api/items",
     [("Origin", A), (ACRM, "PUT"), (ACRH, "X-Custom-One"), (ACRH, "content-type")]),
    ("repeated_request_method", "OPTIONS", "/api/items", [("Origin", A), (ACRM, "GET"), (ACRM, "PUT")]),
    # A body over MAX_CONTENT_LENGTH (only the max_content_length configuration sets one, and
    # only it has /upload): the 413 still carries the CORS fields.
    ("too_large", "POST", "/upload", {"Origin": A}, b"x" * 11),
    ("too_large_disallowed", "POST", "/upload", {"Origin": EVIL}, b"x" * 11),
    ("at_the_limit", "POST", "/upload", {"Origin": B}, b"x" * 10),
]


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        # Configuration-major order, so each pair of servers is started once.
        cases = [(config, request) for config in flask_apps.CONFIGS for request in REQUESTS]
        metafunc.parametrize("case", cases, ids=["%s-%s" % (config, request[0]) for config, request in cases])


def fetch(base_url, method, path, headers, body=None):
    if isinstance(headers, list):
        return fetch_repeated(base_url, method, path, headers)
    response = requests.request(method, base_url + path, headers=headers, data=body, allow_redirects=False,
                                timeout=10)
    fields = [(name, value) for name, value in response.raw.headers.items()
              if name.lower().startswith("access-control-") or name.lower() == "vary"]
    allow = None
    if method == "OPTIONS" and "Allow" in response.headers:
        allow = sorted(m.strip() for m in response.headers["Allow"].split(","))
    return {"status": response.status_code, "cors": fields, "allow": allow}


def fetch_repeated(base_url, method, path, headers):
    """Sends `headers` as given, repeats included (requests folds a dict)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        fields = [(name, value) for name, value in response.getheaders()
                  if name.lower().startswith("access-control-") or name.lower() == "vary"]
        allow = response.getheader("Allow")
        if method != "OPTIONS" or allow is None:
            allow = None
        else:
            allow = sorted(m.strip() for m in allow.split(","))
        return {"status": response.status, "cors": fields, "allow": allow}
    finally:
        connection.close()


def test_same_configurations_on_both_sides():
    listed = subprocess.run([swift_binary(), "--list"], capture_output=True, text=True, check=True).stdout.split()
    assert listed == list(flask_apps.CONFIGS)


def test_same_headers_as_flask_cors(server_pairs, case):
    config, (name, method, path, headers, *body) = case
    flask_server, swift_server = server_pairs.get(config)
    expected = fetch(flask_server.url, method, path, headers, *body)
    actual = fetch(swift_server.url, method, path, headers, *body)
    assert actual == expected, "%s %s %s with %r" % (config, method, path, headers)


def test_suite_checks_enough_configurations():
    assert len(flask_apps.CONFIGS) >= 30
