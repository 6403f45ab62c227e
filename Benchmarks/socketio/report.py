"""Turns SocketIOLoad's JSON lines (one per run, tagged with the server) into the Markdown
report of Benchmarks/socketio/run.sh: fan-out, capacity and idle tables, and the ratios of
Flaskish to the best Flask-SocketIO mode."""

from report_common import arguments, header, milliseconds, number, percent, read_facts, read_rows, write

NAMES = {
    "flaskish": "Flaskish",
    "threading": "Flask-SocketIO (threading)",
    "gevent": "Flask-SocketIO (gevent)",
    "eventlet": "Flask-SocketIO (eventlet)",
}
ORDER = ["flaskish", "threading", "gevent", "eventlet"]
PYTHON = ["threading", "gevent", "eventlet"]


def mebibytes(kib):
    return "n/a" if kib is None else f"{kib / 1024:,.1f} MiB"


def ratio(ours, theirs, invert=False):
    if ours is None or theirs is None or ours == 0 or theirs == 0:
        return "n/a"
    value = theirs / ours if invert else ours / theirs
    return f"{value:,.2f}×"


def flagged(row, text):
    """Marks figures the generator itself limited."""
    return f"{text} ⚠" if row.get("generator_saturated") else text


def fanout_section(rows, label_prefix, title, intro, lines):
    groups = sorted({r["label"] for r in rows if r["label"].startswith(label_prefix)},
                    key=lambda l: int(l.split("-")[1]))
    if not groups:
        return
    lines += [f"### {title}", "", intro, ""]
    lines += ["| Receivers | Server | Messages × rate | Deliveries/s | Offered/s | p50 | p99 | max "
              "| Undelivered | Out of order | Server CPU | Generator CPU |",
              "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ratios = []
    for label in groups:
        by_server = {r["server"]: r for r in rows if r["label"] == label}
        for server in ORDER:
            r = by_server.get(server)
            if r is None:
                continue
            lines.append("| {} | {} | {} × {}/s | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                number(r["connected"]), NAMES[server], number(r["messages"]), number(r["rate"]),
                flagged(r, number(r["deliveries_per_second"])), number(r["offered_deliveries_per_second"]),
                milliseconds(r["latency_p50_ms"]), milliseconds(r["latency_p99_ms"]), milliseconds(r["latency_max_ms"]),
                f"{number(r['lost'])} ({100 * (r['loss_fraction'] or 0):.1f}%)", number(r["out_of_order"]),
                percent(r.get("server_cpu")), percent(r.get("generator_cpu"))))
        python = [by_server[s] for s in PYTHON if s in by_server and by_server[s]["deliveries_per_second"]]
        best = max(python, key=lambda r: r["deliveries_per_second"], default=None)
        ours = by_server.get("flaskish")
        ratios.append((label.split("-")[1], ours, best))
    lines += ["", "| Receivers | Best Flask-SocketIO mode | Deliveries/s: Flaskish / best | p99: best / Flaskish |",
              "| ---: | --- | ---: | ---: |"]
    for receivers, ours, best in ratios:
        lines.append("| {} | {} | {} | {} |".format(
            receivers, NAMES[best["server"]] if best else "n/a",
            ratio(ours and ours["deliveries_per_second"], best and best["deliveries_per_second"]) if ours else "Flaskish not measured",
            ratio(ours and ours["latency_p99_ms"], best and best["latency_p99_ms"], invert=True) if ours else "Flaskish not measured"))
    lines.append("")


def idle_section(rows, lines):
    idle = [r for r in rows if r["scenario"] == "idle"]
    if not idle:
        return
    lines += ["### Idle clients", "",
              "Clients connect (64 handshakes at a time) and stay idle, answering every ping, for the heartbeats "
              "given below; the counts grow in turn on one server process. RSS is the server's `VmRSS` at the end "
              "of each hold; per client is (RSS − RSS before the first client) / clients alive.", "",
              "| Clients | Server | Connected | Connect time (added clients) | Dropped | Missed a ping | Server RSS | Per client | Server CPU |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    counts = sorted({r["clients"] for r in idle})
    for count in counts:
        for server in ORDER:
            for r in idle:
                if r["server"] == server and r["clients"] == count:
                    per_client = r.get("server_kib_per_client")
                    lines.append("| {} | {} | {} | {} s | {} | {} | {} | {} | {} |".format(
                        number(count), NAMES[server], number(r["connected"]), number(r["connect_seconds"], 1),
                        number(r["dropped"]), number(r["clients_missing_pings"]),
                        flagged(r, mebibytes(r.get("server_rss_kib"))),
                        "n/a" if per_client is None else f"{per_client:,.1f} KiB", percent(r.get("server_cpu"))))
    lines += ["", "| Clients | Lightest Flask-SocketIO mode | RSS: Flaskish / lightest |", "| ---: | --- | ---: |"]
    for count in counts:
        by_server = {r["server"]: r for r in idle if r["clients"] == count}
        python = [by_server[s] for s in PYTHON if s in by_server and by_server[s].get("server_rss_kib")
                  and by_server[s]["alive_at_end"] == count]
        best = min(python, key=lambda r: r["server_rss_kib"], default=None)
        ours = by_server.get("flaskish")
        lines.append("| {} | {} | {} |".format(
            number(count), NAMES[best["server"]] if best else "none held them all",
            ratio(ours["server_rss_kib"], best and best["server_rss_kib"]) if ours else "Flaskish not measured"))
    lines.append("")


def main():
    args = arguments(__doc__.splitlines()[0])
    rows = read_rows(args.results)
    meta, problems = read_facts(args.facts)
    lines = header("Socket.IO fan-out", meta)
    lines.append("")
    if any(r.get("generator_saturated") for r in rows):
        lines += ["**⚠ The generator was saturated (above 90% of its core) in the runs marked ⚠: those figures "
                  "measure SocketIOLoad, not the server.**", ""]
    fanout_section(rows, "fanout-", "Fan-out at a fixed rate",
                   "One sender emits `message` events at a fixed rate; the server broadcasts each to every client "
                   "(`send(msg, broadcast=True)`). Latency is from the sender's write to each receiver's read. "
                   "Undelivered: deliveries still missing when the generator stopped waiting (drain time after the "
                   "last send). Out of order: deliveries that arrived after a later sequence number had.", lines)
    fanout_section(rows, "flood-", "Fan-out capacity (offered far above one core)",
                   "The same, offered faster than any server here can deliver: deliveries/s is what the server "
                   "delivered until the drain time ran out; latency is mostly queueing.", lines)
    idle_section(rows, lines)
    write(lines, problems, args.out)


if __name__ == "__main__":
    main()
