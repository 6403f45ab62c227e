// Serves one configuration of the CORS differential suite (see Configs.swift):
//
//   CORSDifferentialApp --config NAME [--port N]   prints `PORT <n>` once serving, then serves until SIGTERM/SIGINT
//   CORSDifferentialApp --list                      prints the configuration names, one a line
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Flaskish
import FlaskishTestSupport

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CORSDifferentialApp: \(message)\n".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--list"] {
    FileHandle.standardOutput.write(Data(configurations.map { $0.name + "\n" }.joined().utf8))
    exit(0)
}
var configName: String?
var port = 0
var index = 0
while index < arguments.count {
    let value = index + 1 < arguments.count ? arguments[index + 1] : nil
    switch arguments[index] {
    case "--config": configName = value
    case "--port": port = value.flatMap { Int($0) } ?? -1
    default: fail("unknown argument '\(arguments[index])'")
    }
    index += 2
}
guard let configName, let configuration = configurations.first(where: { $0.name == configName }) else {
    fail("--config NAME is required; names: \(configurations.map(\.name).joined(separator: ", "))")
}
guard port >= 0 else { fail("--port needs a number") }

let app = makeBaseApp()
do {
    try configuration.configure(app)
} catch {
    fail("configuration '\(configName)' failed: \(error)")
}
serveUntilTerminated(app, port: port)
