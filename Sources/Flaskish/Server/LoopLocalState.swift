#if canImport(Glibc)
import Glibc
#endif

/// State each event loop keeps for the HTTP layer: the cached `Date` value and the
/// access-log buffer, both touched only on that loop's thread.
final class LoopLocalState: @unchecked Sendable {
    private var cachedSecond = -1
    private(set) var dateValue = ""
    private var logSecond = -1
    private var logStamp = ""
    private var logBuffer: [UInt8] = []
    private let logFD: Int32

    init(logFD: Int32) {
        self.logFD = logFD
        logBuffer.reserveCapacity(16 * 1024)
    }

    /// The IMF-fixdate for the current second, formatted once per second.
    func currentDate() -> String {
        let second = SystemCalls.wallClockSeconds()
        if second != cachedSecond {
            cachedSecond = second
            dateValue = HTTPDate.format(second)
        }
        return dateValue
    }

    /// Werkzeug's access-log timestamp for now (`25/Nov/2026 16:00:00`).
    func logTimestamp() -> String {
        let second = SystemCalls.wallClockSeconds()
        if second != logSecond {
            logSecond = second
            logStamp = HTTPDate.formatLogTimestamp(second)
        }
        return logStamp
    }

    /// Queues a log line; written at the end of the loop's turn, so a busy loop makes one
    /// `write` per turn instead of one per request.
    func log(_ line: String) {
        logBuffer.append(contentsOf: line.utf8)
        logBuffer.append(10)
        if logBuffer.count > 64 * 1024 { flushLog() }
    }

    func flushLog() {
        guard !logBuffer.isEmpty else { return }
        logBuffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(logFD, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        logBuffer.removeAll(keepingCapacity: true)
    }
}
