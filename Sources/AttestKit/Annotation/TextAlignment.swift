/// Where each code point of an old text went in a new one: a character
/// alignment by `SequenceDiff`, first over the whole text and, when the
/// texts differ too much for that, line by line and then within the lines
/// that changed.
public struct TextAlignment: Sendable {
    /// `newOffset[i]` is where old code point `i` stands in the new text, or -1 when it was deleted.
    public let newOffset: [Int32]
    /// How many old code points were kept.
    public let kept: Int

    /// Character alignments are bounded by this many insertions and
    /// deletions per region (the work grows with its square).
    static let characterCost = 2_500

    public init(old: ArticleText, new: ArticleText) {
        let a = (0..<old.count).map { old.scalar(at: $0).value }
        let b = (0..<new.count).map { new.scalar(at: $0).value }
        var map = [Int32](repeating: -1, count: a.count)
        var kept = 0
        func mark(_ blocks: [SequenceDiff.Block], oldBase: Int, newBase: Int) {
            for block in blocks {
                for i in 0..<block.count { map[oldBase + block.old + i] = Int32(newBase + block.new + i) }
                kept += block.count
            }
        }
        if let blocks = SequenceDiff.matchingBlocks(a, b, maxCost: Self.characterCost) {
            mark(blocks, oldBase: 0, newBase: 0)
        } else {
            // Line by line (a line keeps its terminator), then characters
            // inside each run of changed lines.
            let (oldLines, oldStarts) = Self.lines(a)
            let (newLines, newStarts) = Self.lines(b)
            let lineBlocks = SequenceDiff.matchingBlocks(oldLines, newLines, maxCost: 50_000) ?? []
            var i = 0
            var j = 0
            for block in lineBlocks + [SequenceDiff.Block(old: oldLines.count, new: newLines.count, count: 0)] {
                if block.old > i || block.new > j {
                    let oa = oldStarts[i]
                    let ob = oldStarts[block.old]
                    let na = newStarts[j]
                    let nb = newStarts[block.new]
                    if ob > oa, nb > na,
                        let inner = SequenceDiff.matchingBlocks(
                            Array(a[oa..<ob]), Array(b[na..<nb]), maxCost: Self.characterCost)
                    {
                        mark(inner, oldBase: oa, newBase: na)
                    }
                }
                if block.count > 0 {
                    let oa = oldStarts[block.old]
                    let na = newStarts[block.new]
                    let length = oldStarts[block.old + block.count] - oa
                    mark([SequenceDiff.Block(old: 0, new: 0, count: length)], oldBase: oa, newBase: na)
                }
                i = block.old + block.count
                j = block.new + block.count
            }
        }
        self.newOffset = map
        self.kept = kept
    }

    /// Where `span` lands: from the first to the last of its code points
    /// that were kept (text inserted at its edges stays outside), or nil
    /// when none was.
    public func map(_ span: Span) -> Span? {
        guard span.start >= 0, span.end <= newOffset.count, !span.isEmpty else { return nil }
        var first = span.start
        while first < span.end, newOffset[first] < 0 { first += 1 }
        guard first < span.end else { return nil }
        var last = span.end - 1
        while newOffset[last] < 0 { last -= 1 }
        return Span(Int(newOffset[first]), Int(newOffset[last]) + 1)
    }

    /// Lines as hashes of their code points (with the terminator), and the
    /// offset each starts at (one extra entry: the end).
    private static func lines(_ scalars: [UInt32]) -> (lines: [Int], starts: [Int]) {
        var lines: [Int] = []
        var starts: [Int] = [0]
        var hasher = Hasher()
        for (i, s) in scalars.enumerated() {
            hasher.combine(s)
            if s == 0x0A {
                lines.append(hasher.finalize())
                hasher = Hasher()
                starts.append(i + 1)
            }
        }
        if starts.last! < scalars.count {
            lines.append(hasher.finalize())
            starts.append(scalars.count)
        }
        return (lines, starts)
    }
}
