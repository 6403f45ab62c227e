// The Flaskish member of the Socket.IO clusters that Tests/scaleout builds on one redis-server;
// Tests/scaleout/flask_server.py is its Flask-SocketIO twin with the same events.
//
//   ScaleoutServer --message-queue URL [--channel C] [--name N] [--port P]
//       serves on 127.0.0.1:P (0 = any) and prints `PORT <n>` once it listens to the channel.
//   ScaleoutServer --message-queue URL [--channel C] --emit EVENT --data JSON [--to ROOM] [--namespace NS]
//       a write-only emitter: publishes one emit, waits until Redis has it, exits 0.
#if canImport(Glibc)
import Glibc
#endif
import Flaskish
import FlaskishSocketIO
import FlaskishTestSupport
import Foundation

guard let queue = commandLineValue("--message-queue") else {
    FileHandle.standardError.write(Data("ScaleoutServer: --message-queue URL is required\n".utf8))
    exit(2)
}
let channel = commandLineValue("--channel") ?? "flask-socketio"

// MARK: Write-only emitter

if let event = commandLineValue("--emit") {
    let emitter = SocketIO(messageQueue: queue, channel: channel)
    let data = try SocketIOValue(JSONValue(parsing: commandLineValue("--data") ?? "null"))
    try emitter.emit(event, data, to: commandLineValue("--to"), namespace: commandLineValue("--namespace") ?? "/")
    try await emitter.messageQueue!.flush()
    exit(0)
}

// MARK: Cluster member

let name = commandLineValue("--name") ?? "flaskish"
let app = Flask("ScaleoutServer")
let socketio = SocketIO(app, corsAllowedOrigins: "*", messageQueue: queue, channel: channel)

socketio.onConnect {}

socketio.on("whoami") { ["server": SocketIOValue.string(name), "sid": SocketIOValue.string(request.sid ?? "")] }

socketio.on("join") { room in
    try joinRoom(room.stringValue ?? "")
    return "joined"
}

socketio.on("leave") { room in
    try leaveRoom(room.stringValue ?? "")
    return "left"
}

socketio.on("broadcast") { message in
    try emit("broadcast_message", ["from": SocketIOValue.string(name), "message": message], broadcast: true)
    return "sent"
}

socketio.onArguments("to_room") { arguments in
    try emit("room_message", ["from": SocketIOValue.string(name), "message": arguments[1]], to: arguments[0].stringValue ?? "")
    return "sent"
}

socketio.onArguments("to_sid") { arguments in
    try socketio.emit("direct_message", ["from": SocketIOValue.string(name), "message": arguments[1]], to: arguments[0].stringValue ?? "")
    return "sent"
}

socketio.onArguments("enter_room_of") { arguments in
    try joinRoom(arguments[1].stringValue ?? "", sid: arguments[0].stringValue ?? "")
    return "asked"
}

socketio.onArguments("leave_room_of") { arguments in
    try leaveRoom(arguments[1].stringValue ?? "", sid: arguments[0].stringValue ?? "")
    return "asked"
}

socketio.on("close_room") { room in
    try closeRoom(room.stringValue ?? "")
    return "closed"
}

socketio.on("kick") { sid in
    try disconnect(sid: sid.stringValue ?? "")
    return "kicked"
}

socketio.on("burst") { count in
    for index in 0..<(count.intValue ?? 0) {
        try emit("seq", ["from": SocketIOValue.string(name), "n": SocketIOValue.int(index)], broadcast: true)
    }
    return "sent"
}

socketio.onArguments("ask") { arguments in
    // Asks the socket `arguments[0]` (on any server) a question; its ACK comes back here and
    // is reported to the asking client.
    guard let asker = request.sid else { return }
    try socketio.emit("question", arguments[1], to: arguments[0].stringValue ?? "", callback: { answer in
        try? socketio.emit("answer", SocketIOValue.array(answer), to: asker)
    })
}


do {
    try await socketio.messageQueue!.waitUntilListening(timeout: .seconds(30))
} catch {
    FileHandle.standardError.write(Data("ScaleoutServer: not listening to \(channel): \(error)\n".utf8))
    exit(1)
}
var configuration = Server.Configuration()
configuration.accessLog = false
serveUntilTerminated(app, configuration: configuration)
