/// The `Range` header, parsed as Werkzeug parses it, and the one range Flaskish serves.
///
/// Werkzeug: `http.parse_range_header` and `Range.range_for_length`.
struct ByteRangeRequest: Equatable {
    /// `(start, end)` pairs; `end` exclusive, nil for "to the end"; a negative start is a
    /// suffix (`-3`: the last three bytes).
    let ranges: [(start: Int, end: Int?)]
    let unit: String

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.unit == rhs.unit && lhs.ranges.elementsEqual(rhs.ranges) { $0.start == $1.start && $0.end == $1.end }
    }

    /// Parses `bytes=0-499`, `bytes=500-`, `bytes=-500`, `bytes=0-1,5-9`; nil when malformed.
    init?(_ header: String) {
        guard let equals = header.firstIndex(of: "=") else { return nil }
        unit = String(header[..<equals]).trimmingCharacters(in: " ").lowercased()
        var parsed: [(Int, Int?)] = []
        var lastEnd = 0
        for rawItem in header[header.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(rawItem).trimmingCharacters(in: " ")
            guard let dash = item.firstIndex(of: "-") else { return nil }
            if dash == item.startIndex {
                guard lastEnd >= 0, let suffix = Self.plainInt(item) else { return nil }
                parsed.append((suffix, nil))
                lastEnd = -1
                continue
            }
            guard let begin = Self.plainInt(String(item[..<dash]).trimmingCharacters(in: " ")),
                  begin >= lastEnd, lastEnd >= 0 else { return nil }
            let endText = String(item[item.index(after: dash)...]).trimmingCharacters(in: " ")
            var end: Int?
            if !endText.isEmpty {
                guard let last = Self.plainInt(endText), last < Int.max, begin < last + 1 else { return nil }
                end = last + 1
            }
            lastEnd = end ?? -1
            parsed.append((begin, end))
        }
        ranges = parsed
    }

    /// The single satisfiable range `start..<end` for a body of `length` bytes, or nil (which
    /// Werkzeug answers with 416: several ranges, another unit, or out of bounds).
    func range(forLength length: Int) -> Range<Int>? {
        guard unit == "bytes", ranges.count == 1 else { return nil }
        var (start, end) = ranges[0]
        if end == nil {
            end = length
            if start < 0 { start += length }
        }
        guard let stop = end, start < stop, start >= 0, start < length else { return nil }
        return start..<min(stop, length)
    }

    /// Python's `_plain_int`: an optional minus and ASCII digits only (no `+`, no spaces).
    private static func plainInt(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}

/// The validators of `If-None-Match`, `If-Match` and `If-Range`: a list of entity tags or `*`.
///
/// Werkzeug: `http.parse_etags` and `ETags`.
struct EntityTagList {
    var strong: [String] = []
    var weak: [String] = []
    var star = false

    /// Parses `"a", W/"b"`, `*`, or bare tags; nil and empty text give an empty list.
    init(_ header: String?) {
        guard let header else { return }
        for item in header.split(separator: ",") {
            var tag = Substring(String(item).trimmingCharacters(in: " "))
            guard !tag.isEmpty else { continue }
            var isWeak = false
            if tag.hasPrefix("W/") || tag.hasPrefix("w/") { isWeak = true; tag = tag.dropFirst(2) }
            if tag == "*" && !isWeak { self = EntityTagList(nil); star = true; return }
            if tag.count >= 2, tag.first == "\"", tag.last == "\"" { tag = tag.dropFirst().dropLast() }
            if isWeak { weak.append(String(tag)) } else { strong.append(String(tag)) }
        }
    }

    var isEmpty: Bool { !star && strong.isEmpty && weak.isEmpty }

    /// Strong comparison (`If-Match`, `If-Range`). Werkzeug: `ETags.contains`.
    func contains(_ tag: String) -> Bool { star || strong.contains(tag) }

    /// Weak comparison (`If-None-Match`). Werkzeug: `ETags.contains_weak`.
    func containsWeak(_ tag: String) -> Bool { weak.contains(tag) || contains(tag) }
}

/// Werkzeug's `is_resource_modified` for a file's tag (unquoted; nil when none is sent) and
/// modification second.
///
/// - Parameter useIfRange: the range path: `If-Range` (a date or a tag) replaces
///   `If-Modified-Since` and `If-None-Match` when a `Range` is present.
func isResourceModified(_ headers: HTTPHeaders, etag: String?, lastModified: Int, useIfRange: Bool) -> Bool {
    var unmodified = false
    var ifRangeDate: Int?
    var ifRangeTag: String?
    if useIfRange, headers["Range"] != nil, let ifRange = headers["If-Range"] {
        if let date = HTTPDate.parse(ifRange) { ifRangeDate = date } else { ifRangeTag = ifRange }
    }
    let since = ifRangeDate ?? headers["If-Modified-Since"].flatMap { HTTPDate.parse($0) }
    if let since, lastModified <= since { unmodified = true }
    // Without a tag (`etag: false`) only the dates count, as Werkzeug's `if etag:`.
    guard let etag, !etag.isEmpty else { return !unmodified }
    if let ifRangeTag {
        return !EntityTagList(ifRangeTag).contains(etag)
    }
    let ifNoneMatch = EntityTagList(headers["If-None-Match"])
    if !ifNoneMatch.isEmpty { unmodified = ifNoneMatch.containsWeak(etag) }
    let ifMatch = EntityTagList(headers["If-Match"])
    if !ifMatch.isEmpty { unmodified = !ifMatch.strong.contains(etag) }
    return !unmodified
}
