"""Fixtures for the deployment suite: a real nginx (Debian's nginx-light, started by the test on
a free port with its own prefix folder and configuration in a temporary folder, never as a
system service) in front of CLITestApp with ProxyFix, of its Flask twin with Werkzeug's
ProxyFix, and of ChatDemo (WebSocket upgrade).

The nginx locations follow docs/deployment.md: /swift/ → CLITestApp, /flask/ → the Flask
twin, /chat/ → ChatDemo, each mounted under its prefix (nginx strips it; X-Forwarded-Prefix
tells the app).
"""
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.serving import make_server

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.environ.get("FLASKISH_REPO_ROOT") or os.path.dirname(os.path.dirname(HERE))
STARTUP_TIMEOUT = 60  # generous: the machine is small and shared
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

sys.path.insert(0, os.path.join(REPO_ROOT, "Tests", "cli"))

PROXY_HEADERS = """
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_set_header X-Forwarded-Port $server_port;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
"""

CONFIG = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 128; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        location /swift/ {{
            proxy_pass http://127.0.0.1:{swift}/;
            proxy_set_header X-Forwarded-Prefix /swift;{headers}
        }}
        location /flask/ {{
            proxy_pass http://127.0.0.1:{flask}/;
            proxy_set_header X-Forwarded-Prefix /flask;{headers}
        }}
        location /chat/ {{
            proxy_pass http://127.0.0.1:{chat}/;
            proxy_read_timeout 3600s;
            proxy_set_header X-Forwarded-Prefix /chat;{headers}
        }}
    }}
}}
"""


def binary(name):
    folder = os.environ.get("FLASKISH_BIN_PATH") or os.path.join(REPO_ROOT, ".build", "debug")
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        pytest.fail(f"{path} is missing: run `swift build` first (scripts/test does)")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_listener(port, process, timeout=STARTUP_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def start_binary(name, *arguments, env=None):
    environment = dict(os.environ)
    environment.update(env or {})
    process = subprocess.Popen([binary(name), *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True, env=environment)
    found = []
    ready = threading.Event()

    def read():
        for line in process.stderr:
            match = re.search(r"Running on http://\S+:(\d+)", line)
            if match and not found:
                found.append(int(match.group(1)))
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(STARTUP_TIMEOUT):
        process.kill()
        pytest.fail(f"{name} did not start")
    return process, found[0]


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def swift_app():
    process, port = start_binary("CLITestApp", "run", "--port", "0", env={"CLITESTAPP_PROXY_FIX": "1,1,1,1,1"})
    yield port
    stop(process)


@pytest.fixture(scope="session")
def chat_app():
    process, port = start_binary("ChatDemo", "--port", "0")
    yield port
    stop(process)


@pytest.fixture(scope="session")
def flask_app():
    from routes_app import app

    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1, x_prefix=1)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.port
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def nginx(tmp_path_factory, swift_app, flask_app, chat_app):
    if not os.path.exists(NGINX):
        pytest.fail("nginx is not installed (Tests/deployment/apt-packages.txt names nginx-light)")
    tmp = tmp_path_factory.mktemp("nginx")
    for attempt in range(3):  # the free port can be taken between the probe and nginx's bind
        port = free_port()
        (tmp / "nginx.conf").write_text(CONFIG.format(tmp=tmp, port=port, swift=swift_app, flask=flask_app,
                                                      chat=chat_app, headers=PROXY_HEADERS))
        process = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        if wait_for_listener(port, process):
            yield port
            stop(process)
            return
        stop(process)
    pytest.fail("nginx did not start: " + (tmp / "error.log").read_text())
