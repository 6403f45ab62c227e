import Foundation
import Glibc

/// Bytes the C heap has handed out and not taken back, from glibc's `malloc_info` report:
/// the heap's current size minus its free chunks (`fast` and `rest`), plus the large blocks
/// mapped on their own (`mmap`). Every Swift object and buffer lives there, so the difference
/// around a piece of work is what that work keeps alive. (`mallinfo2` says the same, but
/// `malloc.h` is not part of the Glibc module, so `malloc_info` is looked up by name.) Nil when
/// the report cannot be read.
func heapBytesInUse() -> Int? {
    typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
    guard let symbol = dlsym(nil, "malloc_info") else { return nil }
    let mallocInfo = unsafeBitCast(symbol, to: MallocInfo.self)
    var buffer: UnsafeMutablePointer<CChar>?
    var length = 0
    guard let stream = open_memstream(&buffer, &length) else { return nil }
    let status = mallocInfo(0, stream)
    fclose(stream)
    defer { free(buffer) }
    guard status == 0, let buffer else { return nil }
    // The process-wide totals follow the last per-arena `</heap>`, one element a line:
    // <total type="fast" count="0" size="0"/>, <system type="current" size="135168"/>…
    guard let totals = String(cString: buffer).components(separatedBy: "</heap>").last else { return nil }
    var sizes: [String: Int] = [:]
    for line in totals.split(separator: "\n") {
        let element = line.split(separator: " ").first.map { String($0.dropFirst()) } ?? ""
        guard let type = attribute("type", in: line), let size = attribute("size", in: line).flatMap(Int.init)
        else { continue }
        sizes[element + "." + type] = size
    }
    guard let current = sizes["system.current"], let fast = sizes["total.fast"], let rest = sizes["total.rest"]
    else { return nil }
    return current - fast - rest + (sizes["total.mmap"] ?? 0)
}

/// The value of `name="…"` in one line of the report.
private func attribute(_ name: String, in line: Substring) -> String? {
    guard let start = line.range(of: " \(name)=\"") else { return nil }
    return String(line[start.upperBound...].prefix { $0 != "\"" })
}
