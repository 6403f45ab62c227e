/// Writes an encoder's result straight to bytes, skipping the ``JSONValue`` tree it would
/// otherwise be copied into first: the path `jsonify(someEncodable)` takes.
extension JSONWriter {
    /// Appends the value held by `slot`, nested `level` containers deep.
    mutating func write(_ slot: JSONEncodingNode.Slot, level: Int) {
        switch slot {
        case .value(let value): write(value, level: level)
        case .node(let node): write(node, level: level)
        }
    }

    private mutating func write(_ node: JSONEncodingNode, level: Int) {
        switch node.kind {
        case .empty:
            output.append(contentsOf: "{}".utf8)
        case .value:
            write(node.value, level: level)
        case .array:
            if node.array.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (i, element) in node.array.enumerated() {
                writeSeparatorAndIndent(first: i == 0, level: level + 1)
                write(element, level: level + 1)
            }
            writeClosingIndent(level: level)
            output.append(UInt8(ascii: "]"))
        case .object:
            if node.object.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            var first = true
            let members = sortsKeys
                ? node.object.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : Array(node.object)
            for (key, member) in members {
                writeSeparatorAndIndent(first: first, level: level + 1)
                first = false
                writeString(key)
                writeKeySeparator()
                write(member, level: level + 1)
            }
            writeClosingIndent(level: level)
            output.append(UInt8(ascii: "}"))
        }
    }
}
