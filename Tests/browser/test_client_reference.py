"""Our browser client (Sources/FlaskishSocketIO/Client/socket.io.js) against a real Socket.IO server.

Every behaviour runs under three transport set-ups: websocket first (the default,
with long-polling as fallback), long-polling only, and long-polling upgraded to
websocket. The server is the python-socketio reference unless SOCKETIO_TEST_SERVER
names another (see conftest.py).
"""

import json

import pytest

CONFIGS = {
    "websocket-first": {},
    "polling-only": {"transports": ["polling"]},
    "polling-upgrade": {"transports": ["polling", "websocket"]},
}
# The transport each set-up should end up on once connected.
FINAL_TRANSPORT = {"websocket-first": "websocket", "polling-only": "polling", "polling-upgrade": "websocket"}

# Defines openSocket(name, url, opts) in the page: a socket whose life events land in
# window.results["<name>:<event>"], and which the fixtures disconnect afterwards.
HELPERS = """
window.__base = JSON.parse(arguments[0]);
window.__sockets = {};
window.bytes = function (buffer) {
  return buffer instanceof ArrayBuffer ? Array.from(new Uint8Array(buffer)) : 'not an ArrayBuffer: ' + String(buffer);
};
window.openSocket = function (name, url, opts) {
  var merged = Object.assign({}, window.__base, opts || {});
  var socket = url === null ? io(merged) : io(url, merged);
  window.__sockets[name] = socket;
  socket.on('connect', function () { log(name + ':connect', socket.id); });
  socket.on('disconnect', function (reason) { log(name + ':disconnect', reason); });
  socket.on('connect_error', function (err) {
    log(name + ':connect_error', { message: err.message, data: err.data === undefined ? null : err.data });
  });
  return socket;
};
"""


@pytest.fixture(params=list(CONFIGS))
def config(request):
    return request.param


@pytest.fixture
def client(page, config):
    page.run(HELPERS, json.dumps(dict(CONFIGS[config], reconnectionDelay=100, reconnectionDelayMax=500)))
    return page


def connect(page, name="s", url=None, opts=None):
    page.run("openSocket(arguments[0], arguments[1], arguments[2]);", name, url, opts or {})
    page.wait_for("window.results[%s]" % json.dumps(name + ":connect"), message=name + " connects")


def test_connects_and_gets_an_id(client, config):
    connect(client)
    state = client.run("""var s = __sockets.s;
        return { id: s.id, connected: s.connected, disconnected: s.disconnected, active: s.active,
                 managerIsIo: s.io instanceof io.Manager };""")
    assert isinstance(state["id"], str) and state["id"]
    assert state == dict(state, connected=True, disconnected=False, active=True, managerIsIo=True)
    client.wait_for("__sockets.s.io.engine.transport.name === %s" % json.dumps(FINAL_TRANSPORT[config]))


def test_emit_with_ack_gets_the_servers_answer(client):
    connect(client)
    client.run("__sockets.s.emit('echo', 'hi', 1, {a: [1, 2], b: null}, function () { log('ack', Array.from(arguments)); });")
    assert client.wait_for("window.results.ack") == [["hi", 1, {"a": [1, 2], "b": None}]]


def test_send_is_emit_of_message_and_emit_with_ack_promises(client):
    connect(client)
    client.run("__sockets.s.emitWithAck('echo', 'promised').then(function (v) { log('promise', v); });")
    assert client.wait_for("window.results.promise") == ["promised"]
    client.run("__sockets.s.send('no handler, no harm'); log('sent', true);")
    assert client.results("sent") == [True]


def test_query_option_reaches_the_server(client):
    connect(client, opts={"query": {"token": "abc", "n": 1}})
    client.run("__sockets.s.emit('get_query', function (q) { log('query', q); });")
    query = client.wait_for("window.results.query && window.results.query[0]")
    assert "token=abc" in query and "n=1" in query and "EIO=4" in query


def test_server_emit_with_client_ack(client):
    connect(client)
    client.run("""__sockets.s.on('question', function (q, ack) { log('question', q); ack(q + '!', 42); });
        __sockets.s.emit('ask_client', 'why');
        __sockets.s.on('client_acked', function (answer) { log('acked', answer); });""")
    assert client.wait_for("window.results.acked") == [["why!", 42]]
    assert client.results("question") == ["why"]


def test_rooms_and_broadcast(client):
    for name in ("a", "b", "c"):
        connect(client, name, opts={"forceNew": True})
        client.run("var n = arguments[0]; __sockets[n].on('room_message', function (m) { log(n + ':room', m); });", name)
    client.run("""__sockets.a.emit('join', 'r', function (r) { log('joined', r); });
                  __sockets.b.emit('join', 'r', function (r) { log('joined', r); });""")
    client.wait_for("window.results.joined && window.results.joined.length === 2")
    client.run("__sockets.c.emit('to_room', 'r', 'hello room', function (r) { log('sent', r); });")
    client.wait_for("window.results['a:room'] && window.results['b:room']")
    assert client.results("a:room") == [{"room": "r", "message": "hello room"}]
    assert client.results("b:room") == [{"room": "r", "message": "hello room"}]
    # c is not in the room: after its own round trip it still got nothing.
    client.run("__sockets.c.emit('echo', 'later', function () { log('c:later', true); });")
    client.wait_for("window.results['c:later']")
    assert client.results("c:room") is None
    ids = client.run("return [__sockets.a.io === __sockets.b.io, __sockets.a.id === __sockets.b.id];")
    assert ids == [False, False]


def test_namespace_with_good_auth(client):
    connect(client, "chat", "/chat", {"auth": {"token": "secret"}})
    client.run("__sockets.chat.emit('echo', 'x', function () { log('ack', Array.from(arguments)); });")
    assert client.wait_for("window.results.ack") == [["chat", "x"]]


def test_namespace_auth_as_a_function(client):
    client.run("""openSocket('chat', '/chat', { auth: function (cb) { setTimeout(function () { cb({ token: 'secret' }); }, 10); } });""")
    client.wait_for("window.results['chat:connect']")


def test_namespace_refuses_bad_auth_with_message_and_data(client):
    client.run("openSocket('chat', '/chat', { auth: { token: 'wrong' } });")
    errors = client.wait_for("window.results['chat:connect_error']")
    assert errors == [{"message": "unauthorized", "data": {"code": 401}}]
    assert client.run("return [__sockets.chat.connected, __sockets.chat.active];") == [False, False]
    assert client.results("chat:connect") is None


def test_namespaces_share_one_connection(client):
    connect(client, "main", None)
    connect(client, "chat", "/chat", {"auth": {"token": "secret"}})
    assert client.run("return __sockets.main.io === __sockets.chat.io;") is True
    client.run("""__sockets.main.emit('echo', 'm', function (v) { log('main', v); });
                  __sockets.chat.emit('echo', 'c', function (a, b) { log('chat', [a, b]); });""")
    assert client.wait_for("window.results.main") == ["m"]
    assert client.wait_for("window.results.chat") == [["chat", "c"]]
    # Leaving one namespace keeps the other working over the same connection.
    client.run("__sockets.chat.disconnect(); __sockets.main.emit('echo', 'still', function (v) { log('main', v); });")
    assert client.wait_for("window.results.main.length === 2 && window.results.main")[1] == "still"


@pytest.mark.parametrize("kind", ["Uint8Array", "ArrayBuffer", "subarray", "Blob", "large"])
def test_binary_round_trip(client, kind):
    connect(client)
    make = {
        "Uint8Array": "new Uint8Array([0, 1, 2, 254, 255])",
        "ArrayBuffer": "new Uint8Array([0, 1, 2, 254, 255]).buffer",
        "subarray": "new Uint8Array([9, 0, 1, 2, 254, 255, 9]).subarray(1, 6)",
        "Blob": "new Blob([new Uint8Array([0, 1, 2, 254, 255])])",
        "large": "(function () { var b = new Uint8Array(300000); for (var i = 0; i < b.length; i++) b[i] = i % 251; return b; })()",
    }[kind]
    client.run("""var s = __sockets.s;
        s.on('bin', function (m) { log('event', { payload: bytes(m.payload), size: m.size }); });
        s.emit('bin_echo', %s, function (data, size) { log('ack', { data: bytes(data), size: size }); });""" % make)
    expected = [i % 251 for i in range(300000)] if kind == "large" else [0, 1, 2, 254, 255]
    ack = client.wait_for("window.results.ack")[0]
    assert ack == {"data": expected, "size": len(expected)}
    event = client.wait_for("window.results.event")[0]
    assert event == {"payload": expected, "size": len(expected)}


def test_emits_before_connect_are_buffered_and_sent_in_order(client):
    client.run("""var s = openSocket('s', null, { autoConnect: false });
        for (var i = 1; i <= 5; i++) s.emit('echo', i, function (v) { log('order', v); });
        log('connectedBefore', s.connected);
        s.connect();
        // And emits right after connect(), before the handshake completes.
        s.emit('echo', 6, function (v) { log('order', v); });""")
    assert client.results("connectedBefore") == [False]
    assert client.wait_for("window.results.order && window.results.order.length === 6 && window.results.order") == [1, 2, 3, 4, 5, 6]


def test_server_disconnect_gives_io_server_disconnect(client):
    connect(client)
    client.run("__sockets.s.emit('please_disconnect');")
    assert client.wait_for("window.results['s:disconnect']") == ["io server disconnect"]
    assert client.run("return [__sockets.s.connected, __sockets.s.active, __sockets.s.id];") == [False, False, None]


def test_client_disconnect_and_connect_again(client):
    connect(client)
    client.run("__sockets.s.disconnect();")
    assert client.wait_for("window.results['s:disconnect']") == ["io client disconnect"]
    client.run("__sockets.s.connect();")
    client.wait_for("window.results['s:connect'].length === 2")
    client.run("__sockets.s.emit('echo', 'back', function (v) { log('ack', v); });")
    assert client.wait_for("window.results.ack") == ["back"]


def test_timeout_emit_reports_an_error_when_never_acked(client):
    connect(client)
    client.run("""var s = __sockets.s;
        s.timeout(300).emit('never_acked', 1, function (err) { log('timed', err ? err.message : 'no error'); });
        s.timeout(5000).emit('echo', 'quick', function (err, v) { log('quick', [err, v]); });""")
    assert client.wait_for("window.results.timed") == ["operation has timed out"]
    assert client.wait_for("window.results.quick") == [[None, "quick"]]


def test_ack_timeout_option(client):
    connect(client, opts={"ackTimeout": 300})
    client.run("__sockets.s.emit('never_acked', function (err) { log('timed', err && err.message); });")
    assert client.wait_for("window.results.timed") == ["operation has timed out"]


def test_reserved_event_names_throw(client):
    connect(client)
    message = client.run("try { __sockets.s.emit('connect'); return 'no throw'; } catch (e) { return e.message; }")
    assert "reserved" in message


@pytest.mark.allow_console_errors
def test_reconnects_after_the_server_restarts(make_page, own_server, config):
    own_server.start()
    page = make_page(own_server)
    page.run(HELPERS, json.dumps(dict(CONFIGS[config], reconnectionDelay=200, reconnectionDelayMax=1000)))
    page.run("""var s = openSocket('s', null, {});
        s.io.on('reconnect_attempt', function (n) { log('attempt', n); });
        s.io.on('reconnect_error', function () { log('reconnect_error', true); });
        s.io.on('reconnect', function (n) { log('reconnect', n); });""")
    page.wait_for("window.results['s:connect']")
    page.wait_for("__sockets.s.io.engine.transport.name === %s" % json.dumps(FINAL_TRANSPORT[config]))
    port = own_server.port
    own_server.stop()
    reasons = page.wait_for("window.results['s:disconnect']")
    assert reasons[0] in ("transport close", "transport error")
    # Emits while the server is down wait for the next connection.
    page.run("__sockets.s.emit('echo', 'buffered', function (v) { log('ack', v); });")
    page.wait_for("window.results.reconnect_error")
    own_server.start(port)
    ids = page.wait_for("window.results['s:connect'].length === 2 && window.results['s:connect']", timeout=30)
    assert ids[0] != ids[1]
    assert page.wait_for("window.results.reconnect")[0] >= 1
    assert page.results("attempt")[0] == 1
    assert page.wait_for("window.results.ack") == ["buffered"]


@pytest.mark.allow_console_errors
def test_missing_heartbeats_give_ping_timeout(make_page, own_server, config):
    own_server.start()
    page = make_page(own_server)
    page.run(HELPERS, json.dumps(dict(CONFIGS[config], reconnectionDelay=200, reconnectionDelayMax=1000)))
    page.run("openSocket('s', null, {});")
    page.wait_for("window.results['s:connect']")
    page.wait_for("__sockets.s.io.engine.transport.name === %s" % json.dumps(FINAL_TRANSPORT[config]))
    heartbeat_ms = page.run("return __sockets.s.io.engine.pingInterval + __sockets.s.io.engine.pingTimeout;")
    own_server.pause()  # alive but silent: only the heartbeat can tell
    try:
        reasons = page.wait_for("window.results['s:disconnect']", timeout=heartbeat_ms / 1000 + 20)
        assert reasons == ["ping timeout"]
    finally:
        own_server.resume()
    page.wait_for("window.results['s:connect'].length === 2", timeout=30)


@pytest.mark.allow_console_errors
@pytest.mark.parametrize("config", ["websocket-first", "polling-upgrade"])  # polling-only has no websocket to fail
def test_falls_back_to_polling_when_websocket_fails(make_page, server, config):
    page = make_page(server)
    page.run(HELPERS, json.dumps(CONFIGS[config]))
    # A WebSocket that can never connect, as behind a proxy that blocks them.
    page.run("""var Real = window.WebSocket;
        window.WebSocket = function () { return new Real('ws://127.0.0.1:9/'); };""")
    connect(page)
    assert page.run("return __sockets.s.io.engine.transport.name;") == "polling"
    page.run("__sockets.s.emit('echo', 'via polling', function (v) { log('ack', v); });")
    assert page.wait_for("window.results.ack") == ["via polling"]


def test_nested_binary_both_ways(client):
    connect(client)
    client.run("""__sockets.s.emit('echo', { file: new Uint8Array([1, 2]), list: ['x', new Uint8Array([3]).buffer] }, 7,
        function (obj, n) { log('ack', { file: bytes(obj.file), first: obj.list[0], second: bytes(obj.list[1]), n: n }); });""")
    assert client.wait_for("window.results.ack") == [{"file": [1, 2], "first": "x", "second": [3], "n": 7}]


def test_many_emits_arrive_once_and_in_order(client, config):
    # Emitted as fast as possible from connect on: with polling-upgrade these cross
    # the switch from polling to websocket, where losing or doubling one is easy.
    client.run("""var s = openSocket('s', null, {});
        s.on('connect', function () {
          for (var i = 0; i < 200; i++) s.emit('echo', i, function (v) { log('order', v); });
        });""")
    order = client.wait_for("window.results.order && window.results.order.length >= 200 && window.results.order")
    assert order == list(range(200))
    client.wait_for("__sockets.s.io.engine.transport.name === %s" % json.dumps(FINAL_TRANSPORT[config]))
    client.run("__sockets.s.emit('echo', 'after', function (v) { log('after', v); });")
    assert client.wait_for("window.results.after") == ["after"]
    assert len(client.results("order")) == 200


def test_on_once_off_and_on_any(client):
    connect(client)
    client.run("""var s = __sockets.s;
        function counted(q, ack) { log('on', q); ack(); }
        s.on('question', counted);
        s.once('question', function (q) { log('once', q); });
        s.onAny(function (event, q) { log('any', event + ':' + q); });
        s.on('client_acked', function () { log('acked', true); });
        s.emit('ask_client', 'one');""")
    client.wait_for("window.results.acked && window.results.acked.length === 1")
    # Without listeners nobody acks "two": onAny still sees it.
    client.run("__sockets.s.off('question'); __sockets.s.emit('ask_client', 'two');")
    client.wait_for("window.results.any.length === 3")
    assert client.results("any") == ["question:one", "client_acked:", "question:two"]
    assert client.results("on") == ["one"]
    assert client.results("once") == ["one"]


@pytest.mark.allow_console_errors
def test_connect_error_when_no_server_and_reconnect_failed(make_page, own_server, server, config):
    page = make_page(server)  # any page of ours will do; the socket targets a dead port
    own_server.start()
    dead = own_server.url
    own_server.stop()
    page.run(HELPERS, json.dumps(CONFIGS[config]))
    page.run("""var s = openSocket('s', arguments[0], { reconnectionAttempts: 2, reconnectionDelay: 50,
                                                    reconnectionDelayMax: 100 });
        s.io.on('reconnect_attempt', function (n) { log('attempt', n); });
        s.io.on('reconnect_error', function (e) { log('reconnect_error', typeof e.message); });
        s.io.on('reconnect_failed', function () { log('failed', true); });""", dead)
    page.wait_for("window.results.failed")
    assert page.results("attempt") == [1, 2]
    assert page.results("reconnect_error") == ["string", "string"]
    # One connect_error for the first try, one per attempt.
    assert len(page.results("s:connect_error")) == 3
    assert page.results("s:connect") is None


def test_answers_heartbeats_and_stays_connected(client):
    # The server drops a client that misses a pong; three pings in, we are still here.
    connect(client)
    client.run("__sockets.s.io.on('ping', function () { log('ping', true); });")
    client.wait_for("window.results.ping && window.results.ping.length >= 3", timeout=60)
    assert client.results("s:disconnect") is None
    assert len(client.results("s:connect")) == 1
    client.run("__sockets.s.emit('echo', 'alive', function (v) { log('ack', v); });")
    assert client.wait_for("window.results.ack") == ["alive"]


def test_absolute_url_and_explicit_path(client, server):
    client.run("openSocket('chat', arguments[0] + '/chat', { path: '/socket.io/', auth: { token: 'secret' } });",
               server.url)
    client.wait_for("window.results['chat:connect']")
    client.run("__sockets.chat.emit('echo', 1, function (a, b) { log('ack', [a, b]); });")
    assert client.wait_for("window.results.ack") == [["chat", 1]]


@pytest.mark.allow_console_errors
def test_wrong_path_gives_connect_error(client):
    client.run("openSocket('s', null, { path: '/not-socket.io', reconnection: false });")
    errors = client.wait_for("window.results['s:connect_error']")
    assert len(errors) == 1 and errors[0]["message"]
    assert client.run("return __sockets.s.connected;") is False


@pytest.mark.allow_console_errors
def test_connection_timeout_gives_connect_error(make_page, own_server, server, config):
    page = make_page(server)
    own_server.start()
    page.run(HELPERS, json.dumps(CONFIGS[config]))
    own_server.pause()  # accepts TCP connections (the kernel does) but never answers
    try:
        page.run("openSocket('s', arguments[0], { timeout: 1000, reconnection: false });", own_server.url)
        errors = page.wait_for("window.results['s:connect_error']")
        assert errors[0]["message"] == "timeout"
    finally:
        own_server.resume()


def test_a_whole_session_logs_nothing_to_the_console(client, config):
    # Every test without `allow_console_errors` also checks this when it ends; here a
    # session touches most paths and the check covers warnings too.
    connect(client)
    connect(client, "chat", "/chat", {"auth": {"token": "secret"}})
    client.wait_for("__sockets.s.io.engine.transport.name === %s" % json.dumps(FINAL_TRANSPORT[config]))
    client.run("""var s = __sockets.s;
        s.emit('bin_echo', new Uint8Array([1, 2, 3]), function () { log('bin', true); });
        s.timeout(100).emit('never_acked', function (err) { log('timeout', !!err); });
        __sockets.chat.emit('echo', 'x', function () { log('chat', true); });""")
    client.wait_for("window.results.bin && window.results.timeout && window.results.chat")
    client.run("__sockets.chat.disconnect(); __sockets.s.disconnect();")
    client.wait_for("window.results['s:disconnect'] && window.results['chat:disconnect']")
    logs = [entry for entry in client.driver.get_log("browser") if entry.get("level") in ("SEVERE", "WARNING")]
    assert logs == []


def test_unicode_and_separator_characters_survive(client):
    # \x1e separates packets in polling bodies: inside a string it must not split one.
    text = "h\u00e9llo \U0001F600 \u001e end \u2028"
    connect(client)
    client.run("__sockets.s.emit('echo', arguments[0], { k: arguments[0] }, function (a, b) { log('ack', [a, b]); });", text)
    assert client.wait_for("window.results.ack") == [[text, {"k": text}]]
