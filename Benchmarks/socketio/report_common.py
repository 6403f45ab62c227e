"""What the two Socket.IO benchmark reports (report.py for run.sh, cluster_report.py for
cluster.sh) share: their command line, the inputs the scripts write (JSON lines from
SocketIOLoad, tagged; the facts file of Benchmarks/lib/common.sh), the header and problems
sections, and the formatting of figures."""

import argparse
import json
import sys

HEADER_FACTS = ("date", "command", "commit", "machine", "load average", "pinning", "versions")


def arguments(description):
    """--results (JSON lines), --facts (tab-separated facts), --out (the Markdown report)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--results", required=True)
    parser.add_argument("--facts", required=True)
    parser.add_argument("--out", required=True)
    return parser.parse_args()


def read_rows(path):
    """One dict per non-blank JSON line."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_facts(path):
    """({meta key: value}, ["<who>: <problem>", …]) from `<who>\t<key>\t<value>` lines."""
    meta, problems = {}, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            who, key, value = line.rstrip("\n").split("\t", 2)
            if who == "meta":
                meta[key] = value
            elif key == "problem":
                problems.append(f"{who}: {value}")
    return meta, problems


def header(title, meta):
    """The report's title and one bullet per header fact the script recorded."""
    lines = [f"## {title}", ""]
    lines += [f"- **{key.capitalize()}**: {meta[key]}" for key in HEADER_FACTS if key in meta]
    return lines


def write(lines, problems, out):
    """Appends the problems, if any, then writes the report to `out` and to stdout."""
    if problems:
        lines += ["### Problems", ""] + [f"- {p}" for p in problems] + [""]
    text = "\n".join(lines)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(text)
    sys.stdout.write(text)


def number(value, digits=0):
    if value is None:
        return "n/a"
    if digits == 0:
        return f"{round(value):,}"
    return f"{value:,.{digits}f}"


def milliseconds(value):
    """Two decimals below 10 ms, one from there on; a difference keeps its sign."""
    if value is None:
        return "n/a"
    return f"{value:,.1f} ms" if abs(value) >= 10 else f"{value:,.2f} ms"


def percent(fraction):
    return "n/a" if fraction is None else f"{100 * fraction:.0f}%"
