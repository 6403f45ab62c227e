#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Waits for files under a folder to change, with Linux's inotify: the kernel reports each
/// write, so nothing is polled and a change is seen at once. New folders are watched as
/// they appear; hidden folders, `.build` and other build output are skipped.
///
/// Werkzeug: the `watchdog` reloader (`WatchdogReloaderLoop`), not the `stat` one.
final class FileWatcher {
    private let descriptor: Int32
    private var directories: [Int32: String] = [:]
    private let skipped: Set<String> = [".build", "node_modules", "__pycache__", ".venv", "build"]

    /// Watches every folder under `root`. Nil when inotify is unavailable.
    init?(root: String) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        addTree(root)
    }

    deinit { close(descriptor) }

    /// The number of folders watched.
    var watchedCount: Int { directories.count }

    /// Blocks until something changes, then keeps collecting until `quiet` passes without a
    /// change (an editor's save is often several events), and returns the changed paths.
    func waitForChanges(quiet: Duration = .milliseconds(100)) -> Set<String> {
        var changed = Set<String>()
        readEvents(into: &changed)
        let quietMilliseconds = Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000)
        while true {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, quietMilliseconds)
            if ready <= 0 { break }
            readEvents(into: &changed)
        }
        return changed
    }

    private func readEvents(into changed: inout Set<String>) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return }
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)].prefix { $0 != 0 }
            offset += headerSize + length
            if mask & UInt32(IN_IGNORED) != 0 { directories[watch] = nil; continue }
            guard let directory = directories[watch], !nameBytes.isEmpty else { continue }
            let path = directory + "/" + String(decoding: nameBytes, as: UTF8.self)
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(path); changed.formUnion(files(under: path)) }
                continue
            }
            changed.insert(path)
        }
    }

    private func addTree(_ root: String) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ONLYDIR)
        let watch = inotify_add_watch(descriptor, root, mask)
        guard watch >= 0 else { return }
        directories[watch] = root
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for entry in entries where !entry.hasPrefix(".") && !skipped.contains(entry) {
            var isDirectory: ObjCBool = false
            let path = root + "/" + entry
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                addTree(path)
            }
        }
    }

    private func files(under root: String) -> [String] {
        let entries = FileManager.default.subpaths(atPath: root) ?? []
        return entries.map { root + "/" + $0 }
    }
}
