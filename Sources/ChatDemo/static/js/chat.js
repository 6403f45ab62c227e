/*
 * The chat's browser side, shared by Sources/ChatDemo/main.swift (Flaskish) and
 * docs/python/app.py (Flask-SocketIO). It needs the Socket.IO client that both servers
 * serve at /socket.io/socket.io.js, and the elements of templates/index.html.
 *
 * The event protocol, namespace "/" (docs/tutorial.md explains it step by step):
 *
 *   client -> server
 *     join(nickname)     ack {ok: true, nick, history: [message, ...], online}
 *                            or {ok: false, error}         nickname: 1-32 characters
 *     message(text)      ack {ok: true, id, time} or {ok: false, error}
 *                                                           text: 1-500 characters
 *     typing(bool)       no ack
 *
 *   server -> client
 *     message            {id, nick, text, time}  another user's message (time: ms since 1970)
 *                        or a bare string: the tutorial's send(msg, broadcast=True) from a
 *                        client that never joined
 *     presence           {event: "join" | "leave", nick, online}
 *     typing             {nick, typing}
 *
 * The sender is not sent its own message back: it shows it at once, "sending", and the
 * ack marks it delivered (with the server's id and time) or refused (with the reason).
 * Lengths count Unicode code points, as Python's len and Swift's unicodeScalars.count.
 * Everything users wrote is put in the page as text (textContent), never as HTML.
 *
 * The words are the page's: the server renders index.html in the browser's language and puts
 * that language's strings in <script id="strings"> (Sources/ChatDemo/Translations.swift,
 * docs/python/translations.py); `say(key, {name: value})` fills in their {name} placeholders.
 */
(function () {
  "use strict";

  var MAX_MESSAGE_LENGTH = 500;
  var MAX_NICKNAME_LENGTH = 32;
  var COUNTER_FROM = 400;          // show the character counter from this length on
  var ACK_TIMEOUT_MS = 10000;      // a message without an answer by then is "not delivered"
  var JOIN_RETRY_MS = 2000;        // a join without an answer is tried again after this
  var TYPING_IDLE_MS = 3000;       // we stop "typing" after this long without a key
  var TYPING_EXPIRY_MS = 6000;     // others' "typing" fades if not renewed (lost "false")
  var MAX_SHOWN = 500;             // older entries leave the page
  var NICKNAME_KEY = "flaskish-chat.nickname";

  function byId(id) { return document.getElementById(id); }

  var STRINGS = JSON.parse(byId("strings").textContent);
  var LANG = document.documentElement.lang;

  /** The page's string `key`, with `{name}` replaced by `values[name]`. */
  function say(key, values) {
    return STRINGS[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }
  var ui = {
    online: byId("online-count"),
    me: byId("me"),
    meNick: byId("me-nick"),
    changeNick: byId("change-nick"),
    connection: byId("connection"),
    messages: byId("messages"),
    typing: byId("typing"),
    composer: byId("composer"),
    text: byId("text"),
    composerError: byId("composer-error"),
    counter: byId("counter"),
    dialog: byId("nick-dialog"),
    nickForm: byId("nick-form"),
    nick: byId("nick"),
    nickError: byId("nick-error")
  };

  var socket = io({ reconnectionDelay: 500, reconnectionDelayMax: 2000 });
  var state = {
    nick: storedNickname(),   // the nickname we join with
    joined: false,            // joined on the current connection
    everJoined: false,
    shownIds: new Set(),      // message ids on the page, so replays never duplicate
    typers: new Map(),        // nick -> timer that forgets them
    typingSent: false,
    typingTimer: null
  };
  window.chat = { socket: socket, state: state }; // for the console and the browser tests

  // ------------------------------------------------------------------ text rules

  function length(text) { return Array.from(text).length; }

  /** Why `text` may not be sent, or null; the server says the same in its ack. */
  function refusal(text, what, limit) {
    var trimmed = text.trim();
    if (!trimmed) return say(what + "Empty");
    var n = length(trimmed);
    if (n > limit) return say(what + "TooLong", { length: n, limit: limit });
    return null;
  }

  function storedNickname() {
    try { return localStorage.getItem(NICKNAME_KEY); } catch (e) { return null; }
  }

  function storeNickname(nick) {
    try {
      if (nick === null) localStorage.removeItem(NICKNAME_KEY);
      else localStorage.setItem(NICKNAME_KEY, nick);
    } catch (e) { /* private mode: we ask again next time */ }
  }

  // -------------------------------------------------------------------- rendering

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function timeElement(ms) {
    var date = new Date(ms);
    var node = el("time", "time", date.toLocaleTimeString(LANG, { hour: "2-digit", minute: "2-digit" }));
    node.dateTime = date.toISOString();
    node.title = date.toLocaleString(LANG);
    return node;
  }

  function nearBottom() {
    var list = ui.messages;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function append(node, forceScroll) {
    var stick = forceScroll || nearBottom();
    ui.messages.appendChild(node);
    while (ui.messages.children.length > MAX_SHOWN) {
      var old = ui.messages.firstElementChild;
      if (old.dataset.id) state.shownIds.delete(old.dataset.id);
      old.remove();
    }
    if (stick) ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /** One message: nick, time, text; `sending` adds the delivery mark the ack updates. */
  function messageNode(message, own, sending) {
    var item = el("li", "message" + (own ? " own" : ""));
    if (message.id) item.dataset.id = message.id;
    var meta = el("p", "meta");
    var nick = el("span", "nick", message.nick || say("anonymous"));
    if (own) nick.setAttribute("aria-label", say("you", { nick: message.nick || "" }));
    meta.appendChild(nick);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(timeElement(message.time));
    item.appendChild(meta);
    item.appendChild(el("p", "text", message.text));
    if (sending) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "status"));
      setStatus(item, "pending");
    }
    return item;
  }

  var STATUS_TEXT = { pending: say("statusPending"), delivered: say("statusDelivered"), failed: say("statusFailed") };
  var STATUS_LABEL = { pending: say("labelPending"), delivered: say("labelDelivered"), failed: say("labelFailed") };

  function setStatus(item, status, reason) {
    item.dataset.status = status;
    var mark = item.querySelector(".status");
    mark.textContent = STATUS_TEXT[status];
    mark.title = reason || STATUS_LABEL[status];
    mark.setAttribute("aria-label", STATUS_LABEL[status]);
    var old = item.querySelector(".reason");
    if (old) old.remove();
    if (reason) item.appendChild(el("p", "reason", reason));
  }

  function showMessage(message) {
    if (typeof message === "string") message = { text: message, time: Date.now() }; // the tutorial's bare send
    if (!message || typeof message.text !== "string") return;
    if (message.id) {
      if (state.shownIds.has(message.id)) return;
      state.shownIds.add(message.id);
    }
    append(messageNode(message, message.nick !== undefined && message.nick === state.nick, false));
  }

  function showNotice(text) {
    append(el("li", "notice", text));
  }

  function setOnline(count) {
    if (typeof count === "number") ui.online.textContent = String(count);
  }

  // ---------------------------------------------------------- connection state

  var CONNECTION_TEXT = {
    connecting: say("connecting"),
    reconnecting: say("reconnecting"),
    connected: say("connected"),
    offline: say("disconnected")
  };

  function setConnection(name, detail) {
    ui.connection.dataset.state = name;
    ui.connection.textContent = CONNECTION_TEXT[name] + (detail ? " " + detail : "");
  }

  socket.on("connect", function () {
    setConnection("connected");
    if (state.nick) join(state.nick, false);
    else askNickname();
  });

  socket.on("disconnect", function (reason) {
    state.joined = false;
    state.typingSent = false;
    clearTypers();
    setConnection(reason === "io client disconnect" ? "offline" : "reconnecting");
  });

  socket.on("connect_error", function () {
    setConnection(state.everJoined ? "reconnecting" : "connecting", say("retrying"));
  });

  socket.io.on("reconnect_attempt", function (attempt) {
    if (attempt > 1) setConnection("reconnecting", say("attempt", { attempt: attempt }));
  });

  // Leaving the page says goodbye at once, so the others see "left" now rather than after a
  // heartbeat timeout; a page restored from the back/forward cache comes back in.
  window.addEventListener("pagehide", function () { socket.disconnect(); });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && !socket.connected) {
      setConnection("reconnecting");
      socket.connect();
    }
  });

  // --------------------------------------------------------------------- joining

  function askNickname(reason) {
    ui.nickError.textContent = reason || "";
    if (!ui.nick.value && state.nick) ui.nick.value = state.nick;
    if (!ui.dialog.open) ui.dialog.showModal();
    ui.nick.focus();
  }

  // The chat needs a name: Escape does not dismiss the question. Browsers may close a modal
  // dialog on Escape even when `cancel` is prevented, so a premature close reopens it.
  ui.dialog.addEventListener("cancel", function (event) { event.preventDefault(); });
  ui.dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") event.preventDefault();
  });
  ui.dialog.addEventListener("close", function () {
    if (!state.joined) askNickname(ui.nickError.textContent);
  });

  ui.nickForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var reason = refusal(ui.nick.value, "nickname", MAX_NICKNAME_LENGTH);
    if (reason) return askNickname(reason);
    state.nick = ui.nick.value.trim();
    if (socket.connected) join(state.nick, true);
    else ui.nickError.textContent = say("notConnectedYet");
  });

  ui.changeNick.addEventListener("click", function () {
    // A new name is a new arrival: leave (others see it) and come back through the question.
    storeNickname(null);
    location.reload();
  });

  function join(nick, fromDialog) {
    socket.timeout(ACK_TIMEOUT_MS).emit("join", nick, function (err, reply) {
      if (err) {
        // Dropped connection: "connect" joins again. Connected but silent: ask again shortly.
        if (!socket.connected) return;
        if (ui.dialog.open) ui.nickError.textContent = say("noAnswerRetrying");
        setTimeout(function () {
          if (socket.connected && !state.joined && state.nick === nick) join(nick, fromDialog);
        }, JOIN_RETRY_MS);
        return;
      }
      if (!reply || !reply.ok) {
        storeNickname(null);
        state.nick = null;
        return askNickname((reply && reply.error) || say("nicknameRefused"));
      }
      var first = !state.everJoined;
      state.joined = state.everJoined = true;
      state.nick = reply.nick;
      storeNickname(reply.nick);
      ui.meNick.textContent = reply.nick;
      ui.me.hidden = false;
      (reply.history || []).forEach(showMessage);
      showNotice(first ? say("joinedAs", { nick: reply.nick }) : say("reconnected"));
      setOnline(reply.online);
      ui.text.disabled = false;
      byId("send").disabled = false;
      if (ui.dialog.open) ui.dialog.close();
      if (fromDialog || document.activeElement === document.body || document.activeElement === null) ui.text.focus();
      ui.messages.scrollTop = ui.messages.scrollHeight;
    });
  }

  // ------------------------------------------------------------------- messages

  socket.on("message", function (message) {
    if (message && message.nick) forgetTyper(message.nick);
    showMessage(message);
  });

  socket.on("presence", function (change) {
    if (!change || typeof change.nick !== "string") return;
    showNotice(say(change.event === "leave" ? "left" : "joined", { nick: change.nick }));
    if (change.event === "leave") forgetTyper(change.nick);
    setOnline(change.online);
  });

  ui.composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var reason = refusal(ui.text.value, "message", MAX_MESSAGE_LENGTH);
    if (!reason && !state.joined) reason = say("notConnected");
    if (reason) {
      ui.composerError.textContent = reason;
      ui.text.setAttribute("aria-invalid", "true");
      ui.text.focus();
      return;
    }
    var text = ui.text.value.trim();
    var item = messageNode({ nick: state.nick, text: text, time: Date.now() }, true, true);
    append(item, true);
    ui.text.value = "";
    clearComposerError();
    updateCounter();
    stopTyping();
    ui.text.focus();
    socket.timeout(ACK_TIMEOUT_MS).emit("message", text, function (err, reply) {
      if (err) return setStatus(item, "failed", say("noAnswer"));
      if (!reply || !reply.ok) return setStatus(item, "failed", (reply && reply.error) || say("refused"));
      if (reply.id) {
        item.dataset.id = reply.id;
        state.shownIds.add(reply.id);
      }
      if (typeof reply.time === "number") item.querySelector("time").replaceWith(timeElement(reply.time));
      setStatus(item, "delivered");
    });
  });

  function clearComposerError() {
    ui.composerError.textContent = "";
    ui.text.removeAttribute("aria-invalid");
  }

  function updateCounter() {
    var n = length(ui.text.value.trim());
    ui.counter.textContent = n >= COUNTER_FROM ? n + " / " + MAX_MESSAGE_LENGTH : "";
    ui.counter.classList.toggle("over", n > MAX_MESSAGE_LENGTH);
  }

  // --------------------------------------------------------------------- typing

  ui.text.addEventListener("input", function () {
    if (ui.composerError.textContent) clearComposerError();
    updateCounter();
    if (!ui.text.value.trim()) return stopTyping();
    if (!state.typingSent && state.joined) {
      state.typingSent = true;
      socket.emit("typing", true);
    }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
  });
  ui.text.addEventListener("blur", function () { stopTyping(); });

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.typingSent && state.joined) socket.emit("typing", false);
    state.typingSent = false;
  }

  socket.on("typing", function (update) {
    if (!update || typeof update.nick !== "string") return;
    if (!update.typing) return forgetTyper(update.nick);
    clearTimeout(state.typers.get(update.nick));
    state.typers.set(update.nick, setTimeout(function () { forgetTyper(update.nick); }, TYPING_EXPIRY_MS));
    renderTypers();
  });

  function forgetTyper(nick) {
    if (!state.typers.has(nick)) return;
    clearTimeout(state.typers.get(nick));
    state.typers.delete(nick);
    renderTypers();
  }

  function clearTypers() {
    state.typers.forEach(function (timer) { clearTimeout(timer); });
    state.typers.clear();
    renderTypers();
  }

  function renderTypers() {
    var names = Array.from(state.typers.keys());
    ui.typing.textContent =
      names.length === 0 ? "" :
      names.length === 1 ? say("typingOne", { nick: names[0] }) :
      names.length === 2 ? say("typingTwo", { first: names[0], second: names[1] }) :
      say("typingMany");
  }
})();
