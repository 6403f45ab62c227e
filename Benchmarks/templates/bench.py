"""Renders the benchmark pages with Jinja2 repeatedly and reports renders per CPU second.

Usage: python bench.py [cpu-seconds] [output-file] [--page users|blog]
       python bench.py --compile [cpu-seconds]

Pages (the data matches Sources/main.swift):
- users: templates/page.html with plain Jinja2 (a 1 000-row table of macro calls).
- blog: templates/blog/index.html through Flask's render_template inside
  app.test_request_context(), so that url_for builds real URLs from the app's routes.

--compile measures Environment.from_string on every benchmark template and the memory a
compiled template keeps (tracemalloc). One JSON line per measurement on stdout; rates are
per CPU second (time.process_time), because the machine may be shared.
"""
import argparse
import json
import os
import time
import tracemalloc

import jinja2
from markupsafe import Markup

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "templates")
PAGES = {"users": "page.html", "blog": "blog/index.html"}
# Every template the two pages use, compiled one by one for --compile.
ALL_TEMPLATES = ["base.html", "macros.html", "page.html",
                 "blog/layout.html", "blog/macros.html", "blog/_meta.html", "blog/index.html"]


def autoescape(name):
    return name is None or name.endswith((".html", ".htm", ".xml", ".xhtml", ".svg"))


def users_context():
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


AUTHORS = [("Ana Lima", "ana"), ("Zoë O'Neil", "zoe"), ("Bob <Admin>", "bob"), ("Chen Wei", "chen"), ("Dana & Co", "dana")]
TAGS = ["swift", "python", "web dev", "c++", "performance", "jinja", "flask", "tips & tricks"]


def blog_context():
    """300 posts, newest first; every value is computed the same way in main.swift."""
    authors = [{"name": name, "handle": handle} for name, handle in AUTHORS]
    posts = []
    tag_counts = {}
    for i in range(300):
        month = 12 - i // 25
        day = 28 - i % 25
        first, second = TAGS[i % 8], TAGS[(i * 3 + 1) % 8]
        tags = [first] if i % 4 == 0 or first == second else [first, second]
        for tag in tags:
            tag_counts[tag] = tag_counts.get(tag, 0) + 1
        kind = "featured" if i % 10 == 0 else "draft" if i % 7 == 0 else "normal"
        posts.append({
            "id": i,
            "slug": f"{i}-{first.replace(' ', '-')}-notes",
            "title": f"Post {i}: {first} <notes> & more",
            "author": authors[i % 5],
            "date": f"2026-{month:02d}-{day:02d}",
            "month": f"2026-{month:02d}",
            "tags": tags,
            "kind": kind,
            "summary": f"In part {i} we look at {first} and {second}, with <code>examples</code> & benchmarks that run for a while.",
            "stats": {"views": i * 37 % 1000, "likes": i * 13 % 97, "comments": i % 11},
            "rating": (i % 50) / 10,
            "badge": Markup('<span class="badge">new</span>') if i < 5 else None,
        })
    site = {"title": "The Flaskish Blog", "tagline": "Fast & <safe> templates",
            "footer_html": Markup('&copy; 2026 <a href="/">Flaskish</a> &middot; made with care')}
    meta = {"page": 1, "per_page": 300, "slugs": [p["slug"] for p in posts[:12]], "owner": "Zoë",
            "filters": {"tag": None, "q": "</script><b>'x'</b> & more"}, "ratio": 0.25, "flags": [True, False],
            "count": len(posts)}
    return {"posts": posts, "tag_counts": tag_counts, "site": site, "meta": meta, "page": 1}


def blog_app():
    """The Flask app the blog page is rendered in: the routes its url_for calls name."""
    import logging

    from flask import Flask
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = Flask("blogbench", template_folder=TEMPLATES, static_folder=None)

    @app.route("/")
    def index():
        return ""

    @app.route("/post/<slug>")
    def post(slug):
        return slug

    @app.route("/tag/<name>")
    def tag(name):
        return name

    @app.route("/author/<handle>")
    def author(handle):
        return handle

    return app


def timed(render, seconds):
    """Calls render until `seconds` of CPU time have passed; returns (count, CPU seconds)."""
    count = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        render()
        count += 1
    return count, time.process_time() - start


def bench_page(page, seconds, output_path):
    if page == "users":
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=autoescape)
        template = env.get_template("page.html")
        context = users_context()
        render = lambda: template.render(context)  # noqa: E731
        output = render()
        count, elapsed = timed(render, seconds)
    else:
        from flask import render_template
        app = blog_app()
        context = blog_context()
        with app.test_request_context("/"):
            render = lambda: render_template("blog/index.html", **context)  # noqa: E731
            output = render()
            count, elapsed = timed(render, seconds)
    if output_path:
        with open(output_path, "w", encoding="utf-8") as handle:
            handle.write(output)
    print(json.dumps({"engine": f"Jinja2 {jinja2.__version__}", "page": page, "renders": count, "cpu_seconds": elapsed,
                      "renders_per_second": count / elapsed, "bytes": len(output.encode())}))


def bench_compile(seconds):
    """Templates compiled per CPU second (from source: lex, parse, generate Python, compile to
    bytecode, as Environment.from_string does on every call), and the memory one compiled
    template keeps alive."""
    env = jinja2.Environment(autoescape=autoescape)
    sources = []
    for name in ALL_TEMPLATES:
        with open(os.path.join(TEMPLATES, name), encoding="utf-8") as handle:
            sources.append(handle.read())
    index = 0

    def compile_one():
        nonlocal index
        env.from_string(sources[index % len(sources)])
        index += 1

    count, elapsed = timed(compile_one, seconds)
    # Memory: tracemalloc's count of live Python allocations before and after compiling each
    # template COPIES times, all kept alive (as a cache keeps them); code objects and the
    # template's module dict are counted, the interpreter's own arenas are not.
    copies = 50
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [env.from_string(source) for source in sources for _ in range(copies)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(json.dumps({"engine": f"Jinja2 {jinja2.__version__}", "page": "compile", "templates": len(sources),
                      "compiles": count, "cpu_seconds": elapsed, "compiles_per_second": count / elapsed,
                      "source_bytes": sum(len(s.encode()) for s in sources),
                      "bytes_per_template": (after - before) / len(kept), "memory_method": "tracemalloc"}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seconds", nargs="?", type=float, default=3.0)
    parser.add_argument("output", nargs="?")
    parser.add_argument("--page", choices=sorted(PAGES), default="users")
    parser.add_argument("--compile", action="store_true", help="measure compile speed and memory instead")
    args = parser.parse_args()
    if args.compile:
        bench_compile(args.seconds)
    else:
        bench_page(args.page, args.seconds, args.output)


if __name__ == "__main__":
    main()
