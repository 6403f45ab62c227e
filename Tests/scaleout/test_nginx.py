"""The sticky-session set-up of docs/scaling.md, for real: nginx with ip_hash in front of two
Flaskish processes of one Redis cluster, with long-polling and WebSocket clients."""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

from conftest import FLASKISH, TIMEOUT, free_port

NGINX_CONF = """
daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;

    upstream socketio_nodes {{
        ip_hash;
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
    }}

    server {{
        listen 127.0.0.1:{port};
        location /socket.io {{
            proxy_pass http://socketio_nodes;
            proxy_http_version 1.1;
            proxy_buffering off;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "Upgrade";
            proxy_set_header Host $host;
            proxy_read_timeout 3600;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, port_a, port_b):
        self.prefix = tempfile.mkdtemp(prefix="flaskish-nginx-")
        self.backends = (port_a, port_b)
        self.process = None
        self.port = None

    def start(self):
        executable = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(executable):
            raise RuntimeError("nginx is not installed (see Tests/scaleout/apt-packages.txt)")
        for _ in range(5):
            port = free_port()
            config = os.path.join(self.prefix, "nginx.conf")
            with open(config, "w") as handle:
                handle.write(NGINX_CONF.format(prefix=self.prefix, port=port, port_a=self.backends[0],
                                               port_b=self.backends[1]))
            process = subprocess.Popen([executable, "-p", self.prefix, "-c", config], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + TIMEOUT
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    self.process, self.port = process, port
                    return self
                except OSError:
                    time.sleep(0.05)
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)  # most likely the port was taken meanwhile: another one
        raise RuntimeError("nginx did not start: " + self.errors())

    def errors(self):
        try:
            with open(os.path.join(self.prefix, "error.log")) as handle:
                return handle.read()[-2000:]
        except OSError:
            return ""

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.prefix, ignore_errors=True)


@pytest.fixture
def balanced(cluster):
    a, b = cluster.start(FLASKISH, "A"), cluster.start(FLASKISH, "B")
    nginx = Nginx(a.port, b.port).start()
    yield cluster, nginx, {"A": a, "B": b}
    nginx.stop()


@pytest.mark.parametrize("transports", [("polling",), ("websocket",), ("polling", "websocket")],
                         ids=["polling", "websocket", "polling-then-upgrade"])
def test_clients_behind_nginx_ip_hash_are_one_cluster(balanced, transports):
    cluster, nginx, members = balanced
    proxied = cluster.client(nginx, transports=transports)
    # Every request of a polling session must reach the process that holds it: ip_hash pins
    # the client, so the session works for many round trips.
    landed_on = proxied.whoami()["server"]
    for index in range(20):
        assert proxied.whoami()["server"] == landed_on, "request %d went to another process" % index
    # A client of the other process, reached through Redis, in both directions.
    other = cluster.client(members["B" if landed_on == "A" else "A"])
    assert proxied.ask("broadcast", "from behind nginx") == "sent"
    assert [m["message"] for m in other.wait_for("broadcast_message")] == ["from behind nginx"]
    assert other.ask("to_sid", proxied.whoami()["sid"], "back through Redis and nginx") == "sent"
    assert [m["message"] for m in proxied.wait_for("direct_message")] == ["back through Redis and nginx"]
