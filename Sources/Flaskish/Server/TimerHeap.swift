/// A min-heap of deadlines for one event loop: Engine.IO pings, long-poll timeouts, back-offs.
///
/// Cancellation is lazy: a cancelled timer stays in the heap and is skipped when it comes due,
/// which keeps `cancel` O(1).
struct TimerHeap {
    struct Entry {
        let deadline: UInt64
        let id: UInt64
        let action: () -> Void
    }

    private var entries: [Entry] = []
    private var cancelled: Set<UInt64> = []
    private var nextID: UInt64 = 1

    var isEmpty: Bool { entries.isEmpty }
    var earliestDeadline: UInt64? { entries.first?.deadline }

    mutating func schedule(at deadline: UInt64, _ action: @escaping () -> Void) -> UInt64 {
        let id = nextID
        nextID += 1
        entries.append(Entry(deadline: deadline, id: id, action: action))
        siftUp(entries.count - 1)
        return id
    }

    mutating func cancel(_ id: UInt64) {
        cancelled.insert(id)
    }

    /// Removes and returns the actions due at `now`, earliest first.
    mutating func popDue(now: UInt64) -> [() -> Void] {
        var due: [() -> Void] = []
        while let first = entries.first, first.deadline <= now {
            let entry = removeFirst()
            if cancelled.remove(entry.id) == nil { due.append(entry.action) }
        }
        if entries.isEmpty { cancelled.removeAll(keepingCapacity: true) }
        return due
    }

    private mutating func removeFirst() -> Entry {
        let first = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count, entries[right].deadline < entries[smallest].deadline { smallest = right }
            if smallest == parent { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
