"""The server goes away and comes back: the page says so, and recovers by itself."""

import pytest


@pytest.mark.allow_console_errors  # the browser logs the refused connections while the server is down
def test_the_page_shows_reconnecting_while_the_server_is_down_and_recovers_when_it_returns(chat, own_server):
    own_server.start()
    ana = chat(own_server, 0).open("Ana")
    bruno = chat(own_server, 1).open("Bruno")
    assert not ana.find("#connection").is_displayed(), "no banner while connected"

    own_server.stop()
    for page in (ana, bruno):
        page.wait_for("document.getElementById('connection').dataset.state === 'reconnecting'")
        banner = page.find("#connection")
        assert banner.is_displayed()
        assert banner.text.startswith("Reconnecting…")
    ana.send("while offline")
    ana.wait_for("document.getElementById('composer-error').textContent")
    assert ana.text_of("#composer-error") == "Not connected: wait until the chat has reconnected."
    assert ana.find("#text").get_attribute("value") == "while offline", "nothing typed is lost"

    own_server.start(own_server.port)  # the same port: the pages were told to come back there
    for page in (ana, bruno):
        page.wait_joined()
        page.wait_for("document.getElementById('connection').dataset.state === 'connected'")
        assert not page.find("#connection").is_displayed()
        assert page.notices()[-1] in ("Reconnected.", "Ana joined.", "Bruno joined.")
        assert "Reconnected." in page.notices()
    assert ana.text_of("#me-nick") == "Ana", "the remembered nickname is used again"

    ana.find("#text").send_keys("\n")  # the kept text goes out now
    bruno.wait_for_text("while offline")
    bruno.send("welcome back")
    ana.wait_for_text("welcome back")
    ana.wait_for("Array.from(document.querySelectorAll('#messages li.own')).every("
                 "function (li) { return li.dataset.status === 'delivered'; })")
