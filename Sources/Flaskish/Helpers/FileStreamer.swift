#if canImport(Glibc)
import Glibc
#endif

/// Streams a region of a file in pieces, so a large download never sits whole in memory.
enum FileStreamer {
    static let chunkSize = 64 * 1024

    static func stream(path: String, offset: Int, length: Int, into writer: ResponseWriter) async throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("open(\(path))") }
        defer { close(fd) }
        var position = offset
        var remaining = length
        while remaining > 0 {
            let size = min(chunkSize, remaining)
            var chunk = [UInt8](repeating: 0, count: size)
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size, off_t(position)) }
            guard count > 0 else { throw SystemError("pread(\(path))") }
            if count < size { chunk.removeLast(size - count) }
            try await writer.write(chunk)
            position += count
            remaining -= count
        }
    }
}
