"""Holds N idle keep-alive connections open to a server and reports what they cost it in memory.

Each connection sends one HTTP/1.1 request, reads the whole response, then stays open doing
nothing, which is what a crowd of browsers between clicks looks like to a server. The server's
resident memory (VmRSS, summed over its processes) is read before and while they are held.
Prints one JSON object. The caller must have raised `ulimit -n` above N (run.sh does).
"""

import argparse
import json
import resource
import select
import socket
import sys
import time

from benchtool import tree_kib


def read_response(sock):
    """Reads one response with a Content-Length body; returns the status code, or raises."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed before the response head")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed inside the response body")
        body += chunk
    return status


def count_still_open(sockets):
    """How many peers have not closed: an idle open socket is not readable (poll, not select,
    because descriptors go far past select's 1024)."""
    poller = select.poll()
    by_fd = {}
    for s in sockets:
        poller.register(s, select.POLLIN | select.POLLHUP | select.POLLERR)
        by_fd[s.fileno()] = s
    closed = 0
    for fd, _ in poller.poll(0):
        try:
            if by_fd[fd].recv(1, socket.MSG_PEEK) == b"":
                closed += 1
        except OSError:
            closed += 1
    return len(sockets) - closed


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def hold(port, pid, count, path, batch, settle):
    limit = raise_fd_limit(count + 64)
    result = {"requested": count, "opened": 0, "answered": 0, "still_open": 0, "fd_limit": limit}
    time.sleep(settle)
    result["rss_before_kib"] = tree_kib(pid)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    sockets = []
    errors = []
    started = time.monotonic()
    try:
        while len(sockets) < count and not errors:
            fresh = []
            for _ in range(min(batch, count - len(sockets))):
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=10)
                    s.sendall(request)
                except OSError as error:
                    errors.append(f"connect #{len(sockets) + len(fresh) + 1}: {error}")
                    break
                fresh.append(s)
            sockets.extend(fresh)
            for s in fresh:
                try:
                    if 200 <= read_response(s) < 300:
                        result["answered"] += 1
                except (OSError, ValueError, IndexError) as error:
                    errors.append(f"response #{result['answered'] + 1}: {error}")
                    break
        result["opened"] = len(sockets)
        result["open_seconds"] = round(time.monotonic() - started, 2)
        time.sleep(settle)
        result["still_open"] = count_still_open(sockets)
        result["rss_with_kib"] = tree_kib(pid)
    finally:
        for s in sockets:
            s.close()
    if errors:
        result["first_error"] = errors[0]
    before, held = result["rss_before_kib"], result.get("rss_with_kib")
    if before is not None and held is not None and result["still_open"]:
        result["kib_per_connection"] = round((held - before) / result["still_open"], 2)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True, help="the server process, for its RSS")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--path", default="/")
    parser.add_argument("--batch", type=int, default=100, help="connections opened before reading their answers")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds to wait before each RSS reading")
    args = parser.parse_args(argv)
    print(json.dumps(hold(args.port, args.pid, args.count, args.path, args.batch, args.settle)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
