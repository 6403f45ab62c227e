/*
 * Flaskish Socket.IO client — a small browser client for Socket.IO v4 servers
 * (Engine.IO protocol 4, Socket.IO protocol 5). Written for Flaskish; it speaks to
 * any v4 server (Flaskish, Flask-SocketIO / python-socketio, the Node.js server).
 *
 * A classic script with no dependencies and no build step: it defines the global
 * `io`, with the same surface as the official client for the common cases:
 *
 *   var socket = io("/chat", { auth: { token: "…" } });
 *   socket.on("connect", function () { socket.emit("hello", 1, function (reply) { … }); });
 *
 * Layers, bottom to top (each section below is one of them):
 *   Emitter       — on/once/off/emit, shared by everything else.
 *   Engine codec  — Engine.IO packets as text frames, binary frames or "b<base64>".
 *   Transports    — long-polling (fetch) and WebSocket; same small event interface.
 *   Engine        — one Engine.IO session: handshake, heartbeat, write buffer, upgrade.
 *   Socket.IO codec — packets, namespaces, ack ids, binary placeholders.
 *   Manager       — owns one Engine, reconnects with back-off, multiplexes namespaces.
 *   Socket        — one namespace: connect/auth, events, acks, buffering.
 *   io()          — parses the URL and shares Managers between sockets of one server.
 */
(function (global) {
  "use strict";

  // ---------------------------------------------------------------- Emitter

  /** Minimal event emitter; the Socket hides `emit` behind the wire, so local
   *  dispatch always goes through `_fire`. */
  function Emitter() {}
  Emitter.prototype.on = function (event, fn) {
    var table = this._listeners || (this._listeners = {});
    (table[event] || (table[event] = [])).push(fn);
    return this;
  };
  Emitter.prototype.addEventListener = Emitter.prototype.on;
  Emitter.prototype.once = function (event, fn) {
    var self = this;
    function wrapper() { self.off(event, wrapper); fn.apply(self, arguments); }
    wrapper.original = fn; // lets off(event, fn) find the wrapper
    return this.on(event, wrapper);
  };
  Emitter.prototype.off = function (event, fn) {
    if (!this._listeners) return this;
    if (event === undefined) { this._listeners = {}; return this; }
    if (fn === undefined) { delete this._listeners[event]; return this; }
    var list = this._listeners[event] || [];
    for (var i = 0; i < list.length; i++) {
      if (list[i] === fn || list[i].original === fn) { list.splice(i, 1); break; }
    }
    return this;
  };
  Emitter.prototype.removeListener = Emitter.prototype.off;
  Emitter.prototype.removeAllListeners = function (event) { return this.off(event); };
  Emitter.prototype.listeners = function (event) {
    return ((this._listeners && this._listeners[event]) || []).slice();
  };
  Emitter.prototype.hasListeners = function (event) { return this.listeners(event).length > 0; };
  Emitter.prototype._fire = function (event) {
    var args = Array.prototype.slice.call(arguments, 1);
    // Copy first: a listener may remove itself (once) while we iterate.
    var list = this.listeners(event);
    for (var i = 0; i < list.length; i++) list[i].apply(this, args);
    return this;
  };
  Emitter.prototype.emit = Emitter.prototype._fire;

  function inherit(Child) {
    Child.prototype = Object.create(Emitter.prototype);
    Child.prototype.constructor = Child;
  }

  /** Subscribes and returns the matching unsubscribe, so owners can drop all their
   *  listeners on a transport or manager in one go when they let it go. */
  function listen(target, event, fn) {
    target.on(event, fn);
    return function () { target.off(event, fn); };
  }

  // ----------------------------------------------------------- binary helpers

  var hasBlob = typeof Blob === "function";

  function isBinary(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value) ||
      (hasBlob && value instanceof Blob);
  }

  /** Bytes of an ArrayBuffer or of exactly the window a typed array / DataView shows. */
  function bytesOf(value) {
    return value instanceof ArrayBuffer ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  function toBase64(value) {
    var bytes = bytesOf(value), text = "";
    // fromCharCode takes arguments on the stack: go in slices to stay under its limit.
    for (var i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  }

  function fromBase64(text) {
    var raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  // ------------------------------------------------------- Engine.IO codec

  var ENGINE_TYPES = ["open", "close", "ping", "pong", "message", "upgrade", "noop"];
  var ENGINE_CODES = {};
  ENGINE_TYPES.forEach(function (name, code) { ENGINE_CODES[name] = String(code); });
  var RECORD_SEPARATOR = "\x1e"; // joins packets in one polling body
  // python-engineio (behind Flask-SocketIO) refuses a polling body of more than 16
  // packets and drops the session, so never send more in one POST.
  var MAX_PACKETS_PER_POST = 16;

  /** A text frame is "<type digit><data>"; a binary frame is a whole message. */
  function decodeEngineText(text) {
    var type = ENGINE_TYPES[text.charCodeAt(0) - 48];
    if (!type) throw new Error("invalid Engine.IO packet");
    return { type: type, data: text.length > 1 ? text.slice(1) : undefined };
  }

  /** Polling bodies are text only, so binary messages travel as "b<base64>". */
  function decodePollingPacket(text) {
    if (text.charAt(0) === "b") return { type: "message", data: fromBase64(text.slice(1)) };
    return decodeEngineText(text);
  }

  function encodePollingPacket(packet) {
    if (isBinary(packet.data)) return "b" + toBase64(packet.data);
    return ENGINE_CODES[packet.type] + (packet.data === undefined ? "" : packet.data);
  }

  // ------------------------------------------------------------- Transports
  //
  // Both transports emit: "open" (ready to carry packets), "packet", "drain" (the
  // last send went out), "error" (could not open, or broke) and "close".

  function engineURL(engine, scheme, transportName) {
    var params = new URLSearchParams(engine.query);
    params.set("EIO", "4");
    params.set("transport", transportName);
    if (engine.id) params.set("sid", engine.id);
    // Some proxies and browsers cache GETs despite the headers: make each unique.
    if (transportName === "polling") params.set("t", Date.now().toString(36) + (requestCounter++).toString(36));
    return scheme + "//" + engine.host + engine.path + "?" + params.toString();
  }
  var requestCounter = 0;

  /** Long-polling: a GET is always parked on the server to receive, and one POST
   *  at a time carries what we send. */
  function Polling(engine) {
    this.name = "polling";
    this.engine = engine;
    this.state = "closed";
    this.writable = false;
    this._getting = false;
    this._posting = false;
    this._onPaused = null;
    this._aborter = typeof AbortController === "function" ? new AbortController() : null;
  }
  inherit(Polling);

  Polling.prototype.open = function () {
    this.state = "opening";
    this._poll(); // the first answer carries the handshake
  };

  Polling.prototype._request = function (method, body) {
    var scheme = this.engine.secure ? "https:" : "http:";
    var init = { method: method, cache: "no-store", credentials: this.engine.withCredentials ? "include" : "same-origin" };
    if (this._aborter) init.signal = this._aborter.signal;
    if (body !== undefined) {
      init.body = body;
      init.headers = { "Content-Type": "text/plain;charset=UTF-8" };
    }
    return fetch(engineURL(this.engine, scheme, "polling"), init).then(function (response) {
      if (!response.ok) throw new Error("polling request failed with status " + response.status);
      return response.text();
    });
  };

  Polling.prototype._poll = function () {
    var self = this;
    this._getting = true;
    this._request("GET").then(function (body) {
      self._getting = false;
      if (self.state === "closed") return;
      var parts = body.split(RECORD_SEPARATOR);
      for (var i = 0; i < parts.length; i++) {
        if (parts[i] === "") continue;
        var packet = decodePollingPacket(parts[i]);
        if (self.state === "opening" && packet.type === "open") {
          self.state = "open";
          self.writable = true;
          self._fire("open");
        }
        self._fire("packet", packet);
        if (self.state === "closed") return; // a packet closed us (close, bad handshake…)
      }
      if (self._onPaused) self._checkPaused();
      else if (self.state === "open") self._poll();
    }, function (err) { self._failed(err); });
  };

  Polling.prototype.send = function (packets) {
    var self = this;
    this.writable = false;
    this._posting = true;
    this._request("POST", packets.map(encodePollingPacket).join(RECORD_SEPARATOR)).then(function () {
      self._posting = false;
      if (self.state === "closed") return;
      self.writable = true;
      self._fire("drain");
      if (self._onPaused) self._checkPaused();
    }, function (err) { self._failed(err); });
  };

  /** For the upgrade: stop polling, and call back once no request is in flight, so
   *  no packet can arrive on (or leave by) this transport after the switch. */
  Polling.prototype.pause = function (onPaused) {
    this._onPaused = onPaused;
    this._checkPaused();
  };

  Polling.prototype._checkPaused = function () {
    if (this._getting || this._posting || !this._onPaused) return;
    var done = this._onPaused;
    this._onPaused = null;
    this.state = "paused";
    done();
  };

  /** Undoes pause() when the upgrade falls through. */
  Polling.prototype.resume = function () {
    this._onPaused = null;
    if (this.state === "paused") this.state = "open";
    if (this.state === "open" && !this._getting) this._poll();
  };

  Polling.prototype._failed = function (err) {
    if (this.state === "closed") return; // our own abort
    this._fire("error", err);
  };

  /** `graceful` says goodbye with a close packet, so the server frees the session
   *  at once rather than after a ping timeout. The held GET is aborted only once the
   *  goodbye has been answered: a server that sees the GET's connection drop first ends
   *  the session as a transport close, and the goodbye would then meet a 400. */
  Polling.prototype.close = function (graceful) {
    var wasOpen = this.state === "open";
    var aborter = this._aborter;
    this.state = "closed";
    this.writable = false;
    this._aborter = null; // the goodbye below must not be aborted with the rest
    var abortRest = function () { if (aborter) aborter.abort(); };
    if (graceful && wasOpen) this._request("POST", ENGINE_CODES.close).then(abortRest, abortRest);
    else abortRest();
  };

  /** WebSocket: one Engine.IO packet per frame, text or binary as the data is. */
  function WebSocketTransport(engine) {
    this.name = "websocket";
    this.engine = engine;
    this.state = "closed";
    this.writable = false;
  }
  inherit(WebSocketTransport);

  WebSocketTransport.prototype.open = function () {
    var self = this, ws;
    this.state = "opening";
    try {
      ws = this.ws = new WebSocket(engineURL(this.engine, this.engine.secure ? "wss:" : "ws:", "websocket"));
    } catch (err) {
      // A malformed URL throws synchronously: report it like any other failure, later.
      setTimeout(function () { self._fire("error", err); }, 0);
      return;
    }
    ws.binaryType = "arraybuffer"; // received binary is delivered as ArrayBuffer
    ws.onopen = function () {
      self.state = "open";
      self.writable = true;
      self._fire("open");
    };
    ws.onmessage = function (event) {
      if (self.state === "closed") return;
      var packet;
      try {
        packet = typeof event.data === "string" ? decodeEngineText(event.data)
          : { type: "message", data: event.data };
      } catch (err) { return self._fire("error", err); }
      self._fire("packet", packet);
    };
    // Browsers say nothing useful in "error" and always follow it with "close".
    ws.onclose = function (event) {
      var wasOpen = self.state === "open";
      if (self.state === "closed") return;
      self.state = "closed";
      self.writable = false;
      if (wasOpen) self._fire("close", event);
      else self._fire("error", new Error("websocket error"));
    };
  };

  WebSocketTransport.prototype.send = function (packets) {
    var self = this;
    for (var i = 0; i < packets.length; i++) {
      var packet = packets[i];
      if (isBinary(packet.data)) this.ws.send(packet.data);
      else this.ws.send(ENGINE_CODES[packet.type] + (packet.data === undefined ? "" : packet.data));
    }
    // The socket buffers internally; drain on a later turn so callers see one
    // behaviour for both transports (send, then drain asynchronously).
    this.writable = false;
    setTimeout(function () {
      if (self.state !== "open") return;
      self.writable = true;
      self._fire("drain");
    }, 0);
  };

  WebSocketTransport.prototype.close = function () {
    this.state = "closed";
    this.writable = false;
    if (this.ws) {
      this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
      this.ws.close();
    }
  };

  var TRANSPORTS = { polling: Polling, websocket: WebSocketTransport };

  // ----------------------------------------------------------------- Engine

  /** One Engine.IO session. Emits "open", "message" (string or ArrayBuffer),
   *  "error" (failed before the handshake) and "close" (reason, details). */
  function Engine(opts) {
    this.host = opts.host;
    this.secure = opts.secure;
    this.path = opts.path;
    this.query = opts.query;
    this.withCredentials = !!opts.withCredentials;
    this.transports = opts.transports.filter(function (name) { return TRANSPORTS[name]; });
    this.upgrade = opts.upgrade !== false;
    this.state = "closed";
    this.id = null;
    this.transport = null;
    this.writeBuffer = [];
    this._inFlight = 0;       // packets handed to the transport, not yet drained
    this._upgrading = false;  // writes wait while the transport is being swapped
    this._transportSubs = [];
    this._probe = null;
    this._pingTimer = null;
  }
  inherit(Engine);

  Engine.prototype.open = function () {
    if (!this.transports.length) {
      var self = this;
      setTimeout(function () { self._fire("error", new Error("no usable transport")); }, 0);
      return;
    }
    this.state = "opening";
    this._tryTransport(0);
  };

  /** Opens transports[index]; while no handshake has happened, a failure moves on
   *  to the next one (websocket blocked by a proxy → long-polling). */
  Engine.prototype._tryTransport = function (index) {
    this._transportIndex = index;
    this._useTransport(new TRANSPORTS[this.transports[index]](this));
    this.transport.open();
  };

  Engine.prototype._useTransport = function (transport) {
    var self = this;
    this._dropTransport();
    this.transport = transport;
    this._transportSubs = [
      listen(transport, "packet", function (packet) { self._onPacket(packet); }),
      listen(transport, "drain", function () { self._onDrain(); }),
      listen(transport, "close", function () { self._onClose("transport close"); }),
      listen(transport, "error", function (err) {
        if (self.state === "opening" && self._transportIndex + 1 < self.transports.length) {
          self._tryTransport(self._transportIndex + 1);
        } else {
          self._failed(err);
        }
      })
    ];
  };

  Engine.prototype._dropTransport = function (graceful) {
    this._transportSubs.forEach(function (unsubscribe) { unsubscribe(); });
    this._transportSubs = [];
    if (this.transport) this.transport.close(graceful);
    this.transport = null;
  };

  Engine.prototype._onPacket = function (packet) {
    if (this.state === "closed") return;
    this._armPingTimer(); // any traffic proves the server is alive
    switch (packet.type) {
      case "open": return this._onHandshake(packet.data);
      case "ping": this._fire("ping"); return this._send("pong");
      case "message": return this._fire("message", packet.data);
      case "close": return this._onClose("transport close");
      // "pong", "noop": nothing to do (noop only unblocks a parked GET)
    }
  };

  Engine.prototype._onHandshake = function (json) {
    var handshake;
    try { handshake = JSON.parse(json); } catch (err) { return this._failed(err); }
    if (this.state !== "opening" || !handshake || typeof handshake.sid !== "string") {
      return this._failed(new Error("invalid handshake"));
    }
    this.id = handshake.sid;
    this.pingInterval = handshake.pingInterval;
    this.pingTimeout = handshake.pingTimeout;
    this.maxPayload = handshake.maxPayload || 0;
    this.state = "open";
    this._armPingTimer();
    this._fire("open");
    this._flush();
    var upgrades = handshake.upgrades || [];
    if (this.state === "open" && this.upgrade && this.transport.name === "polling" &&
        upgrades.indexOf("websocket") >= 0 && this.transports.indexOf("websocket") >= 0) {
      this._probeWebSocket();
    }
  };

  /** The server pings every pingInterval and waits pingTimeout for our pong; if
   *  nothing at all arrives in their sum, the server or the network is gone. */
  Engine.prototype._armPingTimer = function () {
    var self = this;
    clearTimeout(this._pingTimer);
    if (this.state !== "open" || !this.pingInterval) return;
    this._pingTimer = setTimeout(function () { self._onClose("ping timeout"); },
      this.pingInterval + this.pingTimeout);
  };

  /** Upgrade from polling: open a WebSocket with our sid, check it end to end with
   *  "2probe"/"3probe", stop polling, then send "5" so the server switches. Until
   *  the switch, polling goes on carrying traffic; if the probe fails, it just stays. */
  Engine.prototype._probeWebSocket = function () {
    var self = this, probe = new WebSocketTransport(this), subs = [];
    this._probe = probe;
    function abandon() {
      subs.forEach(function (unsubscribe) { unsubscribe(); });
      probe.close();
      if (self._probe === probe) self._probe = null;
      if (self._upgrading) {
        self._upgrading = false;
        if (self.transport) self.transport.resume(); // polling may be half paused
        self._flush();
      }
    }
    subs.push(listen(probe, "open", function () { probe.send([{ type: "ping", data: "probe" }]); }));
    subs.push(listen(probe, "error", abandon));
    subs.push(listen(probe, "close", abandon));
    subs.push(listen(probe, "packet", function (packet) {
      if (packet.type !== "pong" || packet.data !== "probe") return abandon();
      self._upgrading = true;
      self.transport.pause(function () {
        if (self.state !== "open") return abandon();
        subs.forEach(function (unsubscribe) { unsubscribe(); });
        self._probe = null;
        self._useTransport(probe); // the paused polling transport is simply dropped
        probe.send([{ type: "upgrade" }]);
        self._upgrading = false;
        self._fire("upgrade", probe.name);
      });
    }));
    probe.open();
  };

  /** Queues an Engine.IO "message"; `data` is a string or binary. */
  Engine.prototype.write = function (data) { this._send("message", data); };

  Engine.prototype._send = function (type, data) {
    if (this.state !== "open" && this.state !== "closing") return;
    this.writeBuffer.push({ type: type, data: data });
    this._flush();
  };

  Engine.prototype._flush = function () {
    var transport = this.transport;
    if ((this.state !== "open" && this.state !== "closing") || this._upgrading || this._inFlight ||
        !transport || !transport.writable || !this.writeBuffer.length) return;
    var packets = this._nextBatch(transport.name === "polling");
    this._inFlight = packets.length;
    transport.send(packets);
  };

  /** A polling body must stay under the server's maxPayload and packet count; take
   *  as many packets as fit (always at least one: the server then judges it). */
  Engine.prototype._nextBatch = function (polling) {
    if (!polling) return this.writeBuffer.slice();
    var limit = Math.min(this.writeBuffer.length, MAX_PACKETS_PER_POST), size = 0, count;
    for (count = 0; count < limit; count++) {
      var data = this.writeBuffer[count].data;
      // Close enough: base64 grows binary by 4/3; type digit and separator add 2.
      size += (isBinary(data) ? Math.ceil(bytesOf(data).length * 4 / 3) : String(data || "").length) + 2;
      if (count > 0 && this.maxPayload && size > this.maxPayload) break;
    }
    return this.writeBuffer.slice(0, count);
  };

  Engine.prototype._onDrain = function () {
    this.writeBuffer.splice(0, this._inFlight);
    this._inFlight = 0;
    if (this.writeBuffer.length) this._flush();
    else this._fire("drain");
  };

  /** Client-side close: let queued packets (a DISCONNECT, typically) go out first. */
  Engine.prototype.close = function () {
    var self = this;
    if (this.state === "opening") return this._onClose("forced close");
    if (this.state !== "open") return;
    this.state = "closing";
    if (this.writeBuffer.length) this.once("drain", finish);
    else finish();
    function finish() { self._onClose("forced close", undefined, true); }
  };

  /** Failure before the handshake completes: "error", never "close". After, a
   *  broken transport ends the session as "transport error". */
  Engine.prototype._failed = function (err) {
    if (this.state === "opening") {
      this.state = "closed";
      this._dropTransport();
      this._fire("error", err);
    } else {
      this._onClose("transport error", err);
    }
  };

  Engine.prototype._onClose = function (reason, details, graceful) {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this._pingTimer);
    if (this._probe) { this._probe.close(); this._probe = null; }
    this._dropTransport(graceful);
    this.writeBuffer = [];
    this._inFlight = 0;
    this._fire("close", reason, details);
  };

  // ------------------------------------------------------- Socket.IO codec

  var CONNECT = 0, DISCONNECT = 1, EVENT = 2, ACK = 3, CONNECT_ERROR = 4, BINARY_EVENT = 5, BINARY_ACK = 6;

  function isPlainContainer(value) {
    return Array.isArray(value) ||
      (value !== null && typeof value === "object" && !isBinary(value) && typeof value.toJSON !== "function");
  }

  function findBinary(value, predicate) {
    if (predicate(value)) return true;
    if (!isPlainContainer(value)) return false;
    for (var key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key) && findBinary(value[key], predicate)) return true;
    }
    return false;
  }

  function isBlob(value) { return hasBlob && value instanceof Blob; }

  /** Blobs can only be read asynchronously; swap them for ArrayBuffers first. */
  function readBlobs(value) {
    if (isBlob(value)) return value.arrayBuffer();
    if (!isPlainContainer(value)) return Promise.resolve(value);
    var copy = Array.isArray(value) ? [] : {}, pending = [];
    Object.keys(value).forEach(function (key) {
      pending.push(readBlobs(value[key]).then(function (read) { copy[key] = read; }));
    });
    return Promise.all(pending).then(function () { return copy; });
  }

  /** Copies `value` with each binary leaf replaced by a numbered placeholder; the
   *  binaries themselves go, in that order, into `attachments`. */
  function extractBinary(value, attachments) {
    if (isBinary(value)) {
      attachments.push(value);
      return { _placeholder: true, num: attachments.length - 1 };
    }
    if (!isPlainContainer(value)) return value;
    var copy = Array.isArray(value) ? [] : {};
    for (var key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) copy[key] = extractBinary(value[key], attachments);
    }
    return copy;
  }

  function restoreBinary(value, attachments) {
    if (value && value._placeholder === true && typeof value.num === "number") {
      if (value.num < 0 || value.num >= attachments.length) throw new Error("bad attachment index");
      return attachments[value.num];
    }
    if (value !== null && typeof value === "object") {
      for (var key in value) {
        if (Object.prototype.hasOwnProperty.call(value, key)) value[key] = restoreBinary(value[key], attachments);
      }
    }
    return value;
  }

  /** Packet → Engine.IO messages: one text header, then one binary per attachment.
   *  Text: <type>[<attachments>-][<nsp>,][<ack id>][<JSON>] */
  function encodePacket(packet) {
    var type = packet.type, data = packet.data, attachments = [];
    if ((type === EVENT || type === ACK) && findBinary(data, isBinary)) {
      data = extractBinary(data, attachments);
      type = type === EVENT ? BINARY_EVENT : BINARY_ACK;
    }
    var text = String(type);
    if (attachments.length) text += attachments.length + "-";
    if (packet.nsp && packet.nsp !== "/") text += packet.nsp + ",";
    if (packet.id !== undefined) text += packet.id;
    if (data !== undefined) text += JSON.stringify(data);
    return [text].concat(attachments);
  }

  function decodeHeader(text) {
    var type = text.charCodeAt(0) - 48, i = 1, packet = { type: type, nsp: "/" };
    if (!(type >= CONNECT && type <= BINARY_ACK)) throw new Error("unknown packet type");
    if (type === BINARY_EVENT || type === BINARY_ACK) {
      var dash = text.indexOf("-", i);
      packet.attachments = Number(text.slice(i, dash));
      if (dash < 0 || !(packet.attachments >= 0)) throw new Error("bad attachment count");
      i = dash + 1;
    }
    if (text.charAt(i) === "/") {
      var comma = text.indexOf(",", i);
      var end = comma < 0 ? text.length : comma;
      packet.nsp = text.slice(i, end);
      i = comma < 0 ? end : end + 1;
    }
    var digits = /^\d*/.exec(text.slice(i))[0];
    if (digits) { packet.id = Number(digits); i += digits.length; }
    if (i < text.length) packet.data = JSON.parse(text.slice(i));
    var ok = {};
    ok[CONNECT] = packet.data === undefined || typeof packet.data === "object";
    ok[CONNECT_ERROR] = typeof packet.data === "object" || typeof packet.data === "string";
    ok[DISCONNECT] = packet.data === undefined;
    ok[EVENT] = ok[BINARY_EVENT] = Array.isArray(packet.data) && packet.data.length > 0;
    ok[ACK] = ok[BINARY_ACK] = Array.isArray(packet.data) && packet.id !== undefined;
    if (!ok[type]) throw new Error("invalid payload for packet type " + type);
    return packet;
  }

  /** Reassembles packets: binary packets are a header followed by their attachments. */
  function Decoder(onPacket) {
    this._onPacket = onPacket;
    this._pending = null;
  }
  Decoder.prototype.add = function (message) {
    if (typeof message === "string") {
      if (this._pending) throw new Error("text packet while waiting for attachments");
      var packet = decodeHeader(message);
      if (packet.attachments) { this._pending = { packet: packet, buffers: [] }; return; }
      return this._onPacket(packet);
    }
    if (!this._pending) throw new Error("unexpected binary message");
    var pending = this._pending;
    pending.buffers.push(message);
    if (pending.buffers.length < pending.packet.attachments) return;
    this._pending = null;
    pending.packet.data = restoreBinary(pending.packet.data, pending.buffers);
    pending.packet.type = pending.packet.type === BINARY_EVENT ? EVENT : ACK;
    this._onPacket(pending.packet);
  };

  // ---------------------------------------------------------------- Manager

  /** Exponential back-off with jitter, so that a server restart is not met by all
   *  its clients at the same instant. */
  function Backoff(min, max, jitter) {
    this.min = min; this.max = max; this.jitter = jitter; this.attempts = 0;
  }
  Backoff.prototype.next = function () {
    var base = Math.min(this.max, this.min * Math.pow(2, Math.min(this.attempts++, 30)));
    var spread = this.jitter ? base * this.jitter * (2 * Math.random() - 1) : 0;
    return Math.max(0, Math.min(this.max, Math.round(base + spread)));
  };

  /** One connection to one server, shared by the sockets of all its namespaces;
   *  `socket.io` is this object. Emits "open", "close", "error", "packet", "ping",
   *  and the "reconnect_attempt" / "reconnect" / "reconnect_error" /
   *  "reconnect_failed" events applications listen to. */
  function Manager(uri, opts) {
    if (typeof uri === "object" && uri !== null) { opts = uri; uri = undefined; }
    opts = opts || {};
    var url = new URL(uri || global.location.href, global.location.href);
    this.opts = opts;
    this.uri = url.origin;
    this.nsps = {};
    this.engine = null;
    this._readyState = "closed";
    this._reconnection = opts.reconnection !== false;
    this._reconnectionAttempts = opts.reconnectionAttempts === undefined ? Infinity : opts.reconnectionAttempts;
    this.backoff = new Backoff(
      opts.reconnectionDelay === undefined ? 1000 : opts.reconnectionDelay,
      opts.reconnectionDelayMax === undefined ? 5000 : opts.reconnectionDelayMax,
      opts.randomizationFactor === undefined ? 0.5 : opts.randomizationFactor);
    this._timeout = opts.timeout === undefined ? 20000 : opts.timeout;
    this._reconnecting = false;
    this._skipReconnect = false;
    this._engineSubs = [];
    this._outbox = []; // encoded packets waiting for earlier Blob reads, kept in order
    var query = new URLSearchParams(url.search);
    var extra = typeof opts.query === "string" ? new URLSearchParams(opts.query) : (opts.query || {});
    (extra instanceof URLSearchParams ? Array.from(extra.entries()) : Object.keys(extra).map(function (k) {
      return [k, extra[k]];
    })).forEach(function (pair) { query.set(pair[0], String(pair[1])); });
    this._engineOpts = {
      host: url.host,
      secure: url.protocol === "https:" || url.protocol === "wss:",
      path: (opts.path || "/socket.io").replace(/\/$/, "") + "/",
      query: query.toString(),
      withCredentials: opts.withCredentials,
      transports: opts.transports || ["websocket", "polling"],
      upgrade: opts.upgrade
    };
    var self = this;
    this._decoder = new Decoder(function (packet) { self._fire("packet", packet); });
  }
  inherit(Manager);

  Manager.prototype.reconnection = function (value) {
    if (value === undefined) return this._reconnection;
    this._reconnection = !!value;
    return this;
  };

  /** Starts a session unless one is open or opening. `callback(err)` replaces the
   *  default of reconnecting after a failed first attempt. */
  Manager.prototype.open = function (callback) {
    var self = this;
    if (this._readyState === "open" || this._readyState === "opening") return this;
    this._readyState = "opening";
    this._skipReconnect = false;
    var engine = this.engine = new Engine(this._engineOpts);
    var timer = null;
    if (this._timeout !== false) {
      timer = setTimeout(function () { engine._failed(new Error("timeout")); }, this._timeout);
    }
    this._engineSubs = [
      listen(engine, "open", function () {
        clearTimeout(timer);
        self._readyState = "open";
        self._fire("open");
        if (callback) callback();
      }),
      listen(engine, "error", function (err) {
        clearTimeout(timer);
        self._cleanupEngine();
        self._readyState = "closed";
        self._fire("error", err);
        if (callback) callback(err);
        else if (self._reconnection && !self._reconnecting && self.backoff.attempts === 0) self._reconnect();
      }),
      listen(engine, "message", function (data) {
        try { self._decoder.add(data); } catch (err) { self._protocolError(err); }
      }),
      listen(engine, "ping", function () { self._fire("ping"); }),
      listen(engine, "close", function (reason, details) { self._onClose(reason, details); })
    ];
    engine.open();
    return this;
  };
  Manager.prototype.connect = Manager.prototype.open;

  Manager.prototype._protocolError = function (err) {
    this._decoder = new Decoder(this._decoder._onPacket);
    if (this.engine) this.engine._onClose("parse error", err);
  };

  Manager.prototype._cleanupEngine = function () {
    this._engineSubs.forEach(function (unsubscribe) { unsubscribe(); });
    this._engineSubs = [];
    this._decoder._pending = null; // half-received binary packets die with the session
    this._outbox = [];
  };

  Manager.prototype.socket = function (nsp, opts) {
    var socket = this.nsps[nsp];
    if (!socket) socket = this.nsps[nsp] = new Socket(this, nsp, opts);
    else if (this.opts.autoConnect !== false && !socket.active) socket.connect();
    return socket;
  };

  /** Sends a Socket.IO packet. Packets that hold Blobs wait for them to be read;
   *  everything behind them waits too, so the server sees emits in emit order. */
  Manager.prototype._packet = function (packet) {
    var self = this, entry = { messages: null };
    this._outbox.push(entry);
    if (findBinary(packet.data, isBlob)) {
      var outbox = this._outbox;
      readBlobs(packet.data).then(function (data) {
        if (outbox !== self._outbox) return; // the session it was meant for is gone
        packet.data = data;
        entry.messages = encodePacket(packet);
        self._drainOutbox();
      }, function (err) { self._protocolError(err); });
    } else {
      entry.messages = encodePacket(packet);
      this._drainOutbox();
    }
  };

  Manager.prototype._drainOutbox = function () {
    while (this._outbox.length && this._outbox[0].messages) {
      var messages = this._outbox.shift().messages;
      for (var i = 0; i < messages.length; i++) this.engine.write(messages[i]);
    }
  };

  /** Called when a socket disconnects: the session ends with its last user. */
  Manager.prototype._destroy = function () {
    for (var nsp in this.nsps) if (this.nsps[nsp].active) return;
    this._close();
  };

  Manager.prototype._close = function () {
    this._skipReconnect = true;
    this._reconnecting = false;
    clearTimeout(this._reconnectTimer);
    this.backoff.attempts = 0;
    var engine = this.engine;
    // Detach first: the engine still flushes (a DISCONNECT) and closes on its own
    // time, while a connect() right after this may already start the next one.
    if (this._readyState !== "closed") this._onClose("forced close");
    if (engine) engine.close();
  };
  Manager.prototype.close = Manager.prototype.disconnect = Manager.prototype._close;

  Manager.prototype._onClose = function (reason, details) {
    this._cleanupEngine();
    this.backoff.attempts = 0;
    this._readyState = "closed";
    this._fire("close", reason, details);
    if (this._reconnection && !this._skipReconnect) this._reconnect();
  };

  Manager.prototype._reconnect = function () {
    var self = this;
    if (this._reconnecting || this._skipReconnect) return;
    if (this.backoff.attempts >= this._reconnectionAttempts) {
      this.backoff.attempts = 0;
      this._fire("reconnect_failed");
      return;
    }
    this._reconnecting = true;
    this._reconnectTimer = setTimeout(function () {
      if (self._skipReconnect) return;
      self._fire("reconnect_attempt", self.backoff.attempts);
      if (self._skipReconnect) return; // a listener may have closed us
      self.open(function (err) {
        self._reconnecting = false;
        if (err) {
          self._fire("reconnect_error", err);
          self._reconnect();
        } else {
          var attempts = self.backoff.attempts;
          self.backoff.attempts = 0;
          self._fire("reconnect", attempts);
        }
      });
    }, this.backoff.next());
  };

  // ----------------------------------------------------------------- Socket

  /** Names with a meaning of their own on the client side: emitting them would
   *  not reach the server as the application expects. */
  var RESERVED = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

  /** One namespace over a Manager's session. */
  function Socket(manager, nsp, opts) {
    opts = opts || {};
    this.io = manager;
    this.nsp = nsp;
    this.id = undefined;
    this.connected = false;
    this.auth = opts.auth;
    this._ackTimeout = opts.ackTimeout !== undefined ? opts.ackTimeout : manager.opts.ackTimeout;
    this._ids = 0;
    this._acks = {};
    this._sendBuffer = [];    // emits made while disconnected, sent on connect
    this._receiveBuffer = []; // events that beat our CONNECT answer
    // Connection state recovery: the server's private session id (only when it has
    // recovery on) and the offset of the last event seen, sent back on reconnection.
    this._pid = undefined;
    this._lastOffset = undefined;
    /** True when the last connection resumed the previous session: same id, rooms
     *  kept, and the events sent meanwhile delivered. */
    this.recovered = false;
    this._flags = {};
    this._subs = null;        // non-null while the socket wants to be connected
    if (manager.opts.autoConnect !== false) this.connect();
  }
  inherit(Socket);

  Object.defineProperty(Socket.prototype, "disconnected", { get: function () { return !this.connected; } });
  /** True while the socket is connected or trying to (re)connect. */
  Object.defineProperty(Socket.prototype, "active", { get: function () { return !!this._subs; } });
  /** Next emit is dropped, not buffered, if it cannot be sent now. */
  Object.defineProperty(Socket.prototype, "volatile", { get: function () { this._flags.volatile = true; return this; } });

  Socket.prototype.connect = function () {
    if (this.connected) return this;
    this._subscribe();
    if (!this.io._reconnecting) this.io.open();
    if (this.io._readyState === "open") this._onOpen();
    return this;
  };
  Socket.prototype.open = Socket.prototype.connect;

  Socket.prototype._subscribe = function () {
    if (this._subs) return;
    var self = this, io = this.io;
    this._subs = [
      listen(io, "open", function () { self._onOpen(); }),
      listen(io, "packet", function (packet) { if (packet.nsp === self.nsp) self._onPacket(packet); }),
      listen(io, "error", function (err) { if (!self.connected) self._fire("connect_error", err); }),
      listen(io, "close", function (reason, details) { self._onClose(reason, details); })
    ];
  };

  Socket.prototype._onOpen = function () {
    var self = this;
    if (typeof this.auth === "function") this.auth(function (data) { self._sendConnect(data); });
    else this._sendConnect(this.auth);
  };

  Socket.prototype._sendConnect = function (auth) {
    if (this._pid) {
      // Ask to resume: the app's own auth fields ride along (and win on a clash).
      var resume = { pid: this._pid };
      if (this._lastOffset !== undefined) resume.offset = this._lastOffset;
      for (var key in auth || {}) resume[key] = auth[key];
      auth = resume;
    }
    this.io._packet({ type: CONNECT, nsp: this.nsp, data: auth });
  };

  Socket.prototype._onPacket = function (packet) {
    switch (packet.type) {
      case CONNECT:
        if (packet.data && typeof packet.data.sid === "string") return this._onConnect(packet.data.sid, packet.data.pid);
        return this._fire("connect_error", new Error("the server answered CONNECT without a sid; is it a Socket.IO v4 server?"));
      case EVENT: return this._onEvent(packet);
      case ACK: return this._onAck(packet);
      case DISCONNECT:
        this._destroy();
        return this._onClose("io server disconnect");
      case CONNECT_ERROR:
        this._destroy();
        var info = packet.data || {};
        var err = new Error(typeof info === "string" ? info : info.message);
        err.data = info.data;
        return this._fire("connect_error", err);
    }
  };

  Socket.prototype._onConnect = function (id, pid) {
    this.id = id;
    this.recovered = typeof pid === "string" && pid === this._pid;
    this._pid = typeof pid === "string" ? pid : undefined;
    // A new session starts counting afresh: an old offset means nothing to it.
    if (!this.recovered) this._lastOffset = undefined;
    this.connected = true;
    var received = this._receiveBuffer, queued = this._sendBuffer;
    this._receiveBuffer = [];
    this._sendBuffer = [];
    for (var i = 0; i < received.length; i++) this._dispatchEvent(received[i]);
    for (var j = 0; j < queued.length; j++) this._packet(queued[j]);
    this._fire("connect");
  };

  Socket.prototype._onEvent = function (packet) {
    if (this.connected) this._dispatchEvent(packet);
    else this._receiveBuffer.push(packet);
  };

  /** Hands an event to the listeners. With recovery on (the server gave a pid), an
   *  event sent without an ack id ends with its offset: kept, not passed on. */
  Socket.prototype._dispatchEvent = function (packet) {
    var args = packet.data.slice();
    if (packet.id !== undefined) args.push(this._ackFor(packet.id));
    else if (this._pid && args.length > 1 && typeof args[args.length - 1] === "string") this._lastOffset = args.pop();
    this._dispatch(args);
  };

  Socket.prototype._dispatch = function (args) {
    var anyListeners = (this._anyListeners || []).slice();
    for (var i = 0; i < anyListeners.length; i++) anyListeners[i].apply(this, args);
    this._fire.apply(this, args);
  };

  /** The function handed to a listener when the server asked for an answer. */
  Socket.prototype._ackFor = function (id) {
    var self = this, sent = false;
    return function () {
      if (sent) return; // the protocol allows one answer per id
      sent = true;
      self._packet({ type: ACK, id: id, data: Array.prototype.slice.call(arguments) });
    };
  };

  Socket.prototype._onAck = function (packet) {
    var ack = this._acks[packet.id];
    if (!ack) return; // already timed out, or not ours
    delete this._acks[packet.id];
    ack.apply(this, ack.withError ? [null].concat(packet.data) : packet.data);
  };

  Socket.prototype._packet = function (packet) {
    packet.nsp = this.nsp;
    this.io._packet(packet);
  };

  /** Sends an event; a function as last argument receives the server's answer. */
  Socket.prototype.emit = function (event) {
    if (RESERVED.indexOf(event) >= 0) throw new Error('"' + event + '" is a reserved event name');
    var args = Array.prototype.slice.call(arguments);
    var packet = { type: EVENT, data: args };
    var flags = this._flags;
    this._flags = {};
    if (typeof args[args.length - 1] === "function") {
      packet.id = this._ids++;
      this._registerAck(packet, args.pop(), flags.timeout);
    }
    var writable = this.connected && this.io.engine && this.io.engine.transport && this.io.engine.transport.writable;
    if (flags.volatile && !writable) { delete this._acks[packet.id]; return this; }
    if (this.connected) this._packet(packet);
    else this._sendBuffer.push(packet);
    return this;
  };

  /** With a timeout (per emit or the ackTimeout option) the callback takes an
   *  error first, as the official client: (err) on timeout, (null, ...args) otherwise. */
  Socket.prototype._registerAck = function (packet, ack, timeout) {
    var self = this, id = packet.id;
    if (timeout === undefined) timeout = this._ackTimeout;
    if (timeout === undefined) { this._acks[id] = ack; return; }
    var timer = setTimeout(function () {
      delete self._acks[id];
      var queued = self._sendBuffer.indexOf(packet);
      if (queued >= 0) self._sendBuffer.splice(queued, 1); // no point sending it late
      ack.call(self, new Error("operation has timed out"));
    }, timeout);
    var wrapped = function () { clearTimeout(timer); ack.apply(self, arguments); };
    wrapped.withError = true;
    wrapped.timer = timer;
    this._acks[id] = wrapped;
  };

  /** Promise flavour of emit-with-ack; rejects on timeout when one is set. */
  Socket.prototype.emitWithAck = function () {
    var self = this, args = Array.prototype.slice.call(arguments);
    var withError = this._flags.timeout !== undefined || this._ackTimeout !== undefined;
    return new Promise(function (resolve, reject) {
      args.push(withError
        ? function (err, value) { return err ? reject(err) : resolve(value); }
        : function (value) { resolve(value); });
      self.emit.apply(self, args);
    });
  };

  Socket.prototype.timeout = function (ms) {
    this._flags.timeout = ms;
    return this;
  };

  Socket.prototype.send = function () {
    return this.emit.apply(this, ["message"].concat(Array.prototype.slice.call(arguments)));
  };

  Socket.prototype.onAny = function (fn) { (this._anyListeners || (this._anyListeners = [])).push(fn); return this; };
  Socket.prototype.offAny = function (fn) {
    if (!fn) this._anyListeners = [];
    else if (this._anyListeners) this._anyListeners = this._anyListeners.filter(function (f) { return f !== fn; });
    return this;
  };

  /** Leaves the namespace for good: no reconnection for this socket until connect(). */
  Socket.prototype.disconnect = function () {
    if (this.connected) this._packet({ type: DISCONNECT });
    this._destroy();
    if (this.connected) this._onClose("io client disconnect");
    return this;
  };
  Socket.prototype.close = Socket.prototype.disconnect;

  Socket.prototype._destroy = function () {
    if (this._subs) {
      this._subs.forEach(function (unsubscribe) { unsubscribe(); });
      this._subs = null;
    }
    this.io._destroy(this);
  };

  Socket.prototype._onClose = function (reason, details) {
    var wasConnected = this.connected;
    this.connected = false;
    this.id = undefined;
    // Answers to timed emits will never come over this session: fail them now
    // rather than make the caller wait out the timer.
    var buffered = this._sendBuffer.map(function (packet) { return String(packet.id); });
    for (var id in this._acks) {
      var ack = this._acks[id];
      if (ack.withError && buffered.indexOf(id) < 0) {
        clearTimeout(ack.timer);
        delete this._acks[id];
        ack.call(this, new Error("socket has been disconnected"));
      }
    }
    if (wasConnected) this._fire("disconnect", reason, details);
  };

  // -------------------------------------------------------------------- io()

  var managers = {};

  /** io(url?, opts?): a Socket for the namespace named by the URL's path. Sockets of
   *  one server share a Manager (one connection) unless `forceNew` or
   *  `multiplex: false`, or the namespace already has a socket there. */
  function lookup(uri, opts) {
    if (typeof uri === "object" && uri !== null) { opts = uri; uri = undefined; }
    opts = opts || {};
    var base = global.location ? global.location.href : undefined;
    var url = uri === undefined || uri === null ? new URL("/", base) : new URL(uri, base);
    var nsp = url.pathname || "/";
    var key = url.origin + "|" + (opts.path || "/socket.io");
    var cached = managers[key];
    var manager;
    if (opts.forceNew || opts["force new connection"] || opts.multiplex === false || (cached && cached.nsps[nsp])) {
      manager = new Manager(url.href, opts);
    } else {
      manager = cached || (managers[key] = new Manager(url.href, opts));
    }
    return manager.socket(nsp, opts);
  }

  lookup.Manager = Manager;
  lookup.Socket = Socket;
  lookup.connect = lookup;
  lookup.protocol = 5;
  global.io = lookup;
})(typeof self !== "undefined" ? self : this);
