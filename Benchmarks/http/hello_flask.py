"""The benchmark's "hello world" app in Python Flask, the reference Flaskish is measured against.

Same routes as HelloBenchmark/main.swift. It runs on Flask's development server with
threaded=True, which is what `flask run` gives a Flask developer; request logging is
turned off so the terminal is not the bottleneck (Flaskish logs nothing per request either).
"""

import argparse
import logging

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello, World!"


@app.route("/json")
def hello_json():
    return jsonify(message="Hello, World!", id=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.run(host=args.host, port=args.port, threaded=True, debug=False, use_reloader=False)


if __name__ == "__main__":
    main()
