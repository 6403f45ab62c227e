"""Input limits: refused in the page with a visible reason, and again by the server's ack."""

import pytest

MAX_MESSAGE = 500
MAX_NICKNAME = 32


def visible_error(page):
    page.wait_for("document.getElementById('composer-error').textContent")
    assert page.find("#composer-error").is_displayed()
    assert page.find("#text").get_attribute("aria-invalid") == "true"
    return page.text_of("#composer-error")


def test_an_empty_message_is_refused_with_a_visible_reason(chat, server):
    ana = chat(server, 0).open("Ana")
    before = len(ana.messages())
    ana.find("#send").click()
    assert visible_error(ana) == "The message is empty."
    ana.send("   ")
    assert visible_error(ana) == "The message is empty."
    assert len(ana.messages()) == before
    assert ana.run("return document.activeElement.id") == "text"
    ana.find("#text").send_keys("x")  # typing again clears the complaint
    ana.wait_for("document.getElementById('composer-error').textContent === ''")


def test_an_over_long_message_is_refused_with_a_visible_reason_and_the_counter_shows_it(chat, server):
    ana = chat(server, 0).open("Ana")
    before = len(ana.messages())
    ana.send("a" * (MAX_MESSAGE + 1))
    assert visible_error(ana) == "The message is too long: 501 characters, at most 500."
    assert ana.text_of("#counter") == "501 / 500"
    assert "over" in ana.find("#counter").get_attribute("class")
    assert ana.find("#text").get_attribute("value") == "a" * (MAX_MESSAGE + 1), "the text is kept for editing"
    assert len(ana.messages()) == before


@pytest.mark.parametrize("text", ["b" * MAX_MESSAGE, "\U0001F600" * MAX_MESSAGE],
                         ids=["500 letters", "500 emoji (code points, not UTF-16 units)"])
def test_a_message_at_the_limit_is_delivered(chat, server, text):
    ana = chat(server, 0).open("Ana")
    ana.submit_now(text)
    ana.wait_for("document.querySelector('#messages li.own[data-status=delivered]')")
    assert ana.messages()[-1]["text"] == text


@pytest.mark.parametrize("argument, error", [
    ("", "The message is empty."),
    (" \n\t ", "The message is empty."),
    ("c" * (MAX_MESSAGE + 1), "The message is too long: 501 characters, at most 500."),
    ({"text": "not a string"}, "The message must be text."),
], ids=["empty", "blank", "501 characters", "an object"])
def test_the_server_refuses_bad_messages_in_its_ack(chat, server, argument, error):
    ana = chat(server, 0).open("Ana")
    assert ana.emit_with_ack("message", argument) == {"ok": False, "error": error}


def test_the_server_acks_a_good_message_with_its_id_and_time(chat, server):
    ana = chat(server, 0).open("Ana")
    now = ana.run("return Date.now()")
    reply = ana.emit_with_ack("message", "  trimmed  ")
    assert reply["ok"] is True and isinstance(reply["id"], str) and reply["id"]
    assert abs(reply["time"] - now) < 60_000, "time is milliseconds since 1970"


@pytest.mark.parametrize("nickname, error", [
    ("", "The nickname is empty."),
    ("d" * (MAX_NICKNAME + 1), "The nickname is too long: 33 characters, at most 32."),
], ids=["empty", "33 characters"])
def test_the_server_refuses_bad_nicknames_in_its_ack(chat, server, nickname, error):
    ana = chat(server, 0).open("Ana")
    assert ana.emit_with_ack("join", nickname) == {"ok": False, "error": error}


def test_a_bad_nickname_is_refused_in_the_dialog_with_a_visible_reason(chat, server):
    ana = chat(server, 0).load()
    ana.wait_for("document.getElementById('nick-dialog').open")
    ana.find("#nick").send_keys("e" * (MAX_NICKNAME + 1) + "\n")
    ana.wait_for("document.getElementById('nick-error').textContent")
    assert ana.text_of("#nick-error") == "The nickname is too long: 33 characters, at most 32."
    assert ana.find("#nick-error").is_displayed()
    assert ana.run("return document.getElementById('nick-dialog').open") is True
    ana.join("Ana")


def test_a_message_the_server_refuses_is_marked_not_delivered_with_its_reason(chat, server):
    """A page that skipped its own check (here: its socket pads every message past the limit)
    still learns why from the ack, and says so next to the message."""
    ana = chat(server, 0).open("Ana")
    ana.run("""
        var socket = window.chat.socket, emit = socket.emit;
        socket.emit = function (event, text) {
            var args = Array.prototype.slice.call(arguments);
            if (event === 'message') args[1] = text + ' ' + 'x'.repeat(600);
            return emit.apply(this, args);
        };""")
    ana.send("padded")
    ana.wait_for("document.querySelector('#messages li.own[data-status=failed]')")
    failed = ana.messages()[-1]
    assert failed["text"] == "padded" and failed["status"] == "failed"
    assert failed["reason"] == "The message is too long: 607 characters, at most 500."
