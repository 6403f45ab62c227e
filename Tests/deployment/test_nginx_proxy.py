"""Flaskish behind a real nginx, with ProxyFix: the app sees the client's address, scheme, host
and mount prefix exactly as Flask with Werkzeug's ProxyFix sees them behind the same nginx; and
Socket.IO's WebSocket transport passes through with the upgrade headers of docs/deployment.md.
"""
import requests
import socketio


def whoami(nginx_port, prefix, headers=None):
    response = requests.get(f"http://127.0.0.1:{nginx_port}/{prefix}/whoami", headers=headers or {}, timeout=30)
    assert response.status_code == 200
    return response.json()


def test_the_app_sees_the_client_request_through_nginx(nginx):
    seen = whoami(nginx, "swift")
    assert seen == {
        "remote_addr": "127.0.0.1",
        "scheme": "http",
        "host": f"127.0.0.1:{nginx}",
        "url": f"http://127.0.0.1:{nginx}/swift/whoami",
        "script_root": "/swift",
        "external": f"http://127.0.0.1:{nginx}/swift/whoami",
        "user_url": "/swift/user/7",
    }


def test_flaskish_and_flask_agree_behind_the_same_nginx(nginx):
    swift = whoami(nginx, "swift", {"X-Forwarded-For": "203.0.113.50"})
    flask = whoami(nginx, "flask", {"X-Forwarded-For": "203.0.113.50"})
    assert {key: value.replace("/flask", "/swift") for key, value in flask.items()} == swift


def test_a_client_cannot_spoof_its_address_past_one_trusted_hop(nginx):
    # nginx appends the address it saw; with one trusted hop that is the one used.
    assert whoami(nginx, "swift", {"X-Forwarded-For": "203.0.113.50"})["remote_addr"] == "127.0.0.1"


def test_a_direct_request_without_a_proxy_is_unchanged(swift_app):
    seen = requests.get(f"http://127.0.0.1:{swift_app}/whoami", timeout=30).json()
    assert seen["url"] == f"http://127.0.0.1:{swift_app}/whoami"
    assert seen["script_root"] == ""


def test_redirects_keep_the_prefix(nginx):
    for prefix in ["swift", "flask"]:
        response = requests.get(f"http://127.0.0.1:{nginx}/{prefix}/dir", allow_redirects=False, timeout=30)
        assert response.status_code == 308
        assert response.headers["Location"] == f"http://127.0.0.1:{nginx}/{prefix}/dir/"
    assert requests.get(f"http://127.0.0.1:{nginx}/swift/dir", timeout=30).text == "dir"


def test_socketio_websocket_through_nginx(nginx):
    client = socketio.Client(reconnection=False)
    try:
        client.connect(f"http://127.0.0.1:{nginx}", socketio_path="chat/socket.io", transports=["websocket"],
                       wait_timeout=30)
        assert client.transport() == "websocket"
        reply = client.call("join", "ana", timeout=30)
        assert reply["ok"] is True and reply["nick"] == "ana"
    finally:
        client.disconnect()
