"""Renders templates/page.html with Jinja2 repeatedly and reports renders per second.

Usage: python bench.py [cpu-seconds] [output-file]. Rates are per CPU second. The page and data match Sources/main.swift.
"""
import json
import os
import sys
import time

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))


def make_context():
    users = []
    for i in range(1000):
        users.append({
            "name": f"user {i} o'brien",
            "email": f"User{i}@Example.COM",
            "bio": f"Bio of user {i}: likes <b>bold</b> ideas & long walks on the beach, again and again.",
            "score": i * 0.37,
            "tags": ["swift", "python"][: i % 3],
            "active": i % 4 != 0,
            "nickname": f"nick<{i}>" if i % 5 == 0 else None,
        })
    nav = [{"href": "/", "label": "Home", "active": True}, {"href": "/users", "label": "Users & Groups", "active": False}]
    return {"title": "user directory", "intro": "A list of every user of the system, with their details. " * 3,
            "users": users, "nav": nav, "year": 2024}


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
        autoescape=lambda name: name is None or name.endswith((".html", ".htm", ".xml", ".xhtml", ".svg")),
    )
    template = env.get_template("page.html")
    context = make_context()
    output = template.render(context)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as handle:
            handle.write(output)
    # CPU time of this process, not wall time: the machine may be shared.
    count = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        template.render(context)
        count += 1
    elapsed = time.process_time() - start
    print(json.dumps({"engine": f"Jinja2 {jinja2.__version__}", "renders": count, "cpu_seconds": elapsed,
                      "renders_per_second": count / elapsed, "bytes": len(output.encode())}))


if __name__ == "__main__":
    main()
