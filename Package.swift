// swift-tools-version:6.0
import PackageDescription

// Flaskish names no package dependencies: only the Swift toolchain (stdlib, Foundation,
// Dispatch, Glibc, Synchronization, Swift Testing). CFlaskishSystem is our own small C
// shim that exposes epoll/eventfd/accept4, which `import Glibc` does not.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Flaskish",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Flaskish", targets: ["Flaskish"]),
        .library(name: "FlaskishSocketIO", targets: ["FlaskishSocketIO"]),
        .library(name: "FlaskishCORS", targets: ["FlaskishCORS"]),
        .executable(name: "ChatDemo", targets: ["ChatDemo"]),
    ],
    targets: [
        .target(name: "CFlaskishSystem"),
        .target(
            name: "Flaskish",
            dependencies: ["CFlaskishSystem"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FlaskishSocketIO",
            dependencies: ["Flaskish"],
            resources: [.copy("Client/socket.io.js")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FlaskishCORS",
            dependencies: ["Flaskish"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ChatDemo",
            dependencies: ["Flaskish", "FlaskishSocketIO", "FlaskishCORS"],
            resources: [.copy("templates"), .copy("static")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HelloBenchmark",
            dependencies: ["Flaskish", "BenchmarkPageData"],
            path: "Benchmarks/http/HelloBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TemplateBenchmark",
            dependencies: ["Flaskish", "BenchmarkPageData"],
            path: "Benchmarks/templates/Sources",
            swiftSettings: strictSettings
        ),
        // The users page's data, rendered by TemplateBenchmark and by HelloBenchmark's `/page`.
        .target(
            name: "BenchmarkPageData",
            dependencies: ["Flaskish"],
            path: "Benchmarks/templates/PageData",
            swiftSettings: strictSettings
        ),
        // Per-value cost of filters and escaping (Benchmarks/templates/README.md); never part of `swift test`.
        .executableTarget(
            name: "TemplateFilterBenchmark",
            dependencies: ["Flaskish"],
            path: "Benchmarks/templates/FilterBench",
            swiftSettings: strictSettings
        ),
        // The Swift twin of Tests/interop/flask_app.py, driven by the interop pytest suite.
        .executableTarget(
            name: "InteropApp",
            dependencies: ["Flaskish", "FlaskishTestSupport"],
            path: "Tests/interop/InteropApp",
            swiftSettings: strictSettings
        ),
        // The Swift twin of Tests/cors-differential/flask_apps.py, driven by that pytest suite.
        .executableTarget(
            name: "CORSDifferentialApp",
            dependencies: ["Flaskish", "FlaskishCORS", "FlaskishTestSupport"],
            path: "Tests/cors-differential/CORSDifferentialApp",
            swiftSettings: strictSettings
        ),
        // The Swift twin of Tests/cli/routes_app.py, driven by the cli and deployment pytest suites.
        .executableTarget(
            name: "CLITestApp",
            dependencies: ["Flaskish"],
            path: "Tests/cli/CLITestApp",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "EngineIOTestServer",
            dependencies: ["Flaskish", "FlaskishSocketIO", "FlaskishTestSupport"],
            path: "Tests/engineio-interop/EngineIOTestServer",
            swiftSettings: strictSettings
        ),
        // The Swift twin of Tests/browser/reference_server.py, driven by the browser and
        // socketio-interop pytest suites.
        .executableTarget(
            name: "SocketIOTestServer",
            dependencies: ["Flaskish", "FlaskishSocketIO", "FlaskishTestSupport"],
            path: "Tests/browser/SocketIOTestServer",
            swiftSettings: strictSettings
        ),
        // The application the official socket.io-protocol test-suite expects, driven by
        // Tests/socketio-interop/test_official_socketio_suite.py.
        .executableTarget(
            name: "ProtocolSuiteServer",
            dependencies: ["Flaskish", "FlaskishSocketIO", "FlaskishTestSupport"],
            path: "Tests/socketio-interop/ProtocolSuiteServer",
            swiftSettings: strictSettings
        ),
        // One member of a Socket.IO cluster on Redis (or a write-only emitter), driven by the
        // Tests/scaleout pytest suite next to its Flask-SocketIO twin.
        .executableTarget(
            name: "ScaleoutServer",
            dependencies: ["Flaskish", "FlaskishSocketIO", "FlaskishTestSupport"],
            path: "Tests/scaleout/ScaleoutServer",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SocketIOBenchServer",
            dependencies: ["Flaskish", "FlaskishSocketIO"],
            path: "Benchmarks/socketio/FlaskishChat",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SocketIOLoad",
            dependencies: ["Flaskish", "FlaskishSocketIO", "CFlaskishSystem"],
            path: "Benchmarks/socketio/SocketIOLoad",
            swiftSettings: strictSettings
        ),
        // The codec fuzz targets (Tests/Fuzz, see docs/architecture.md "Sanitizers and fuzzing").
        // A plain build compiles FlaskishFuzzer as a corpus replayer; scripts/fuzz builds it with
        // -sanitize=fuzzer,address into a libFuzzer binary. CLibFuzzer only declares libFuzzer's
        // LLVMFuzzerRunDriver.
        .target(name: "CLibFuzzer", path: "Tests/Fuzz/CLibFuzzer"),
        .target(
            name: "FlaskishFuzzTargets",
            dependencies: ["Flaskish", "FlaskishSocketIO"],
            path: "Tests/Fuzz/Targets",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "FlaskishFuzzer",
            dependencies: ["FlaskishFuzzTargets", "CLibFuzzer"],
            path: "Tests/Fuzz/Driver",
            swiftSettings: strictSettings
        ),
        // Loopback clients and a port-0 server helper shared by the test targets.
        .target(
            name: "FlaskishTestSupport",
            dependencies: ["Flaskish"],
            path: "Tests/FlaskishTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FlaskishTests",
            dependencies: ["FlaskishTestSupport", "Flaskish"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FlaskishSocketIOTests",
            dependencies: ["FlaskishTestSupport", "FlaskishSocketIO", "Flaskish", "FlaskishFuzzTargets"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FlaskishCORSTests",
            dependencies: ["FlaskishTestSupport", "FlaskishCORS", "Flaskish"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChatDemoTests",
            dependencies: ["ChatDemo", "FlaskishTestSupport", "Flaskish", "FlaskishSocketIO", "FlaskishCORS"],
            swiftSettings: strictSettings
        ),
    ]
)
