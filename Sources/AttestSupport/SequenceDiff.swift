/// The longest common subsequence of two sequences as runs of equal
/// elements, by Myers' O((N+M)·D) greedy algorithm ("An O(ND) Difference
/// Algorithm and Its Variations", 1986), after trimming the common prefix
/// and suffix. `attest realign` aligns article texts with it and
/// `attest fmt --check` prints its line differences.
public enum SequenceDiff {
    /// `count` equal elements starting at `old` in the first sequence and
    /// `new` in the second.
    public struct Block: Hashable, Sendable {
        public var old: Int
        public var new: Int
        public var count: Int

        public init(old: Int, new: Int, count: Int) {
            self.old = old
            self.new = new
            self.count = count
        }
    }

    /// The runs of a shortest edit script turning `a` into `b`, in order, or
    /// nil when that script needs more than `maxCost` insertions and
    /// deletions (the work and memory grow with the square of the cost).
    public static func matchingBlocks<T: Equatable>(_ a: [T], _ b: [T], maxCost: Int = 4_000) -> [Block]? {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var blocks: [Block] = []
        if prefix > 0 { blocks.append(Block(old: 0, new: 0, count: prefix)) }
        let middleA = a[prefix..<(a.count - suffix)]
        let middleB = b[prefix..<(b.count - suffix)]
        if !middleA.isEmpty && !middleB.isEmpty {
            guard let pairs = myers(middleA, middleB, maxCost: maxCost) else { return nil }
            for (x, y) in pairs {
                let (ox, oy) = (x + prefix, y + prefix)
                if let last = blocks.last, last.old + last.count == ox, last.new + last.count == oy {
                    blocks[blocks.count - 1].count += 1
                } else {
                    blocks.append(Block(old: ox, new: oy, count: 1))
                }
            }
        } else if middleA.count + middleB.count > maxCost {
            return nil
        }
        if suffix > 0 {
            let block = Block(old: a.count - suffix, new: b.count - suffix, count: suffix)
            if let last = blocks.last, last.old + last.count == block.old, last.new + last.count == block.new {
                blocks[blocks.count - 1].count += suffix
            } else {
                blocks.append(block)
            }
        }
        return blocks
    }

    /// Matched index pairs (relative to the slices' starts), in order.
    private static func myers<T: Equatable>(_ a: ArraySlice<T>, _ b: ArraySlice<T>, maxCost: Int) -> [(Int, Int)]? {
        let n = a.count
        let m = b.count
        let a0 = a.startIndex
        let b0 = b.startIndex
        let limit = min(n + m, maxCost)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d] holds v[-d...d] as it stood after round d.
        var trace: [[Int32]] = []
        var found = -1
        rounds: for d in 0...limit {
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[a0 + x] == b[b0 + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    trace.append(v[(offset - d)...(offset + d)].map { Int32(truncatingIfNeeded: $0) })
                    found = d
                    break rounds
                }
                k += 2
            }
            trace.append(v[(offset - d)...(offset + d)].map { Int32(truncatingIfNeeded: $0) })
        }
        guard found >= 0 else { return nil }
        var pairs: [(Int, Int)] = []
        var x = n
        var y = m
        var d = found
        while d > 0 {
            let previous = trace[d - 1]  // v[-(d-1)...(d-1)]
            let k = x - y
            let value = { (k: Int) in Int(previous[k + d - 1]) }
            let prevK = (k == -d || (k != d && value(k - 1) < value(k + 1))) ? k + 1 : k - 1
            let prevX = value(prevK)
            let prevY = prevX - prevK
            let snakeStart = prevK == k + 1 ? prevX : prevX + 1
            while x > snakeStart {
                pairs.append((x - 1, y - 1))
                x -= 1
                y -= 1
            }
            x = prevX
            y = prevY
            d -= 1
        }
        while x > 0, y > 0 {
            pairs.append((x - 1, y - 1))
            x -= 1
            y -= 1
        }
        return pairs.reversed()
    }
}
