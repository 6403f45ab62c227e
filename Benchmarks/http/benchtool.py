"""Small measuring helpers for run.sh, which has no good way to do these in bash.

    benchtool.py free-port
        Prints a loopback TCP port that is free right now (the kernel picks it).
    benchtool.py wait-ready --port N --pid P --since-ns T [--timeout S] [--path /]
        Polls until the server answers an HTTP request, then prints the milliseconds elapsed since
        T (a `date +%s%N` taken just before the server was started). Fails early when P exits.
    benchtool.py startup --port N [--runs 5] [--path /] -- COMMAND...
        Starts COMMAND (which must listen on port N) RUNS times, each time measuring from the
        spawn to the first HTTP answer, then stops it; prints the median in milliseconds. The
        clock starts inside this process, so the interpreter's own start-up is not counted.
    benchtool.py rss --pid P [--field VmRSS|VmHWM]
        Prints the field in KiB, summed over P and its child processes (nginx's master and worker).
    benchtool.py same-body --path /page --port N --port M
        Fetches the path from each port and prints whether the bodies are byte-identical (and the
        size, or where they first differ); exits 1 when they differ or a fetch fails.

Only the standard library is used, so any python3 runs it.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_pids(pid):
    """Direct children of pid, found through /proc because procps may be absent."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields after the last ')' are safe.
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            children.append(int(entry))
    return children


def status_kib(pid, field):
    """One `Vm*` field of /proc/PID/status in KiB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def tree_kib(pid, field="VmRSS"):
    """The field summed over pid and its children; None when pid itself is gone."""
    own = status_kib(pid, field)
    if own is None:
        return None
    return own + sum(status_kib(c, field) or 0 for c in child_pids(pid))


def process_alive(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:stat.rfind(b")") + 3] != b"Z"


def answers_http(port, path, timeout=1.0):
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(request)
            head = s.recv(64)
    except OSError:
        return False
    return head.startswith(b"HTTP/1.") and head[9:10] in (b"2", b"3")


def wait_ready(port, pid, since_ns, timeout, path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers_http(port, path):
            return (time.time_ns() - since_ns) / 1e6
        if pid and not process_alive(pid):
            raise SystemExit(f"server process {pid} exited before answering on port {port}")
        time.sleep(0.002)
    raise SystemExit(f"no HTTP answer on port {port} within {timeout:g} s")


def startup(port, runs, path, command, timeout=30.0):
    """Median milliseconds from spawning `command` to its first HTTP answer on `port`."""
    samples = []
    for _ in range(runs):
        started = time.monotonic_ns()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while not answers_http(port, path):
                if process.poll() is not None:
                    raise SystemExit(f"{command[0]} exited before answering on port {port}")
                if time.monotonic() > deadline:
                    raise SystemExit(f"no HTTP answer on port {port} within {timeout:g} s")
                time.sleep(0.0005)
            samples.append((time.monotonic_ns() - started) / 1e6)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    return statistics.median(samples)


def fetch_body(port, path, timeout=30.0):
    import urllib.request
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
        return response.read()


def same_body(path, ports):
    """A one-line verdict on whether every port serves the same bytes at path, and whether so."""
    bodies = [fetch_body(port, path) for port in ports]
    first = bodies[0]
    for other in bodies[1:]:
        if other != first:
            at = next((i for i, (a, b) in enumerate(zip(first, other)) if a != b), min(len(first), len(other)))
            return f"differ: {len(first):,} vs {len(other):,} bytes, first difference at byte {at:,}", False
    return f"identical, {len(first):,} bytes", True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("free-port")
    ready = sub.add_parser("wait-ready")
    ready.add_argument("--port", type=int, required=True)
    ready.add_argument("--pid", type=int, default=0)
    ready.add_argument("--since-ns", type=int, required=True)
    ready.add_argument("--timeout", type=float, default=30.0)
    ready.add_argument("--path", default="/")
    start = sub.add_parser("startup")
    start.add_argument("--port", type=int, required=True)
    start.add_argument("--runs", type=int, default=5)
    start.add_argument("--path", default="/")
    start.add_argument("server_command", nargs=argparse.REMAINDER)
    rss = sub.add_parser("rss")
    rss.add_argument("--pid", type=int, required=True)
    rss.add_argument("--field", default="VmRSS", choices=["VmRSS", "VmHWM"])
    same = sub.add_parser("same-body")
    same.add_argument("--path", required=True)
    same.add_argument("--port", type=int, action="append", required=True)
    args = parser.parse_args(argv)

    if args.command == "free-port":
        print(free_port())
    elif args.command == "wait-ready":
        print(f"{wait_ready(args.port, args.pid, args.since_ns, args.timeout, args.path):.1f}")
    elif args.command == "startup":
        command = args.server_command[1:] if args.server_command[:1] == ["--"] else args.server_command
        if not command:
            parser.error("startup needs a command after --")
        print(f"{startup(args.port, args.runs, args.path, command):.1f}")
    elif args.command == "rss":
        kib = tree_kib(args.pid, args.field)
        if kib is None:
            raise SystemExit(f"process {args.pid} is gone")
        print(kib)
    elif args.command == "same-body":
        try:
            verdict, same = same_body(args.path, args.port)
        except OSError as error:
            verdict, same = f"could not fetch: {error}", False
        print(verdict)
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
