/// A unified diff of two texts by lines, as `diff -u` prints it: `---`/`+++`
/// headers, then hunks of changed lines with three lines of context.
public enum UnifiedDiff {
    public static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        guard a != b else { return "" }
        // A difference too large to align line by line is shown as one replacement.
        let blocks =
            SequenceDiff.matchingBlocks(a, b, maxCost: 20_000)
            ?? []
        var edits: [(tag: Character, line: String, oldLine: Int, newLine: Int)] = []
        var i = 0
        var j = 0
        for block in blocks + [SequenceDiff.Block(old: a.count, new: b.count, count: 0)] {
            while i < block.old {
                edits.append(("-", a[i], i, j))
                i += 1
            }
            while j < block.new {
                edits.append(("+", b[j], i, j))
                j += 1
            }
            for _ in 0..<block.count {
                edits.append((" ", a[i], i, j))
                i += 1
                j += 1
            }
        }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < edits.count {
            guard edits[index].tag != " " else {
                index += 1
                continue
            }
            // One hunk: from `context` lines before this change to `context`
            // lines after the last change that lies within 2·context of the next.
            let start = max(0, index - context)
            var end = index
            var scan = index
            while scan < edits.count {
                if edits[scan].tag != " " {
                    end = scan
                } else if scan - end > 2 * context {
                    break
                }
                scan += 1
            }
            let stop = min(edits.count, end + context + 1)
            let hunk = edits[start..<stop]
            let oldCount = hunk.filter { $0.tag != "+" }.count
            let newCount = hunk.filter { $0.tag != "-" }.count
            let first = hunk.first!
            out += "@@ -\(range(first.oldLine, oldCount)) +\(range(first.newLine, newCount)) @@\n"
            for edit in hunk {
                out += String(edit.tag) + edit.line + "\n"
            }
            index = stop
        }
        return out
    }

    /// `diff -u` numbering: 1-based start, or the line before an empty range.
    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    private static func lines(_ text: String) -> [String] {
        // By scalars: "\r\n" is one Character, and a CR is part of its line here.
        var out = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
        if out.last == "" { out.removeLast() }
        return out
    }
}
