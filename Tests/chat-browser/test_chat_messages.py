"""Two users chatting: delivery both ways, acks, text-only rendering, history, presence, typing."""

import uuid

from selenium.common.exceptions import NoAlertPresentException

DELIVERY_LIMIT_MS = 1000


def unique(prefix):
    return "%s %s" % (prefix, uuid.uuid4().hex[:8])


def test_two_pages_exchange_messages_both_ways_within_one_second(chat, server):
    ana = chat(server, 0).open("Ana")
    bruno = chat(server, 1).open("Bruno")
    for sender, receiver in ((ana, bruno), (bruno, ana)):
        receiver.watch_arrivals()
        text = unique("hello from " + sender.text_of("#me-nick"))
        sent_at = sender.submit_now(text)
        arrived_at = receiver.wait_for("window.arrivals[%r]" % text)
        # Both browsers run on this machine, so their Date.now() share one clock.
        assert arrived_at - sent_at < DELIVERY_LIMIT_MS, "delivered in %d ms" % (arrived_at - sent_at)
        received = [m for m in receiver.messages() if m["text"] == text]
        assert len(received) == 1
        assert received[0]["nick"] == sender.text_of("#me-nick")
        assert not received[0]["own"]
        assert received[0]["id"]


def test_the_sender_sees_its_message_at_once_and_marked_delivered_by_the_ack(chat, server):
    ana = chat(server, 0).open("Ana")
    bruno = chat(server, 1).open("Bruno")
    text = unique("acked")
    ana.send(text)
    ana.wait_for("document.querySelector('#messages li.own[data-status=delivered]')")
    own = [m for m in ana.messages() if m["text"] == text]
    assert len(own) == 1, "shown once: the server does not echo it back to the sender"
    assert own[0]["own"] and own[0]["status"] == "delivered" and own[0]["id"]
    bruno.wait_for_text(text)
    assert [m["id"] for m in bruno.messages() if m["text"] == text] == [own[0]["id"]]
    assert ana.run("return document.activeElement.id") == "text", "focus stays in the message field"
    assert ana.find("#text").get_attribute("value") == ""


def test_html_and_scripts_in_messages_are_shown_as_text_and_never_run(chat, server):
    ana = chat(server, 0).open("Ana")
    bruno = chat(server, 1).open("Bruno")
    bruno.run("window.alerted = false; window.alert = function () { window.alerted = true; };")
    payloads = ['<img src=x onerror=alert(1)>', '<script>window.pwned = true; alert(2)</script>',
                '<b onmouseover=alert(3)>bold</b> & "quotes" \'single\'']
    for payload in payloads:
        ana.send(payload)
    for page in (ana, bruno):
        for payload in payloads:
            page.wait_for_text(payload)
        assert page.run("return document.querySelectorAll('#messages img, #messages script, #messages b').length") == 0
        assert page.run("return window.pwned === undefined")
    assert bruno.run("return window.alerted") is False
    try:
        alert = bruno.driver.switch_to.alert
        raise AssertionError("an alert opened: %r" % alert.text)
    except NoAlertPresentException:
        pass


def test_a_nickname_with_html_is_shown_as_text(chat, server):
    ana = chat(server, 0).open("Ana")
    nick = "<i>Mallory</i>"
    mallory = chat(server, 1).open(nick)
    ana.wait_for("Array.from(document.querySelectorAll('#messages .notice')).some("
                 "function (n) { return n.textContent === %r; })" % (nick + " joined."))
    text = unique("hi")
    mallory.send(text)
    ana.wait_for_text(text)
    assert [m["nick"] for m in ana.messages() if m["text"] == text] == [nick]
    assert ana.run("return document.querySelectorAll('#messages i').length") == 0
    assert mallory.text_of("#me-nick") == nick


def test_a_newcomer_sees_the_last_fifty_messages_in_order(chat, server):
    ana = chat(server, 0).open("Ana")
    sent = [unique("history %02d" % n) for n in range(55)]
    for text in sent:
        assert ana.emit_with_ack("message", text)["ok"] is True
    bruno = chat(server, 1).open("Bruno")
    replayed = bruno.messages()
    assert [m["text"] for m in replayed] == sent[-50:]
    assert {m["nick"] for m in replayed} == {"Ana"}
    assert all(m["id"] for m in replayed)
    assert "You joined as Bruno." in bruno.notices()


def test_join_and_leave_are_announced_with_the_online_count(chat, own_server):
    own_server.start()  # alone with its two users, so the counts are exact
    ana = chat(own_server, 0).open("Ana")
    assert ana.online() == 1
    bruno = chat(own_server, 1).open("Bruno")
    assert bruno.online() == 2
    ana.wait_for("document.getElementById('online-count').textContent === '2'")
    assert ana.notices()[-1] == "Bruno joined."
    assert "Ana joined." not in ana.notices(), "one is not told of one's own arrival"
    bruno.driver.get("about:blank")
    ana.wait_for("document.getElementById('online-count').textContent === '1'")
    assert ana.notices()[-1] == "Bruno left."


def test_typing_is_shown_to_the_others_and_cleared_by_the_message(chat, server):
    ana = chat(server, 0).open("Ana")
    bruno = chat(server, 1).open("Bruno")
    bruno.find("#text").send_keys("I am wri")
    ana.wait_for("document.getElementById('typing').textContent === 'Bruno is typing…'")
    assert bruno.text_of("#typing") == "", "one does not see oneself typing"
    bruno.find("#text").send_keys("ting\n")
    ana.wait_for_text("I am writing")
    ana.wait_for("document.getElementById('typing').textContent === ''")


def test_a_tutorial_client_that_never_joins_gets_its_bare_message_broadcast(chat, server):
    """The original's `send(msg, broadcast=True)`: a plain string to everyone, the sender included."""
    ana = chat(server, 0).open("Ana")
    bruno = chat(server, 1).load()  # no nickname yet: the page asks, and we use a bare socket
    text = unique("plain tutorial message")
    bruno.run("""
        window.received = [];
        window.bare = io({forceNew: true});
        window.bare.on('message', function (m) { window.received.push(m); });""")
    bruno.wait_for("window.bare.connected")
    bruno.run("window.bare.send(arguments[0]);", text)
    bruno.wait_for("window.received.indexOf(%r) >= 0" % text)
    ana.wait_for_text(text)
    assert [m["nick"] for m in ana.messages() if m["text"] == text] == ["anonymous"]
    bruno.run("window.bare.disconnect();")
