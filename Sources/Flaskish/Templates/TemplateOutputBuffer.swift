import Synchronization

/// Where ``TemplateByteOutput`` and ``TemplateEscaping`` may append UTF-8 bytes: a render's
/// ``TemplateOutputBuffer``, or a plain `[UInt8]`.
protocol TemplateByteSink {
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    /// Appends `bytes` HTML-escaped; its first byte to escape is at `first`.
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial first: Int)
}

extension TemplateByteSink {
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial first: Int) {
        TemplateEscaping.appendEscapedRuns(bytes, firstSpecial: first, to: &self)
    }
}

extension Array: TemplateByteSink where Element == UInt8 {}

/// The UTF-8 output of a render: one growing piece of memory that captures take their bytes off
/// the tail of, turned into a `String` once at the end (``makeString()``).
///
/// Why not a `[UInt8]`: an append here is a capacity check and a copy (no uniqueness check, no
/// generic collection path), and the memory outlives the render. A page's output is usually
/// above malloc's mmap threshold, so a fresh buffer per render was mapped, page-faulted in and
/// unmapped every time; buffers now go back to a small shared pool (``recycle(_:)``) and the
/// next render writes into pages that are already there.
///
/// A value owned by one renderer, used by one thread; it is freed or pooled explicitly.
struct TemplateOutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private(set) var capacity = 0

    init() {}

    /// A buffer with room for `minimumCapacity` bytes, from the pool when one there is big enough.
    static func make(minimumCapacity: Int) -> TemplateOutputBuffer {
        var buffer = TemplateOutputBuffer()
        if let pooled = TemplateOutputBufferPool.take() {
            buffer.base = pooled.base
            buffer.capacity = pooled.capacity
        }
        if buffer.capacity < minimumCapacity { buffer.grow(to: minimumCapacity) }
        return buffer
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        if _slowPath(capacity - count < n) { grow(to: count + n) }
        (base.unsafelyUnwrapped + count).update(from: source, count: n)
        count += n
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if _slowPath(capacity == count) { grow(to: count + 1) }
        base.unsafelyUnwrapped[count] = byte
        count += 1
    }

    /// Lets `body` write at most `maximum` bytes at the end; it returns how many it wrote.
    @inline(__always)
    mutating func appendInPlace(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) throws -> Int) rethrows {
        if _slowPath(capacity - count < maximum) { grow(to: count + maximum) }
        let written = try body(base.unsafelyUnwrapped + count)
        assert(written <= maximum)
        count += written
    }

    /// Escapes short text in one pass into room reserved for the worst case (every byte from
    /// the first special on an entity of five); long text run by run, so that a large string
    /// cannot reserve five times its size.
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial first: Int) {
        guard bytes.count <= 4096 else {
            TemplateEscaping.appendEscapedRuns(bytes, firstSpecial: first, to: &self)
            return
        }
        appendInPlace(maximum: bytes.count + 4 * (bytes.count - first)) { target in
            TemplateEscaping.writeEscaped(bytes, firstSpecial: first, to: target)
        }
    }

    /// Drops the bytes from `start` on (the end of a capture).
    @inline(__always)
    mutating func removeAll(from start: Int) {
        precondition(start >= 0 && start <= count)
        count = start
    }

    /// The bytes from `start` on.
    @inline(__always)
    func withBytes<R>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base.map { $0 + start }, count: count - start))
    }

    /// The bytes from `start` on, as a string (a capture).
    func string(from start: Int) -> String {
        withBytes(from: start) { String(decoding: $0, as: UTF8.self) }
    }

    @inline(never)
    private mutating func grow(to minimum: Int) {
        let newCapacity = Swift.max(minimum, capacity * 2, 256)
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            memory.update(from: base, count: count)
            base.deallocate()
        }
        base = memory
        capacity = newCapacity
    }

    /// Gives the memory to the pool (within `limits`) or frees it; the buffer is empty afterwards.
    mutating func recycle(_ limits: TemplateLimits) {
        if let base {
            if !TemplateOutputBufferPool.put(.init(base: base, capacity: capacity), limits: limits) { base.deallocate() }
        }
        self = TemplateOutputBuffer()
    }

    /// Frees the memory; the buffer is empty afterwards.
    mutating func deallocate() {
        base?.deallocate()
        self = TemplateOutputBuffer()
    }
}

extension TemplateOutputBuffer: TemplateByteSink {}

extension TemplateOutputBuffer {
    /// Longest ASCII run turned into a string in one piece by ``makeString()``: well below
    /// malloc's mmap threshold, so the temporary strings reuse the same warm memory.
    private static let asciiChunk = 32 << 10
    /// Bytes validated as one piece from a non-ASCII byte on.
    private static let mixedChunk = 512

    /// The whole output as a string.
    ///
    /// Every public way to make a `String` from bytes validates them as UTF-8, and the
    /// standard library validates byte by byte unless the whole buffer is ASCII, which one
    /// `·` or `é` anywhere in a page defeats: that was 7% of the users page. Appending one
    /// `String` to another is not validated again, so the output is cut into ASCII runs
    /// (validated eight bytes at a time) and short pieces around other bytes, each made a
    /// `String` and appended to the result. The bytes are valid UTF-8 (they all come from
    /// strings), and pieces are cut only before a byte that starts a code point, so the text
    /// is the same as one `String(decoding:)` of the whole.
    func makeString() -> String {
        withBytes(from: 0) { bytes in
            let n = bytes.count
            if n <= Self.asciiChunk { return String(decoding: bytes, as: UTF8.self) }
            var result = ""
            result.reserveCapacity(n)
            var start = 0
            while start < n {
                var end = Swift.min(start + Self.asciiChunk, n)
                let firstOther = Self.firstNonASCII(bytes, from: start, to: end)
                if firstOther > start {
                    end = firstOther
                } else {
                    end = Swift.min(start + Self.mixedChunk, n)
                    while end < n && bytes[end] & 0xC0 == 0x80 { end += 1 }
                }
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end
            }
            return result
        }
    }

    /// The index of the first byte in `start..<end` with its high bit set, or `end`.
    private static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = bytes.baseAddress else { return end }
        let raw = UnsafeRawPointer(base)
        var i = start
        while i + 8 <= end {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < end && base[i] < 0x80 { i += 1 }
        return i
    }
}

/// Output buffers kept between renders, shared by every environment of the process: at most
/// ``TemplateLimits/pooledOutputBuffers`` of them, each of at most
/// ``TemplateLimits/maxPooledOutputBufferBytes`` (a bigger one is freed when its render ends).
enum TemplateOutputBufferPool {
    /// A buffer's memory while the pool holds it.
    ///
    /// `@unchecked Sendable`: the pointer moves whole from a renderer into the pool and out to
    /// one other renderer; nobody else keeps it, so no two threads ever touch the memory at once.
    struct Entry: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
    }

    private static let entries = Mutex<[Entry]>([])

    static func take() -> Entry? {
        entries.withLock { $0.popLast() }
    }

    /// Keeps `entry` if the pool has room and the buffer is not too big; false when it did not.
    static func put(_ entry: Entry, limits: TemplateLimits) -> Bool {
        guard entry.capacity <= limits.maxPooledOutputBufferBytes else { return false }
        return entries.withLock { pool in
            guard pool.count < limits.pooledOutputBuffers else { return false }
            pool.append(entry)
            return true
        }
    }

    /// Buffers held now (for tests).
    static var count: Int { entries.withLock { $0.count } }
}
