"""Turns the raw wrk outputs and facts that run.sh collected into one Markdown report.

    report.py --raw-dir DIR --facts FILE [--out FILE]

DIR holds one wrk output per run, named `r<round>__<server>__<route>__c<connections>.txt`
(route is `root` for /, `json` for /json or `page` for /page). FILE holds tab-separated `subject key value` lines:
`meta <key> <value>` for the report header, `<server> <key> <value>` for per-server facts
(idle_rss_kib, peak_rss_kib, startup_ms, idle_json, problem). Every figure in the tables is
the median over the rounds that produced it.
"""

import argparse
import json
import os
import re
import statistics
import sys
from collections import defaultdict

SERVERS = ["flaskish", "flask", "nginx"]
SERVER_NAMES = {"flaskish": "Flaskish", "flask": "Flask (dev server, threaded)", "nginx": "nginx (return 200)"}
ROUTES = {"root": "/", "json": "/json", "page": "/page"}
RAW_NAME = re.compile(r"^r(\d+)__([a-z]+)__([a-z]+)__c(\d+)\.txt$")
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def duration_ms(text):
    """wrk prints durations as 512.00us, 1.23ms, 2.00s, 1.50m."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNIT_MS[match.group(2)]


def parse_wrk(text):
    """The figures of one `wrk --latency` run; raises ValueError when the output is not wrk's."""
    rps = re.search(r"^Requests/sec:\s+([0-9.]+)", text, re.M)
    if not rps:
        raise ValueError("no 'Requests/sec:' line")
    result = {"rps": float(rps.group(1)), "socket_errors": 0, "non_2xx": 0}
    for percentile, key in (("50", "p50_ms"), ("99", "p99_ms")):
        match = re.search(rf"^\s+{percentile}(?:\.000)?%\s+(\S+)", text, re.M)
        result[key] = duration_ms(match.group(1)) if match else None
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if errors:
        result["socket_errors"] = sum(int(n) for n in errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non_2xx:
        result["non_2xx"] = int(non_2xx.group(1))
    requests = re.search(r"^\s+(\d+) requests in ([0-9.]+\w+)", text, re.M)
    result["requests"] = int(requests.group(1)) if requests else None
    return result


def load_runs(raw_dir):
    """{(route, connections, server): [figures per round]} plus a list of unreadable files."""
    runs = defaultdict(list)
    unreadable = []
    for name in sorted(os.listdir(raw_dir)):
        match = RAW_NAME.match(name)
        if not match:
            continue
        _, server, route, connections = match.groups()
        with open(os.path.join(raw_dir, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        try:
            runs[(route, int(connections), server)].append(parse_wrk(text))
        except ValueError as error:
            unreadable.append(f"{name}: {error}")
    return runs, unreadable


def load_facts(path):
    facts = defaultdict(dict)
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t", 2)
                if len(parts) == 3:
                    facts[parts[0]][parts[1]] = parts[2]
    return facts


def median(values):
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def fmt(value, digits=0, suffix=""):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{suffix}"


def mib(kib):
    return fmt(int(kib) / 1024, 1) if kib not in (None, "") else "n/a"


def ratio(a, b):
    if a is None or not b:
        return "n/a"
    r = a / b
    return f"{r:.2f}×" if r >= 0.1 else f"{r:.3f}×"


def throughput_section(runs):
    lines = ["## Throughput and latency (median of the rounds)", "",
             "| Route | Connections | Server | Requests/s | p50 latency | p99 latency | Socket errors | Non-2xx | Rounds |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    medians = {}
    keys = sorted({(route, conns) for route, conns, _ in runs}, key=lambda k: (list(ROUTES).index(k[0]), k[1]))
    for route, conns in keys:
        for server in SERVERS:
            rounds = runs.get((route, conns, server))
            if not rounds:
                continue
            m = {k: median([r[k] for r in rounds]) for k in ("rps", "p50_ms", "p99_ms", "socket_errors", "non_2xx")}
            medians[(route, conns, server)] = m
            lines.append(f"| `{ROUTES[route]}` | {conns} | {SERVER_NAMES[server]} | {fmt(m['rps'])} | "
                         f"{fmt(m['p50_ms'], 2, ' ms')} | {fmt(m['p99_ms'], 2, ' ms')} | "
                         f"{fmt(m['socket_errors'])} | {fmt(m['non_2xx'])} | {len(rounds)} |")
    return lines, medians, keys


def ratio_section(medians, keys):
    lines = ["## Ratios of requests/s", "",
             "| Route | Connections | Flaskish / nginx | Flaskish / Flask |",
             "| --- | ---: | ---: | ---: |"]
    for route, conns in keys:
        own = medians.get((route, conns, "flaskish"), {}).get("rps")
        nginx = medians.get((route, conns, "nginx"), {}).get("rps")
        flask = medians.get((route, conns, "flask"), {}).get("rps")
        lines.append(f"| `{ROUTES[route]}` | {conns} | {ratio(own, nginx)} | {ratio(own, flask)} |")
    return lines


def memory_section(facts):
    lines = ["## Memory and start-up", "",
             "| Server | RSS idle after start (MiB) | Peak RSS, VmHWM after all runs (MiB) | Start-up to first answer (median of 5 starts) |",
             "| --- | ---: | ---: | ---: |"]
    for server in SERVERS:
        f = facts.get(server)
        if not f or "startup_ms" not in f:
            continue
        lines.append(f"| {SERVER_NAMES[server]} | {mib(f.get('idle_rss_kib'))} | {mib(f.get('peak_rss_kib'))} | "
                     f"{fmt(float(f['startup_ms']), 0, ' ms')} |")
    return lines


def idle_section(facts):
    rows = []
    for server in SERVERS:
        raw = facts.get(server, {}).get("idle_json")
        if not raw:
            continue
        r = json.loads(raw)
        rows.append(f"| {SERVER_NAMES[server]} | {r['requested']:,} | {r['answered']:,} | {r['still_open']:,} | "
                    f"{mib(r.get('rss_before_kib'))} | {mib(r.get('rss_with_kib'))} | "
                    f"{fmt(r.get('kib_per_connection'), 1)} | {r.get('first_error', '')} |")
    if not rows:
        return []
    return ["## Idle keep-alive connections", "",
            "| Server | Opened | Answered | Still open after 1 s | RSS before (MiB) | RSS while held (MiB) | KiB per connection | First error |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"] + rows


def render(raw_dir, facts_path):
    runs, unreadable = load_runs(raw_dir)
    facts = load_facts(facts_path)
    meta = facts.get("meta", {})
    out = ["# HTTP benchmark: Flaskish, Flask and nginx", ""]
    for key, value in meta.items():
        out.append(f"- **{key}**: {value}")
    out.append("")
    table, medians, keys = throughput_section(runs)
    out += table + [""]
    out += ratio_section(medians, keys) + [""]
    out += memory_section(facts) + [""]
    idle = idle_section(facts)
    if idle:
        out += idle + [""]
    problems = [f"- {SERVER_NAMES.get(s, s)}: {f['problem']}" for s, f in facts.items() if "problem" in f]
    problems += [f"- unreadable wrk output {u}" for u in unreadable]
    if problems:
        out += ["## Problems", ""] + problems + [""]
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", required=True)
    parser.add_argument("--facts", required=True)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    text = render(args.raw_dir, args.facts)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
