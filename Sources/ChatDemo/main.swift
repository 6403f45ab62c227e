// Real-time chat with Flaskish: docs/python/app.py, block for block, in Swift.
// The front end (templates/index.html, static/js/chat.js, static/style.css) is shared with
// app.py; the event protocol is documented at the top of chat.js.

// 1. Imports
import Flaskish
import FlaskishCORS
import FlaskishSocketIO
import Foundation

// The limits, the same in app.py and chat.js. Lengths count Unicode code points
// (Swift's unicodeScalars.count, Python's len, JavaScript's Array.from(text).length).
let maxMessageLength = 500
let maxNicknameLength = 32
let historySize = 50

// 2. The app: templates/ and static/ are resources of this target
let app = Flask("ChatDemo", bundle: .module)
// FLASK_SEND_TIMEOUT=2, FLASK_MAX_OUTBOUND_BYTES=…: settings from the environment
app.config.fromPrefixedEnvironment()

// 3. CORS and Socket.IO. With --message-queue redis://… (or MESSAGE_QUEUE) this process is
//    one of a cluster: emits reach the other processes' clients through Redis.
try CORS(app)
let messageQueue = messageQueueURL(of: app)
let socketio = SocketIO(app, corsAllowedOrigins: "*", messageQueue: messageQueue,
                        connectionStateRecovery: connectionStateRecovery(of: app, clustered: messageQueue != nil))

// 4. The chat's state: nicknames and the last messages, kept by ChatStore.swift in memory,
//    or in Redis when the processes are a cluster, so that they all agree.
struct ChatMessage: Codable, SocketIOValueConvertible {
    let id: String
    let nick: String
    let text: String
    let time: Int  // milliseconds since 1970, as JavaScript's Date.now()
}

let chat = ChatStore<ChatMessage>(messageQueue: messageQueue, historySize: historySize)

// What the handlers send: Codable types become Socket.IO objects; nil fields are left out.
struct JoinReply: Encodable, SocketIOValueConvertible {
    var ok = true
    var error: String?
    var nick: String?
    var history: [ChatMessage]?
    var online: Int?
}

struct MessageReply: Encodable, SocketIOValueConvertible {
    var ok = true
    var error: String?
    var id: String?
    var time: Int?
}

struct Presence: Encodable, SocketIOValueConvertible {
    let event: String  // "join" or "leave"
    let nick: String
    let online: Int
}

struct TypingUpdate: Encodable, SocketIOValueConvertible {
    let nick: String
    let typing: Bool
}

// 5. The page, in the browser's language: index.html gets that language's strings
//    (Translations.swift). The Socket.IO client, /socket.io/socket.io.js, is served by SocketIO.
app.route("/") { req in
    let lang = language(of: req)
    let page = try renderTemplate("index.html", TemplateValue.context(["lang": lang, "t": translations[lang]]))
    // The page depends on Accept-Language: a cache must not hand one language to everybody.
    return Response(page).withHeaders(["Vary": "Accept-Language"])
}

// 6. The event handlers
/// Why `value` is refused as a message or nickname, or nil. Checked here even though
/// chat.js checks first: a server never trusts its clients.
/// `what` is "nickname" or "message"; the reason is in the language of the client's handshake.
func refusal(_ value: SocketIOValue, _ what: String, limit: Int) -> String? {
    let lang = language(of: request)
    guard let text = value.stringValue else { return translate(what + "NotText", lang) }
    let length = trimmed(text).unicodeScalars.count
    if length == 0 { return translate(what + "Empty", lang) }
    if length > limit { return translate(what + "TooLong", lang, ["length": length, "limit": limit]) }
    return nil
}

/// `text` without surrounding blanks (Python's `str.strip()`).
func trimmed(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespacesAndNewlines)
}

socketio.on("join") { nickname in
    if let error = refusal(nickname, "nickname", limit: maxNicknameLength) {
        return JoinReply(ok: false, error: error)
    }
    let nick = trimmed(nickname.stringValue ?? "")
    let sid = request.sid ?? ""  // always set inside a Socket.IO handler
    let (online, past) = try await chat.join(sid: sid, nick: nick)
    try emit("presence", Presence(event: "join", nick: nick, online: online), broadcast: true, includeSelf: false)
    return JoinReply(nick: nick, history: past, online: online)
}

socketio.on("message") { msg in
    print("Message: \(msg)")
    if let error = refusal(msg, "message", limit: maxMessageLength) {
        return MessageReply(ok: false, error: error)
    }
    let sid = request.sid ?? ""
    guard let nick = chat.nickname(of: sid) else {
        // The tutorial, verbatim: whoever did not join gets their message broadcast as is.
        try send(msg, broadcast: true)
        return MessageReply()
    }
    let record = ChatMessage(id: UUID().uuidString, nick: nick, text: trimmed(msg.stringValue ?? ""),
                             time: Int(Date().timeIntervalSince1970 * 1000))
    try await chat.append(record)
    // The sender already shows its message; the ack confirms it (id and server time).
    try send(record, broadcast: true, includeSelf: false)
    return MessageReply(id: record.id, time: record.time)
}

socketio.on("typing") { isTyping in
    let sid = request.sid ?? ""
    if let nick = chat.nickname(of: sid) {
        try emit("typing", TypingUpdate(nick: nick, typing: isTyping.boolValue ?? false),
                 broadcast: true, includeSelf: false)
    }
}

socketio.on("disconnect") {
    let sid = request.sid ?? ""
    let (nick, online) = try await chat.leave(sid: sid)
    if let nick {
        try emit("presence", Presence(event: "leave", nick: nick, online: online), broadcast: true)
    }
}

// 7. Run: --host and --port (0 = any free port) come from the command line, as with `flask run`.
//    Once stopped (Ctrl-C, SIGTERM), a cluster member takes its clients out of the online count.
socketio.run(app)
chat.close()
