"""Turns the JSON lines of Benchmarks/socketio/cluster.sh (one per case and round, tagged with the
server kind and its process count) into the Markdown report of the scale-out benchmark: one
process against two through Redis, Flaskish against Flask-SocketIO (gevent), and issue 13's
targets judged per server CPU-second (docs/performance.md, "Socket.IO scale-out")."""

import statistics

from report_common import arguments, header, milliseconds, number, percent, read_facts, read_rows, write

NAMES = {"flaskish": "Flaskish", "gevent": "Flask-SocketIO (gevent)"}


def median(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def hop(rows, quantile):
    """B's receivers (reached through Redis) minus A's (the sender's process), per round."""
    values = [r[f"group1_{quantile}_ms"] - r[f"group0_{quantile}_ms"] for r in rows
              if r.get(f"group1_{quantile}_ms") is not None and r.get(f"group0_{quantile}_ms") is not None]
    return statistics.median(values) if values else None


def summary(rows):
    """The median of every figure over the rounds of one case."""
    keys = ("deliveries_per_second", "offered_deliveries_per_second", "latency_p50_ms", "latency_p99_ms",
            "group0_p99_ms", "group1_p99_ms", "server_cpu", "redis_cpu", "generator_cpu",
            "deliveries_per_server_cpu_second")
    out = {key: median(rows, key) for key in keys}
    out["hop_p50"] = hop(rows, "p50")
    out["hop_p99"] = hop(rows, "p99")
    out["lost"] = sum(r.get("lost") or 0 for r in rows)
    out["expected"] = sum(r.get("expected_deliveries") or 0 for r in rows)
    out["out_of_order"] = sum(r.get("out_of_order") or 0 for r in rows)
    out["duplicates"] = sum(r.get("duplicates") or 0 for r in rows)
    out["saturated"] = any(r.get("generator_saturated") for r in rows)
    out["rounds"] = len(rows)
    first = rows[0]
    out["shape"] = f"{first['clients']:,} × {first['messages']:,} at {first['rate']:,.0f}/s"
    return out


def table(cases, label, lines):
    lines += ["| Server | Processes | Receivers × messages at rate | Deliveries/s | Offered/s | p50 | p99 "
              "| p99 on A (local) | p99 on B (via Redis) | Redis hop p50 / p99 | Undelivered | Out of order "
              "| Server CPU (sum) | redis-server CPU | Generator CPU | Deliveries per server CPU-s |",
              "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
              "| ---: | ---: |"]
    for (kind, processes, case_label), s in sorted(cases.items(), key=lambda item: (item[0][0] != "flaskish",
                                                                                    item[0][1])):
        if case_label != label:
            continue
        two = processes > 1
        hop_text = f"{milliseconds(s['hop_p50'])} / {milliseconds(s['hop_p99'])}" if two else "—"
        flag = " ⚠" if s["saturated"] else ""
        lines.append(
            f"| {NAMES.get(kind, kind)} | {processes} | {s['shape']} | {number(s['deliveries_per_second'])}{flag} "
            f"| {number(s['offered_deliveries_per_second'])} | {milliseconds(s['latency_p50_ms'])} "
            f"| {milliseconds(s['latency_p99_ms'])} | {milliseconds(s['group0_p99_ms']) if two else '—'} "
            f"| {milliseconds(s['group1_p99_ms']) if two else '—'} | {hop_text} "
            f"| {s['lost']:,} of {s['expected']:,} | {s['out_of_order']:,} | {percent(s['server_cpu'])} "
            f"| {percent(s['redis_cpu']) if two else '—'} | {percent(s['generator_cpu'])} "
            f"| {number(s['deliveries_per_server_cpu_second'])}{flag} |")
    lines.append("")


def targets(cases, lines):
    def get(kind, processes, label, key):
        case = cases.get((kind, processes, label))
        return None if case is None else case[key]

    rows = []
    one_p99 = get("flaskish", 1, "paced", "latency_p99_ms")
    remote_p99 = get("flaskish", 2, "paced", "group1_p99_ms")
    if one_p99 is not None and remote_p99 is not None:
        added = remote_p99 - one_p99
        rows.append(("p99 added latency across processes at the paced rate, under 2 ms",
                     f"{milliseconds(remote_p99)} on B vs {milliseconds(one_p99)} with one process: "
                     f"**{'+' if added >= 0 else '−'}{milliseconds(abs(added))}**",
                     "reached" if added < 2 else "**not reached**"))
    one = get("flaskish", 1, "flood", "deliveries_per_server_cpu_second")
    two = get("flaskish", 2, "flood", "deliveries_per_server_cpu_second")
    if one and two:
        share = two / one
        rows.append(("two processes keep ≥ 80% of one process's deliveries per server CPU-second "
                     "(\"≥ 1.6× with two processes\" on this 2-core machine)",
                     f"{number(two)} vs {number(one)}: **{share * 100:.0f}%**",
                     "reached" if share >= 0.8 else "**not reached**"))
    ours = get("flaskish", 2, "flood", "deliveries_per_second")
    theirs = get("gevent", 2, "flood", "deliveries_per_second")
    if ours and theirs:
        rows.append(("two Flaskish processes ≥ 10× two Flask-SocketIO (gevent) processes, deliveries/s",
                     f"{number(ours)} vs {number(theirs)}: **{ours / theirs:.2f}×**",
                     "reached" if ours / theirs >= 10 else "**not reached**"))
    ours_cpu = get("gevent", 2, "flood", "deliveries_per_server_cpu_second")
    if two and ours_cpu:
        rows.append(("the same per server CPU-second (for reference)",
                     f"{number(two)} vs {number(ours_cpu)}: **{two / ours_cpu:.2f}×**", ""))
    python_one = get("gevent", 1, "flood", "deliveries_per_server_cpu_second")
    if python_one and ours_cpu:
        rows.append(("Flask-SocketIO (gevent) itself: two processes' share of one process's deliveries per "
                     "server CPU-second (for reference)",
                     f"{number(ours_cpu)} vs {number(python_one)}: **{ours_cpu / python_one * 100:.0f}%**", ""))
    for kind, processes in (("flaskish", 2), ("gevent", 2)):
        lost = get(kind, processes, "paced", "lost")
        order = get(kind, processes, "paced", "out_of_order")
        if lost is not None:
            rows.append((f"{NAMES[kind]}, 2 processes, paced: every delivery, in order",
                         f"{lost:,} undelivered, {order:,} out of order", "reached" if lost == 0 and order == 0
                         else "**not reached**"))
    if not rows:
        return
    lines += ["### Against issue 13's targets", "",
              "Judged on this run alone: with a load average above 0.5 (see above) the verdicts are noisy.", "",
              "| Target | Measured | |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines.append("")


def main():
    args = arguments(__doc__.splitlines()[0])
    grouped = {}
    for row in read_rows(args.results):
        grouped.setdefault((row["server"], row["processes"], row["label"]), []).append(row)
    cases = {key: summary(rows) for key, rows in grouped.items()}
    meta, problems = read_facts(args.facts)
    lines = header("Socket.IO scale-out through Redis", meta)
    rounds = max((c["rounds"] for c in cases.values()), default=0)
    lines += [f"- **Rounds**: {rounds} (each figure is the median over the rounds; undelivered and out of order "
              "are summed)", ""]
    if any(c["saturated"] for c in cases.values()):
        lines += ["**⚠ The generator was saturated (above 90% of its core) in the rows marked ⚠: those figures "
                  "measure SocketIOLoad, not the servers.**", ""]
    targets(cases, lines)
    intro = ("One sender on process A; receivers alternate between A and B, so B's receivers get every message "
             "through Redis. Latency is from the sender's write to each receiver's read. Redis hop: the median "
             "over rounds of (B's p50 or p99 − A's). Server CPU: every server process summed, in cores "
             "(/proc/PID/stat), over the sending and draining; deliveries per server CPU-s divides the "
             "deliveries by it (redis-server's CPU is shown apart, not in it).")
    lines += ["### Paced fan-out", "", intro, ""]
    table(cases, "paced", lines)
    lines += ["### Capacity (offered far above one core)", "",
              "The same, offered faster than the servers can deliver: deliveries/s is what they delivered until "
              "the drain time ran out. All servers share one core, so the raw rate cannot double; the per-CPU "
              "figure is the one to compare.", ""]
    table(cases, "flood", lines)
    write(lines, problems, args.out)


if __name__ == "__main__":
    main()
