"""The page speaks the browser's language: Portuguese when Accept-Language prefers pt, English otherwise.

The strings are docs/python/translations.py's (Sources/ChatDemo/Translations.swift is its twin):
the Swift server must render exactly the same ones, so the Python module is the reference here.
"""

import json
import os
import re
import sys
import time
import urllib.request

import pytest

from chat_servers import REPO

sys.path.insert(0, os.path.join(REPO, "docs", "python"))
from translations import TRANSLATIONS  # noqa: E402  (the reference strings)

PT = TRANSLATIONS["pt-BR"]
EN = TRANSLATIONS["en"]

# Accept-Language -> the page's language. Werkzeug's best_match decides in app.py, Flaskish's
# Accept.bestMatch in main.swift; both must agree on every line.
CHOICES = [
    (None, "en"),
    ("", "en"),
    ("pt-BR,pt;q=0.9", "pt-BR"),           # Chromium --lang=pt-BR
    ("pt-BR,pt;q=0.8,en-US;q=0.5,en;q=0.3", "pt-BR"),  # Firefox in Portuguese
    ("pt-BR", "pt-BR"),
    ("pt-PT,pt;q=0.9,en;q=0.8", "pt-BR"),
    ("pt-PT", "pt-BR"),
    ("pt", "pt-BR"),
    ("pt-AO", "pt-BR"),                     # any pt-XX by its primary subtag
    ("PT-br", "pt-BR"),                     # tags are case-insensitive
    ("pt-BR,en;q=0.5", "pt-BR"),
    ("en;q=0.4,pt;q=0.8", "pt-BR"),         # q-values, not the order, decide
    ("fr-FR,fr;q=0.9,pt;q=0.8,en;q=0.7", "pt-BR"),
    ("en-US,en;q=0.9", "en"),               # Chromium --lang=en-US
    ("en-US,pt-BR;q=0.9", "en"),
    ("en-GB,pt;q=0.5", "en"),
    ("fr-FR,fr;q=0.9,en;q=0.8,pt;q=0.7", "en"),
    ("de", "en"),                           # none of ours: English
    ("*", "en"),
    ("pt;q=0", "en"),                       # q=0 is "not Portuguese"
    ("pt;q=0,en;q=0.1", "en"),
    ("pt-br;q=1.5,en", "en"),               # an invalid q drops its entry
]


def get(server, language, **extra):
    headers = dict(extra) if language is None else dict(extra, **{"Accept-Language": language})
    with urllib.request.urlopen(urllib.request.Request(server.url, headers=headers), timeout=30) as response:
        return response.headers, response.read().decode("utf-8")


@pytest.mark.parametrize("accept_language,expected", CHOICES)
def test_the_page_language_follows_accept_language(server, accept_language, expected):
    headers, page = get(server, accept_language)
    assert re.search(r'<html lang="([^"]*)">', page).group(1) == expected
    strings = json.loads(re.search(r'<script id="strings" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert strings == TRANSLATIONS[expected], "the page carries its language's strings, all of them"
    assert ">%s</button>" % TRANSLATIONS[expected]["send"] in page
    assert "Accept-Language" in vary(headers)


def vary(headers):
    return [value.strip() for field in headers.get_all("Vary") or [] for value in field.split(",")]


def test_vary_keeps_accept_language_next_to_the_cors_origin(server):
    headers, page = get(server, "pt-BR", Origin="http://example.com")
    assert '<html lang="pt-BR">' in page
    assert {"Accept-Language", "Origin"} <= set(vary(headers))


def test_no_visible_english_is_left_in_the_portuguese_page(server):
    _, page = get(server, "pt-BR")
    page = re.sub(r"<script.*?</script>|<!--.*?-->|<[^>]*>", " ", page, flags=re.S)  # the text only
    words = set(page.split()) - {"Chat", "online", "0"}
    for english in ("Send", "Join", "Message", "Messages", "Write", "Welcome", "Choose", "Connecting…", "Change"):
        assert english not in words


def unique(text):
    return "%s %d" % (text, time.monotonic_ns())


def wait_notice(page, text):
    page.wait_for("Array.from(document.querySelectorAll('#messages .notice')).some("
                  "function (n) { return n.textContent === %s; })" % json.dumps(text), message="notice %r" % text)


def test_a_portuguese_browser_gets_the_portuguese_page(pt_chat, server):
    ana = pt_chat(server, 0).load()
    assert ana.run("return navigator.language") == "pt-BR"
    assert ana.run("return document.documentElement.lang") == "pt-BR"
    ana.wait_for("document.getElementById('nick-dialog').open")
    assert ana.text_of("#nick-title") == PT["welcome"]
    assert ana.text_of("label[for=nick]") == PT["chooseNickname"]
    assert ana.text_of("#nick-form button") == "Entrar"
    ana.find("#nick").send_keys(" \n")  # an empty nickname is refused in Portuguese
    ana.wait_for("document.getElementById('nick-error').textContent === %s" % json.dumps(PT["nicknameEmpty"]))
    ana.join("Ana")
    assert ana.text_of("#send") == "Enviar"
    assert ana.find("#text").get_attribute("placeholder") == "Escreva uma mensagem…"
    assert ana.text_of("#connection") == "Conectado"
    assert ana.text_of("#change-nick") == PT["changeName"]
    assert ana.text_of("#messages-title") == "Mensagens"
    assert ana.notices()[-1] == "Você entrou como Ana."


def test_two_portuguese_browsers_chat_in_portuguese(pt_chat, own_server):
    own_server.start()  # alone with its two users, so the notices are theirs
    ana = pt_chat(own_server, 0).open("Ana")
    bruno = pt_chat(own_server, 1).open("Bruno")
    wait_notice(ana, "Bruno entrou.")
    bruno.find("#text").send_keys("Oi, Ana")
    ana.wait_for("document.getElementById('typing').textContent === 'Bruno está digitando…'")
    bruno.find("#text").send_keys("!\n")
    ana.wait_for_text("Oi, Ana!")
    bruno.wait_for("document.querySelector('#messages li.own[data-status=delivered]')")
    text = unique("Tudo bem, Bruno?")
    ana.send(text)
    bruno.wait_for_text(text)
    ana.wait_for("document.querySelector('#messages li.own:last-child[data-status=delivered]')")
    assert ana.run("return document.querySelector('#messages li.own:last-child .status').getAttribute('aria-label')") \
        == "entregue"
    bruno.driver.get("about:blank")
    wait_notice(ana, "Bruno saiu.")


def test_refusals_are_in_portuguese_in_the_page_and_from_the_server(pt_chat, server):
    ana = pt_chat(server, 0).open("Ana")
    ana.submit_now("   ")
    ana.wait_for("document.getElementById('composer-error').textContent === %s" % json.dumps(PT["messageEmpty"]))
    ana.submit_now("a" * 501)
    ana.wait_for("document.getElementById('composer-error').textContent === %s"
                 % json.dumps("A mensagem é longa demais: 501 caracteres, no máximo 500."))
    # The server checks again, and answers in the language of the browser that connected.
    assert ana.emit_with_ack("message", "b" * 501) == {
        "ok": False, "error": "A mensagem é longa demais: 501 caracteres, no máximo 500."}
    assert ana.emit_with_ack("message", 42) == {"ok": False, "error": "A mensagem precisa ser um texto."}
    assert ana.emit_with_ack("join", "") == {"ok": False, "error": "O apelido está vazio."}
    assert ana.emit_with_ack("join", "n" * 33) == {
        "ok": False, "error": "O apelido é longo demais: 33 caracteres, no máximo 32."}


def test_an_english_browser_gets_the_english_page_and_english_refusals(chat, server):
    ana = chat(server, 0).open("Ana")
    assert ana.run("return navigator.language") == "en-US"
    assert ana.run("return document.documentElement.lang") == "en"
    assert ana.text_of("#send") == "Send"
    assert ana.find("#text").get_attribute("placeholder") == "Write a message…"
    assert ana.notices()[-1] == "You joined as Ana."
    assert ana.emit_with_ack("message", "") == {"ok": False, "error": EN["messageEmpty"]}


def test_a_portuguese_and_an_english_browser_chat_each_in_its_own_language(chat, pt_chat, own_server):
    own_server.start()
    ana = pt_chat(own_server, 0).open("Ana")
    bob = chat(own_server, 0).open("Bob")
    wait_notice(ana, "Bob entrou.")
    text = unique("Olá, Bob")
    ana.send(text)
    bob.wait_for_text(text)
    bob.send("Hi, Ana")
    ana.wait_for_text("Hi, Ana")
    bob.driver.get("about:blank")
    wait_notice(ana, "Bob saiu.")
