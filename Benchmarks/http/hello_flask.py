"""The benchmark's "hello world" app in Python Flask, the reference Flaskish is measured against.

Same routes as HelloBenchmark/main.swift. It runs on Flask's development server with
threaded=True, which is what `flask run` gives a Flask developer; request logging is
turned off so the terminal is not the bottleneck (Flaskish logs nothing per request either).
`/page` renders the template benchmark's first page (Benchmarks/templates/templates/page.html)
with the data of Benchmarks/templates/bench.py.
"""

import argparse
import logging
import os
import sys

from flask import Flask, jsonify, render_template

TEMPLATE_BENCHMARK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates")
sys.path.insert(0, TEMPLATE_BENCHMARK)
from bench import users_context  # noqa: E402  (the page's data, shared with the template benchmark)

app = Flask(__name__, template_folder=os.path.join(TEMPLATE_BENCHMARK, "templates"))
PAGE_CONTEXT = users_context()


@app.route("/")
def hello():
    return "Hello, World!"


@app.route("/json")
def hello_json():
    return jsonify(message="Hello, World!", id=1)


@app.route("/page")
def page():
    return render_template("page.html", **PAGE_CONTEXT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.run(host=args.host, port=args.port, threaded=True, debug=False, use_reloader=False)


if __name__ == "__main__":
    main()
