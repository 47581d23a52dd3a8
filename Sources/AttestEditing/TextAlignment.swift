import AttestReports

/// Where each code point of an old text went in a new one: a character
/// alignment by `SequenceDiff`, first over the whole text and, when the
/// texts differ too much for that, line by line (ignoring line ends) and
/// then character by character within lines.
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
        /// Aligns old [oa, ob) with new [na, nb) character by character; false when too costly.
        func characters(_ oa: Int, _ ob: Int, _ na: Int, _ nb: Int) -> Bool {
            guard ob > oa, nb > na else { return true }
            guard
                let inner = SequenceDiff.matchingBlocks(
                    Array(a[oa..<ob]), Array(b[na..<nb]), maxCost: Self.characterCost)
            else { return false }
            mark(inner, oldBase: oa, newBase: na)
            return true
        }
        if !characters(0, a.count, 0, b.count) {
            // Line by line, lines compared without their terminators (so a
            // change of line ends leaves every line matched), then characters
            // within each matched pair and each run of changed lines; a run
            // too different for that is paired line by line.
            let (oldLines, oldStarts) = Self.lines(a)
            let (newLines, newStarts) = Self.lines(b)
            let lineBlocks = SequenceDiff.matchingBlocks(oldLines, newLines, maxCost: 50_000) ?? []
            var i = 0
            var j = 0
            for block in lineBlocks + [SequenceDiff.Block(old: oldLines.count, new: newLines.count, count: 0)] {
                if block.old > i || block.new > j {
                    if !characters(oldStarts[i], oldStarts[block.old], newStarts[j], newStarts[block.new]) {
                        for k in 0..<min(block.old - i, block.new - j) {
                            _ = characters(
                                oldStarts[i + k], oldStarts[i + k + 1], newStarts[j + k], newStarts[j + k + 1])
                        }
                    }
                }
                for k in 0..<block.count {
                    _ = characters(
                        oldStarts[block.old + k], oldStarts[block.old + k + 1], newStarts[block.new + k],
                        newStarts[block.new + k + 1])
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

    /// Lines as hashes of their code points without the line end (CR, LF
    /// or CRLF), and the offset each starts at (one extra entry: the end).
    private static func lines(_ scalars: [UInt32]) -> (lines: [Int], starts: [Int]) {
        var lines: [Int] = []
        var starts: [Int] = [0]
        var hasher = Hasher()
        for (i, s) in scalars.enumerated() {
            if s == 0x0A {
                lines.append(hasher.finalize())
                hasher = Hasher()
                starts.append(i + 1)
            } else if s != 0x0D {
                hasher.combine(s)
            }
        }
        if starts.last! < scalars.count {
            lines.append(hasher.finalize())
            starts.append(scalars.count)
        }
        return (lines, starts)
    }
}
