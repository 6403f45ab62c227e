"""The page itself: the nickname is asked once, and it works with a keyboard, a screen reader and a phone."""

from selenium.webdriver.common.keys import Keys


def test_the_nickname_is_asked_once_and_remembered(chat, server):
    ana = chat(server, 0).open("Ana")
    assert ana.run("return localStorage.getItem('flaskish-chat.nickname')") == "Ana"
    ana.load(forget_nickname=False)
    ana.wait_joined()
    assert ana.run("return document.getElementById('nick-dialog').open") is False
    assert ana.text_of("#me-nick") == "Ana"


def test_change_name_asks_again(chat, server):
    ana = chat(server, 0).open("Ana")
    ana.find("#change-nick").click()
    ana.join("Ana Maria")
    assert ana.text_of("#me-nick") == "Ana Maria"
    assert ana.run("return localStorage.getItem('flaskish-chat.nickname')") == "Ana Maria"


def test_escape_does_not_dismiss_the_nickname_question(chat, server):
    ana = chat(server, 0).load()
    ana.wait_for("document.getElementById('nick-dialog').open")
    assert ana.run("return document.activeElement.id") == "nick", "the question has the focus"
    ana.find("#nick").send_keys(Keys.ESCAPE)
    assert ana.run("return document.getElementById('nick-dialog').open") is True
    ana.join("Ana")


def test_landmarks_labels_and_live_regions_are_there_for_screen_readers(chat, server):
    ana = chat(server, 0).open("Ana")
    log = ana.find("#messages")
    assert log.get_attribute("role") == "log"
    assert log.get_attribute("aria-live") == "polite"
    assert ana.run("return document.getElementById(document.getElementById('messages')"
                   ".getAttribute('aria-labelledby')).textContent") == "Messages"
    unlabelled = ana.run("""
        return Array.from(document.querySelectorAll('input, button')).filter(function (control) {
            var label = control.labels && control.labels.length ? control.labels[0].textContent.trim() : '';
            var text = control.tagName === 'BUTTON' ? control.textContent.trim() : '';
            return !label && !text && !control.getAttribute('aria-label');
        }).map(function (control) { return control.outerHTML; });""")
    assert unlabelled == []
    assert ana.find("#composer-error").get_attribute("role") == "alert"
    assert ana.find("#connection").get_attribute("role") == "status"
    assert ana.find("#typing").get_attribute("aria-live") == "polite"
    assert ana.run("return document.documentElement.lang") == "en"
    assert ana.run("return document.activeElement.id") == "text", "joining puts the focus in the message field"


def test_the_keyboard_alone_can_send(chat, server):
    ana = chat(server, 0).open("Ana")
    ana.driver.switch_to.active_element.send_keys("sent with the keyboard", Keys.ENTER)
    ana.wait_for("document.querySelector('#messages li.own[data-status=delivered]')")
    assert ana.messages()[-1]["text"] == "sent with the keyboard"


def test_the_layout_fits_a_phone(chat, server):
    ana = chat(server, 0)
    ana.driver.set_window_size(360, 640)
    ana.open("Ana")
    for n in range(12):
        ana.submit_now("a long line to fill the screen, number %d, " % n + "word " * 30)
    ana.wait_for("document.querySelectorAll('#messages li.own[data-status=delivered]').length >= 12")
    layout = ana.run("""
        var composer = document.getElementById('composer').getBoundingClientRect();
        var root = document.documentElement;
        return {overflowX: root.scrollWidth - root.clientWidth, composerBottom: composer.bottom,
                viewport: window.innerHeight, fontSize: parseFloat(getComputedStyle(document.getElementById('text')).fontSize)};""")
    assert layout["overflowX"] <= 0, "no sideways scrolling"
    assert layout["composerBottom"] <= layout["viewport"], "the composer stays on screen"
    assert layout["fontSize"] >= 16, "phones zoom into fields with smaller text"
