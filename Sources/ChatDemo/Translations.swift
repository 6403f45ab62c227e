// The chat's words in each language it speaks, and which language a request gets:
// docs/python/translations.py, line for line, in Swift.
//
// main.swift hands one language's dictionary to templates/index.html as `t` (`{{ t.send }}`);
// the page passes the same dictionary on to chat.js (`{{ t|tojson }}`) for the messages it builds
// while running, and the server's own refusals come from it too. So every string a user can see
// is here, and adding a language is adding a dictionary (and its tags to `languageTags`).
// `{name}` in a string is a placeholder, filled in by whoever shows it.

import Flaskish

/// The strings of each language, by the tag that is also the page's `<html lang>`.
let translations: [String: [String: String]] = [
    "en": [
        "title": "Chat",
        "online": "online",
        "youAre": "You are",
        "changeName": "Change name",
        "messages": "Messages",
        "messageLabel": "Message",
        "placeholder": "Write a message…",
        "send": "Send",
        "welcome": "Welcome to the chat",
        "chooseNickname": "Choose a nickname",
        "join": "Join",
        "connecting": "Connecting…",
        "reconnecting": "Reconnecting…",
        "connected": "Connected",
        "disconnected": "Disconnected.",
        "retrying": "Retrying…",
        "attempt": "(attempt {attempt})",
        "anonymous": "anonymous",
        "you": "You ({nick})",
        "statusPending": "sending…",
        "statusDelivered": "✓",
        "statusFailed": "not delivered",
        "labelPending": "sending",
        "labelDelivered": "delivered",
        "labelFailed": "not delivered",
        "notConnectedYet": "Not connected yet; you will join as soon as the connection is up.",
        "noAnswerRetrying": "The server did not answer; trying again…",
        "nicknameRefused": "The server refused this nickname.",
        "joinedAs": "You joined as {nick}.",
        "reconnected": "Reconnected.",
        "joined": "{nick} joined.",
        "left": "{nick} left.",
        "notConnected": "Not connected: wait until the chat has reconnected.",
        "noAnswer": "No answer from the server; the message may not have arrived.",
        "refused": "Refused by the server.",
        "typingOne": "{nick} is typing…",
        "typingTwo": "{first} and {second} are typing…",
        "typingMany": "Several people are typing…",
        "nicknameNotText": "The nickname must be text.",
        "nicknameEmpty": "The nickname is empty.",
        "nicknameTooLong": "The nickname is too long: {length} characters, at most {limit}.",
        "messageNotText": "The message must be text.",
        "messageEmpty": "The message is empty.",
        "messageTooLong": "The message is too long: {length} characters, at most {limit}.",
    ],
    "pt-BR": [
        "title": "Chat",
        "online": "online",
        "youAre": "Você entrou como",
        "changeName": "Trocar de apelido",
        "messages": "Mensagens",
        "messageLabel": "Mensagem",
        "placeholder": "Escreva uma mensagem…",
        "send": "Enviar",
        "welcome": "Boas-vindas ao chat",
        "chooseNickname": "Escolha um apelido",
        "join": "Entrar",
        "connecting": "Conectando…",
        "reconnecting": "Reconectando…",
        "connected": "Conectado",
        "disconnected": "Desconectado.",
        "retrying": "Tentando de novo…",
        "attempt": "(tentativa {attempt})",
        "anonymous": "anônimo",
        "you": "Você ({nick})",
        "statusPending": "enviando…",
        "statusDelivered": "✓",
        "statusFailed": "não entregue",
        "labelPending": "enviando",
        "labelDelivered": "entregue",
        "labelFailed": "não entregue",
        "notConnectedYet": "Ainda sem conexão; você entra no chat assim que ela for estabelecida.",
        "noAnswerRetrying": "O servidor não respondeu; tentando de novo…",
        "nicknameRefused": "O servidor recusou este apelido.",
        "joinedAs": "Você entrou como {nick}.",
        "reconnected": "Reconectado.",
        "joined": "{nick} entrou.",
        "left": "{nick} saiu.",
        "notConnected": "Sem conexão: espere o chat se reconectar.",
        "noAnswer": "O servidor não respondeu; a mensagem pode não ter chegado.",
        "refused": "Recusada pelo servidor.",
        "typingOne": "{nick} está digitando…",
        "typingTwo": "{first} e {second} estão digitando…",
        "typingMany": "Várias pessoas estão digitando…",
        "nicknameNotText": "O apelido precisa ser um texto.",
        "nicknameEmpty": "O apelido está vazio.",
        "nicknameTooLong": "O apelido é longo demais: {length} caracteres, no máximo {limit}.",
        "messageNotText": "A mensagem precisa ser um texto.",
        "messageEmpty": "A mensagem está vazia.",
        "messageTooLong": "A mensagem é longa demais: {length} caracteres, no máximo {limit}.",
    ],
]

/// The language tags we offer, most general first. `bestMatch` tries the exact tags before it
/// compares primary subtags (`pt-AO` → `pt`), so the regional tags browsers usually send are
/// listed too: offered only `en` and `pt-BR`, a browser asking `en-US, pt-BR;q=0.9` would get
/// Portuguese, because `pt-BR` is the only exact match.
let languageTags = ["en", "en-US", "en-GB", "pt", "pt-BR", "pt-PT"]

/// The language `req` prefers among ours (a key of `translations`); English when it accepts none.
///
/// Flask: `request.accept_languages.best_match(LANGUAGE_TAGS, default="en")`.
func language(of req: Request) -> String {
    let tag = req.acceptLanguages.bestMatch(languageTags, default: "en") ?? "en"
    return tag.hasPrefix("pt") ? "pt-BR" : "en"
}

/// The string `key` in `language`, its `{name}` placeholders filled in from `values`.
///
/// Python: `TRANSLATIONS[language][key].format(**values)`.
func translate(_ key: String, _ language: String, _ values: [String: Int] = [:]) -> String {
    var text = translations[language]?[key] ?? key
    for (name, value) in values { text = text.replacing("{\(name)}", with: String(value)) }
    return text
}
