"""FlaskishCORS against flask-cors itself: for every configuration in flask_apps.py (and its Swift
twin in CORSDifferentialApp/Configs.swift), the same requests go to both servers, and the status,
the Access-Control-* and Vary fields (names, values, order, repeats) and, for OPTIONS answers, the
Allow methods must be the same.

Comma lists flask-cors builds are sorted by flask-cors itself, so they are compared as sent; only
Allow, whose order Werkzeug takes from a set, is compared as a set.
"""

import subprocess

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
]


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        # Configuration-major order, so each pair of servers is started once.
        cases = [(config, request) for config in flask_apps.CONFIGS for request in REQUESTS]
        metafunc.parametrize("case", cases, ids=["%s-%s" % (config, request[0]) for config, request in cases])


def fetch(base_url, method, path, headers):
    response = requests.request(method, base_url + path, headers=headers, allow_redirects=False, timeout=10)
    fields = [(name, value) for name, value in response.raw.headers.items()
              if name.lower().startswith("access-control-") or name.lower() == "vary"]
    allow = None
    if method == "OPTIONS" and "Allow" in response.headers:
        allow = sorted(m.strip() for m in response.headers["Allow"].split(","))
    return {"status": response.status_code, "cors": fields, "allow": allow}


def test_same_configurations_on_both_sides():
    listed = subprocess.run([swift_binary(), "--list"], capture_output=True, text=True, check=True).stdout.split()
    assert listed == list(flask_apps.CONFIGS)


def test_same_headers_as_flask_cors(server_pairs, case):
    config, (name, method, path, headers) = case
    flask_server, swift_server = server_pairs.get(config)
    expected = fetch(flask_server.url, method, path, headers)
    actual = fetch(swift_server.url, method, path, headers)
    assert actual == expected, "%s %s %s with %r" % (config, method, path, headers)


def test_suite_checks_enough_configurations():
    assert len(flask_apps.CONFIGS) >= 25
