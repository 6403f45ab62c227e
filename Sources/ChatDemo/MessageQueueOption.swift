// The demo's --message-queue flag: which Redis the processes of a cluster share.
import Flaskish
import FlaskishSocketIO
import Foundation

/// The Redis URL of `--message-queue URL` (or `--message-queue=URL`), else of
/// `MESSAGE_QUEUE`; nil for a process of its own.
///
/// An empty value means no queue, as in app.py (`option or os.environ.get(…)`) and in
/// Flask-SocketIO, which tests `if message_queue:`; so `MESSAGE_QUEUE=` or
/// `--message-queue=` from a script that has no Redis to give runs the chat alone.
/// A URL that cannot be used (`http://x`, `redis://:bad`, `redis://host:99999`) is an error
/// (exit 2, one line naming the problem), as `flask run` treats a bad option; it is checked
/// here so that `SocketIO(messageQueue:)`, which stops the program on such a URL, never sees one.
func messageQueueURL(
    of app: Flask,
    arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment
) -> String? {
    let option = commandLineOption("--message-queue", of: app, help: "redis:// URL: join a cluster (MESSAGE_QUEUE; empty: none).",
                                   arguments: arguments)
    let (source, url): (String, String)
    if let option, !option.isEmpty {
        (source, url) = ("--message-queue", option)
    } else if let variable = environment["MESSAGE_QUEUE"], !variable.isEmpty {
        (source, url) = ("MESSAGE_QUEUE", variable)
    } else {
        return nil
    }
    do {
        _ = try RedisURL(url)
    } catch {
        FileHandle.standardError.write(Data("Error: Invalid value for \(source): \(error)\n".utf8))
        exit(2)
    }
    return url
}
