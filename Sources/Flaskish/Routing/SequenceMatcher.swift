extension BuildError {
    /// Python's `difflib.SequenceMatcher(None, a, b).ratio()` over Unicode code points: how alike two
    /// endpoint names are, for `BuildError`'s suggestion. Same algorithm (longest matching blocks,
    /// recursively), so the same rule is suggested.
    enum SequenceMatcher {
        static func ratio(_ first: String, _ second: String) -> Double {
            let a = Array(first.unicodeScalars)
            let b = Array(second.unicodeScalars)
            let total = a.count + b.count
            guard total > 0 else { return 1.0 }
            return 2.0 * Double(matchingCount(a, b)) / Double(total)
        }

        private static func matchingCount(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var positions: [Unicode.Scalar: [Int]] = [:]
            for (index, scalar) in b.enumerated() { positions[scalar, default: []].append(index) }
            // difflib's "autojunk": in long sequences, very common elements are not used as anchors.
            if b.count >= 200 {
                let limit = b.count / 100 + 1
                positions = positions.filter { $0.value.count <= limit }
            }

            var matches = 0
            var queue = [(0, a.count, 0, b.count)]
            while let (aLow, aHigh, bLow, bHigh) = queue.popLast() {
                let (i, j, size) = longestMatch(a, b, positions, aLow, aHigh, bLow, bHigh)
                guard size > 0 else { continue }
                matches += size
                if aLow < i && bLow < j { queue.append((aLow, i, bLow, j)) }
                if i + size < aHigh && j + size < bHigh { queue.append((i + size, aHigh, j + size, bHigh)) }
            }
            return matches
        }

        /// `find_longest_match`: the longest block, earliest in `a`, then earliest in `b`, extended
        /// over elements left out as popular.
        private static func longestMatch(
            _ a: [Unicode.Scalar], _ b: [Unicode.Scalar], _ positions: [Unicode.Scalar: [Int]],
            _ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int
        ) -> (Int, Int, Int) {
            var bestI = aLow, bestJ = bLow, bestSize = 0
            var lengths: [Int: Int] = [:]
            for i in aLow..<aHigh {
                var newLengths: [Int: Int] = [:]
                for j in positions[a[i]] ?? [] {
                    if j < bLow { continue }
                    if j >= bHigh { break }
                    let size = (lengths[j - 1] ?? 0) + 1
                    newLengths[j] = size
                    if size > bestSize {
                        bestI = i - size + 1
                        bestJ = j - size + 1
                        bestSize = size
                    }
                }
                lengths = newLengths
            }
            while bestI > aLow && bestJ > bLow && a[bestI - 1] == b[bestJ - 1] {
                bestI -= 1
                bestJ -= 1
                bestSize += 1
            }
            while bestI + bestSize < aHigh && bestJ + bestSize < bHigh && a[bestI + bestSize] == b[bestJ + bestSize] {
                bestSize += 1
            }
            return (bestI, bestJ, bestSize)
        }
    }
}
