"""Renders every case of cases.json with Jinja2 and prints the results as JSON.

Each case is rendered the way Flask configures Jinja: autoescape for string templates
and for names ending in .html/.htm/.xml/.xhtml/.svg, Jinja's defaults otherwise.
Output: a JSON list of {"name", "output"} or {"name", "error": "<exception class>"}.
"""
import json
import sys

try:
    import jinja2
except ImportError:
    print("Jinja2 is not installed for " + sys.executable, file=sys.stderr)
    sys.exit(3)


def autoescape(name):
    if name is None:
        return True
    return name.endswith((".html", ".htm", ".xml", ".xhtml", ".svg"))


def render(case):
    templates = dict(case.get("templates", {}))
    main = case.get("file")
    if main is not None:
        templates[main] = case["template"]
    env = jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined if case.get("strict") else jinja2.Undefined,
        trim_blocks=case.get("trim_blocks", False),
        lstrip_blocks=case.get("lstrip_blocks", False),
        keep_trailing_newline=case.get("keep_trailing_newline", False),
    )
    try:
        if main is not None:
            template = env.get_template(main)
        else:
            template = env.from_string(case["template"])
        return {"name": case["name"], "output": template.render(case.get("context", {}))}
    except Exception as error:  # the class name is what the Swift side compares
        return {"name": case["name"], "error": type(error).__name__}


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        cases = json.load(handle)
    json.dump([render(case) for case in cases], sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
