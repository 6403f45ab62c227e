"""Measures the development reloader: the time from saving a file to the server answering
with the change, for a template (copied into the running app, no rebuild) and for Swift code
(rebuild + restart), and checks that a failed build leaves the old server answering.

    python3 Benchmarks/reload/measure_reload.py [--runs N] [--binary .build/debug/ChatDemo]

It edits Sources/ChatDemo/templates/index.html and Sources/ChatDemo/main.swift in place and
restores them (also on Ctrl-C), so run it in a clean worktree with nothing else editing them.
The machine's load average is printed with the results: on a busy machine the build dominates.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATE = os.path.join(ROOT, "Sources/ChatDemo/templates/index.html")
MAIN = os.path.join(ROOT, "Sources/ChatDemo/main.swift")
ANCHOR = "socketio.run(app)"


def fetch(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return None, ""


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def save(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/ChatDemo"))
    options = parser.parse_args()

    template_text = open(TEMPLATE).read()
    main_text = open(MAIN).read()
    assert ANCHOR in main_text
    log = []
    server = subprocess.Popen([options.binary, "--reload", "--port", "0"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    port_found = threading.Event()
    port = []

    def read_log():
        for line in server.stderr:
            log.append(line)
            match = re.search(r"restarts keep port (\d+)", line)
            if match:
                port.append(int(match.group(1)))
                port_found.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        assert port_found.wait(60), "no reloader banner"
        port = port[0]
        assert wait_for(lambda: fetch(port, "/")[0] == 200, 60), "the app never answered"
        print(f"load average before: {os.getloadavg()}")

        template_times = []
        for run in range(options.runs):
            marker = f"<!-- reload probe {time.time()} -->"
            started = time.monotonic()
            save(TEMPLATE, template_text + marker + "\n")
            assert wait_for(lambda: marker in fetch(port, "/")[1], 30), "template change never showed"
            template_times.append(time.monotonic() - started)
            save(TEMPLATE, template_text)
            assert wait_for(lambda: marker not in fetch(port, "/")[1], 30)

        # While code changes restart the server, a prober records the longest stretch in which
        # connections failed: the gap between the old child's exit and the new one's bind.
        outage = {"longest": 0.0, "since": None, "stop": False}

        def probe():
            while not outage["stop"]:
                ok = fetch(port, "/__reload_probe")[0] is not None
                now = time.monotonic()
                if ok and outage["since"] is not None:
                    outage["longest"] = max(outage["longest"], now - outage["since"])
                    outage["since"] = None
                elif not ok and outage["since"] is None:
                    outage["since"] = now
                time.sleep(0.005)

        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        code_times = []
        for run in range(options.runs):
            token = f"probe-{time.time()}"
            route = f'app.route("/__reload_probe") {{ _ in "{token}" }}\n'
            started = time.monotonic()
            save(MAIN, main_text.replace(ANCHOR, route + ANCHOR))
            assert wait_for(lambda: fetch(port, "/__reload_probe")[1] == token, 300), "code change never showed"
            code_times.append(time.monotonic() - started)
        save(MAIN, main_text)
        assert wait_for(lambda: fetch(port, "/__reload_probe")[0] == 404, 300)
        outage["stop"] = True
        prober.join()

        # A broken build: the compiler's errors are printed, the old server keeps answering.
        before = len(log)
        save(MAIN, main_text.replace(ANCHOR, "let broken: Int = \"not a number\"\n" + ANCHOR))
        assert wait_for(lambda: any("the build failed" in line for line in log[before:]), 300), "no build failure reported"
        compiler_errors = [line for line in log[before:] if "error:" in line]
        still_serving = fetch(port, "/")[0] == 200
        save(MAIN, main_text)
        assert wait_for(lambda: any("restarted in" in line for line in log[before:]), 300)

        print(f"load average after: {os.getloadavg()}")
        print("template change -> new page (s):", ", ".join(f"{t:.2f}" for t in template_times))
        print("Swift change -> new server answering (s):", ", ".join(f"{t:.2f}" for t in code_times))
        print(f"longest time refusing connections during {options.runs + 1} restarts: {outage['longest'] * 1000:.0f} ms")
        print(f"failed build: {len(compiler_errors)} compiler error line(s) shown, old server answering: {still_serving}")
    finally:
        save(TEMPLATE, template_text)
        save(MAIN, main_text)
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
