"""Connection state recovery in the browser: a page whose connection drops for ~3 s while
someone else sends 100 messages gets every one of them, once, in order, and keeps its sid.

Swift ChatDemo only (it turns recovery on, 120 s by default; Flask-SocketIO has no such
feature). Three receivers: the chat page itself (chat.js on our client), our client on its
own, and the official socket.io-client 4.8.3 (a test peer, loaded from
../shared/vendor/socket.io-client-4.8.3 into the page, never served by Flaskish).

The cut closes the receiver's WebSocket from the page after its 10th message (the server sees
"transport close"), and the client comes back after a fixed 3 s reconnection delay. The sender
paces its 100 messages (one every 40 ms) so that some go before, most during and some after
the cut; the test checks the cut really fell among them.
"""

import os

import pytest

from chat_servers import REPO, ChatServer, server_specs

COUNT = 100
OFFICIAL_CLIENT = os.environ.get("SOCKETIO_OFFICIAL_CLIENT_JS") or os.path.join(
    REPO, "..", "shared", "vendor", "socket.io-client-4.8.3", "socket.io.js")
# Only the Swift server: the Flask original has no recovery (conftest.py does not collect
# this module when the Swift server is not in the list).
SWIFT_SPECS = [spec for spec in server_specs() if spec[0] == "swift"]


@pytest.fixture(scope="module")
def recovery_server():
    if not SWIFT_SPECS:
        pytest.fail("connection state recovery needs the Swift ChatDemo in CHAT_SERVERS")
    process = ChatServer(*SWIFT_SPECS[0]).start()
    yield process
    process.stop()


# Installed in the receiving page (on the socket the %s expression names): closes its WebSocket after the 10th message,
# and the page logs its disconnect and reconnect times and ids.
WATCH_CUT = """
    var socket = %s;
    window.cutLog = {ids: [socket.id], disconnectedAt: null, reconnectedAt: null, recovered: null, cuts: 0};
    socket.on("disconnect", function () { window.cutLog.disconnectedAt = Date.now(); });
    socket.on("connect", function () {
        window.cutLog.reconnectedAt = Date.now();
        window.cutLog.ids.push(socket.id);
        window.cutLog.recovered = socket.recovered;
    });
    window.cutAfterTenth = function (message) {
        if (!message || message.text !== "m010" || window.cutLog.cuts++) return;
        var transport = socket.io.engine.transport;
        if (!transport || transport.name !== "websocket") throw new Error("not on websocket: " + (transport && transport.name));
        transport.ws.close();
    };
    socket.on("message", window.cutAfterTenth);
"""

# Run in the sending page: 100 chat messages, one every 40 ms, each acknowledged.
SEND_PACED = """
    var socket = window.chat.socket, count = arguments[0];
    window.sent = {acks: [], failed: []};
    var i = 0;
    (function next() {
        i += 1;
        var text = "m" + String(i).padStart(3, "0");
        socket.timeout(30000).emit("message", text, function (err, reply) {
            if (err || !reply || !reply.ok) window.sent.failed.push(text);
            else window.sent.acks.push(Date.now());
        });
        if (i < count) setTimeout(next, 40);
    })();
"""


def expected():
    return ["m%03d" % i for i in range(1, COUNT + 1)]


def send_and_check_cut(receiver, sender, received_expression):
    """Sends the 100 messages from `sender`, waits for `receiver` to have them all, and checks
    the cut happened among them and the session was recovered."""
    sender.run(SEND_PACED, COUNT)
    sender.wait_for("window.sent.acks.length + window.sent.failed.length === %d" % COUNT, timeout=60)
    assert sender.run("return window.sent.failed;") == []
    receiver.wait_for("(%s).length >= %d" % (received_expression, COUNT), timeout=60,
                      message="the receiver got all the messages")
    log = receiver.run("return window.cutLog;")
    acks = sender.run("return window.sent.acks;")
    assert log["cuts"] == 1 and log["disconnectedAt"] and log["reconnectedAt"], log
    during = [t for t in acks if log["disconnectedAt"] <= t <= log["reconnectedAt"]]
    assert during, "no message was sent while the receiver was cut off: %s" % log
    assert log["recovered"] is True, log
    assert log["ids"][0] == log["ids"][-1], "the same sid after recovery: %s" % log["ids"]
    return receiver.run("return %s;" % received_expression)


def test_the_chat_page_shows_the_messages_sent_during_a_cut_once_each_in_order(chat, recovery_server):
    ana = chat(recovery_server, 0).open("Ana")
    bruno = chat(recovery_server, 1).open("Bruno")
    # chat.js reconnects within 0.5-2 s; hold it off for 3 s so the cut is a real gap.
    ana.run("var b = window.chat.socket.io.backoff; b.min = b.max = 3000; b.jitter = 0;")
    ana.run(WATCH_CUT % "window.chat.socket")
    texts = send_and_check_cut(
        ana, bruno,
        "Array.from(document.querySelectorAll('#messages li.message .text'), function (n) {"
        " return n.textContent; }).filter(function (t) { return /^m\\d{3}$/.test(t); })")
    assert texts == expected()


def open_receiver(page, factory):
    """A second socket in `page` made by `factory` (a JS expression taking url and options),
    logging each `message` event's arguments."""
    page.run("""
        var options = {forceNew: true, transports: ["websocket"], reconnectionDelay: 3000,
                       reconnectionDelayMax: 3000, randomizationFactor: 0};
        var socket = window.receiver = (%s)(location.origin, options);
        window.received = [];
        socket.on("message", function () { window.received.push(Array.prototype.slice.call(arguments)); });
    """ % factory)
    page.wait_for("window.receiver.connected", message="the receiver connected")
    page.run(WATCH_CUT % "window.receiver")


def test_our_client_recovers_every_message_once_in_order_and_hides_the_offset(chat, recovery_server):
    receiver = chat(recovery_server, 0).load()
    sender = chat(recovery_server, 1).open("Bruno")
    open_receiver(receiver, "io")
    received = send_and_check_cut(receiver, sender, "window.received")
    assert [arguments[0]["text"] for arguments in received] == expected()
    assert all(len(arguments) == 1 for arguments in received), "the offset argument is not handed to listeners"


def test_the_official_client_recovers_every_message_once_in_order(chat, recovery_server):
    with open(OFFICIAL_CLIENT, encoding="utf-8") as source:
        official = source.read()
    receiver = chat(recovery_server, 0).load()
    sender = chat(recovery_server, 1).open("Bruno")
    # Its UMD bundle sets the global `io`: keep ours for chat.js, the official one aside.
    receiver.run("""
        var ours = window.io;
        var script = document.createElement("script");
        script.textContent = arguments[0];
        document.head.appendChild(script);
        window.officialIo = window.io;
        window.io = ours;""", official)
    assert receiver.run("return typeof window.officialIo === 'function' && window.officialIo !== window.io;")
    open_receiver(receiver, "window.officialIo")
    received = send_and_check_cut(receiver, sender, "window.received")
    assert [arguments[0]["text"] for arguments in received] == expected()
    # The official client hands the offset to listeners as a last, string argument (as with Node).
    assert all(len(arguments) == 2 and isinstance(arguments[1], str) for arguments in received)
