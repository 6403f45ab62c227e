import Foundation
import Testing
@testable import Flaskish

/// The command line's pure parts: the parser, the routes table, help, the reloader's decisions.
/// Tests/cli runs the real binaries.
struct CLIParserTests {
    let parameters: [CLIParameter] = [
        .flag("drop"),
        .flag("debug", negatable: true),
        .option("seed", Int.self, short: "s", default: 0),
        .option("name"),
        .choice("engine", ["sqlite", "memory"], default: "sqlite"),
        .argument("path", required: false),
    ]

    func parse(_ words: [String], environment: [String: String] = [:]) throws(CLIUsageError) -> CLIArguments {
        try CLIParser(command: "init-db", parameters: parameters, environment: environment).parse(words)
    }

    @Test func optionsFlagsAndArgumentsInEveryForm() throws {
        let parsed = try parse(["--drop", "-s7", "--name=ana", "--engine", "memory", "db.sqlite", "--no-debug"])
        #expect(parsed.flag("drop"))
        #expect(parsed.flagIfGiven("debug") == false)
        #expect(parsed.get("seed", as: Int.self) == 7)
        #expect(parsed["name"] == "ana")
        #expect(parsed["engine"] == "memory")
        #expect(parsed["path"] == "db.sqlite")
    }

    @Test func defaultsEnvironmentAndTheDoubleDash() throws {
        let parsed = try parse(["--", "--not-an-option"], environment: ["FLASK_INIT_DB_NAME": "env"])
        #expect(parsed["path"] == "--not-an-option")
        #expect(parsed["name"] == "env")
        #expect(parsed.get("seed", as: Int.self) == 0)
        #expect(parsed.flagIfGiven("drop") == nil)
        #expect(!parsed.flag("drop"))
    }

    @Test(arguments: [
        (["--nope"], "No such option '--nope'."),
        (["-x"], "No such option '-x'."),
        (["--no-drop"], "No such option '--no-drop'."),
        (["--seed"], "Option '--seed' requires an argument."),
        (["--seed", "x"], "Invalid value for '--seed' / '-s': 'x' is not a valid integer."),
        (["--engine", "mysql"], "Invalid value for '--engine': 'mysql' is not one of 'sqlite', 'memory'."),
        (["--drop=yes"], "Option '--drop' does not take a value."),
        (["a", "b", "c"], "Got unexpected extra arguments (b c)"),
    ])
    func usageErrorsUseClicksWords(words: [String], message: String) {
        #expect(throws: CLIUsageError(message, command: "init-db")) { try parse(words) }
    }

    @Test func anInvalidEnvironmentValueIsAUsageError() {
        #expect(throws: CLIUsageError("Invalid value for '--seed' / '-s': 'many' is not a valid integer.", command: "init-db")) {
            try parse([], environment: ["FLASK_INIT_DB_SEED": "many"])
        }
    }

    @Test func requiredArgumentsAndOptions() {
        let required: [CLIParameter] = [.argument("name"), .option("token", required: true)]
        let parser = CLIParser(command: "greet", parameters: required, environment: [:])
        #expect(throws: CLIUsageError("Missing argument 'NAME'.", command: "greet")) { try parser.parse([]) }
        #expect(throws: CLIUsageError("Missing option '--token'.", command: "greet")) { try parser.parse(["ana"]) }
    }
}

struct RoutesTableTests {
    let rows = [
        RoutesTable.Row(endpoint: "static", methods: [.GET, .HEAD, .OPTIONS], rule: "/static/<path:filename>"),
        RoutesTable.Row(endpoint: "index", methods: [.GET, .HEAD, .OPTIONS], rule: "/"),
        RoutesTable.Row(endpoint: "items", methods: [.PUT, .DELETE, .OPTIONS], rule: "/items"),
    ]

    @Test func theLayoutOfFlaskRoutes() {
        // Every cell is padded to its column's width, the last column too, as Flask's format does.
        #expect(RoutesTable.render(rows) == """
            Endpoint  Methods      Rule                   
            --------  -----------  -----------------------
            index     GET          /                      
            items     DELETE, PUT  /items                 
            static    GET          /static/<path:filename>

            """)
    }

    @Test func matchOrderAndAllMethods() {
        #expect(RoutesTable.render(rows, sort: "match", allMethods: true).split(separator: "\n").map { $0.split(separator: " ").first! }
                == ["Endpoint", "--------", "static", "index", "items"])
        #expect(RoutesTable.render(rows, sort: "match", allMethods: true).contains("DELETE, OPTIONS, PUT"))
    }

    @Test func noRules() {
        #expect(RoutesTable.render([]) == "No routes were registered.\n")
    }

    @Test func widthsCountCodePoints() {
        let table = RoutesTable.render([RoutesTable.Row(endpoint: "ü", methods: [.GET], rule: "/über")])
        #expect(table.split(separator: "\n")[2] == "ü         GET      /über")
    }
}

struct CLIHelpTests {
    @Test func helpWrapsAt78ColumnsAndListsDefaults() {
        let command = CLICommand("init-db", help: String(repeating: "word ", count: 40), [
            .option("seed", Int.self, short: "s", default: 3, help: "Rows."),
            .argument("path", required: false, help: "The file."),
        ]) { _ in }
        let help = CLIHelp.command("app", command)
        #expect(help.hasPrefix("Usage: app init-db [OPTIONS] [PATH]\n"))
        #expect(help.split(separator: "\n").allSatisfy { $0.count <= 78 })
        #expect(help.contains("-s, --seed INTEGER  Rows. [default: 3]"))
        #expect(help.contains("PATH  The file."))
    }

    @Test func usageErrorNamesTheHelpCommand() {
        let text = CLIHelp.usageError("app", CLIUsageError("No such command 'x'."), command: nil)
        #expect(text == "Usage: app [OPTIONS] COMMAND [ARGS]...\nTry 'app --help' for help.\n\nError: No such command 'x'.\n")
    }
}

struct ReloaderTests {
    @Test func changesAreSortedIntoRebuildsCopiesAndNoise() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reloader-\(UUID().uuidString)").path
        let resources = root + "/.build/debug/Pkg_Site.resources"
        try FileManager.default.createDirectory(atPath: resources + "/templates", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func classify(_ path: String) -> Reloader.Change {
            Reloader.classify(root + "/" + path, packageRoot: root, resourceRoot: resources)
        }
        #expect(classify("Sources/Site/main.swift") == .source)
        #expect(classify("Package.swift") == .source)
        #expect(classify("Sources/Site/templates/page.html") == .resource(resources + "/templates/page.html"))
        #expect(classify("Sources/Site/templates/deep/a.html") == .resource(resources + "/templates/deep/a.html"))
        #expect(classify("Sources/Other/templates/page.html") == .source)  // another target's resources need a build
        #expect(classify("Sources/Site/.main.swift.swp") == .ignored)
        #expect(classify("Sources/Site/main.swift~") == .ignored)
        #expect(classify("docs/deployment.md") == .ignored)
        #expect(classify("Tests/AppTests/AppTests.swift") == .source)
    }

    @Test func theWatcherSeesWritesInNewAndExistingFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try #require(FileWatcher(root: root))
        #expect(watcher.watchedCount == 2)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/a/file.swift"))
        #expect(watcher.waitForChanges().contains(root + "/a/file.swift"))
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        #expect(watcher.waitForChanges(quiet: .milliseconds(50)).isEmpty)  // a new folder, no file yet
        try Data("y".utf8).write(to: URL(fileURLWithPath: root + "/b/new.html"))
        #expect(watcher.waitForChanges().contains(root + "/b/new.html"))
    }

    @Test func aFreePortIsFound() throws {
        let port = try #require(Reloader.freePort(host: "127.0.0.1"))
        #expect(port > 0 && port < 65536)
    }
}
