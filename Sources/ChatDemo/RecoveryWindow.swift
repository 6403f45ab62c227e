import Flaskish
import FlaskishSocketIO
import Foundation

/// Connection state recovery for the chat, from `--recovery-window SECONDS` (or
/// `--recovery-window=SECONDS`, else `RECOVERY_WINDOW`): a browser whose connection drops for
/// less than that gets the messages sent meanwhile. 0 turns it off; the default is 120, or off
/// when the process is one of a cluster (`clustered`): recovery replays only what this process
/// emitted, so a client recovered here would silently miss what the others broadcast.
/// A value that is not a number of seconds is an error (exit 2), as `flask run` treats a bad
/// option.
///
/// The option is declared on `app`'s `run` command, so `--help` lists it and `app.run()`
/// accepts it.
func connectionStateRecovery(
    of app: Flask, clustered: Bool = false,
    arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment
) -> ConnectionStateRecovery? {
    app.cli.addRunOptions([.option("recovery-window", Double.self, help: "Seconds a dropped client may take to come back and get what it missed (0: off; RECOVERY_WINDOW).  [default: 120; off with --message-queue]")])
    var text = environment["RECOVERY_WINDOW"]
    for (index, argument) in arguments.enumerated() {
        if argument == "--recovery-window" {
            text = index + 1 < arguments.count ? arguments[index + 1] : ""
        } else if argument.hasPrefix("--recovery-window=") {
            text = String(argument.dropFirst("--recovery-window=".count))
        }
    }
    guard let text else { return clustered ? nil : ConnectionStateRecovery(maxDisconnectionDuration: 120) }
    guard let seconds = Double(text), seconds >= 0, seconds.isFinite else {
        FileHandle.standardError.write(Data("Error: --recovery-window wants a number of seconds (0 turns recovery off), got '\(text)'\n".utf8))
        exit(2)
    }
    return seconds == 0 ? nil : ConnectionStateRecovery(maxDisconnectionDuration: seconds)
}
