import AttestReports
import Foundation

/// A document's journal replayed (see `EditJournal`): the transactions that
/// can be undone and redone, and a record still pending. Entries are decoded
/// only when asked for, so replaying a long history reads its lines' heads.
/// The journal is input like any other: a line that is not a record, or a
/// record that does not follow from the ones before, is an error naming it.
public struct JournalHistory: Sendable {
    public enum Op: String, Sendable {
        case commit, undo, redo, done, abort
    }

    /// A transaction: its sequence number and where its entry is.
    public struct Item: Sendable {
        public var seq: Int
        public var line: Int
    }

    public struct Pending: Sendable {
        public var op: Op
        public var seq: Int
        /// The transaction it commits, undoes or redoes.
        public var target: Int
        public var line: Int
    }

    /// Undoable transactions, oldest first.
    public private(set) var undoable: [Item] = []
    /// Redoable transactions, the next one to redo last.
    public private(set) var redoable: [Item] = []
    public private(set) var pending: Pending?
    public private(set) var nextSeq = 1
    /// How many records the log holds.
    public private(set) var records = 0
    private var lines: [ArraySlice<UInt8>] = []
    private var entryRanges: [Int: (line: Int, range: Range<Int>?)] = [:]
    private let name: String

    init(bytes: [UInt8], name: String) throws {
        self.name = name
        lines = Self.lines(bytes)
        entryRanges.reserveCapacity(lines.count / 2 + 1)
        for (index, line) in lines.enumerated() { try replay(line, index) }
    }

    /// The log with `bytes` (whole lines) appended to it, replayed on from where it stood: a journal
    /// kept between transactions reads only what was appended since (`KeptDocuments`).
    mutating func extend(with bytes: [UInt8]) throws {
        for line in Self.lines(bytes) {
            lines.append(line)
            try replay(line, lines.count - 1)
        }
    }

    /// The non-empty lines of `bytes`, found with `memchr` (a long history
    /// is megabytes; a byte-by-byte split costs more than the replay).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let found = memchr(base + start, 0x0A, buffer.count - start)
                let end = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                if end > start { out.append(bytes[start..<end]) }
                start = end + 1
            }
        }
        return out
    }

    /// The entry of an undoable or redoable transaction.
    public func entry(_ item: Item) throws -> JournalEntry { try entry(ofSeq: item.seq) }

    func entry(ofSeq seq: Int) throws -> JournalEntry {
        guard let (line, range) = entryRanges[seq] else {
            throw AttestError.invalid("\(name): no transaction \(seq) in the journal; move the file aside")
        }
        let whole = lines[line]
        let bytes =
            range.map { whole[(whole.startIndex + $0.lowerBound)..<(whole.startIndex + $0.upperBound)] } ?? whole
        do {
            return try JSONDecoder().decode(JournalEntry.self, from: Data(bytes))
        } catch {
            throw AttestError.invalid("\(name):\(line + 1): not a journal entry; move the file aside")
        }
    }

    // MARK: Replay

    private struct Head {
        var op: Op
        var seq: Int
        var of: Int?
        /// Where the entry's JSON is within the line (commits).
        var entry: Range<Int>?
        var legacy = false
    }

    private mutating func replay(_ line: ArraySlice<UInt8>, _ index: Int) throws {
        guard let head = Self.fastHead(line) ?? Self.slowHead(line) else {
            throw AttestError.invalid("\(name):\(index + 1): not a journal record; move the file aside")
        }
        records += 1
        func broken(_ why: String) -> AttestError {
            AttestError.invalid("\(name):\(index + 1): \(why); move the file aside")
        }
        if head.legacy {
            let seq = nextSeq
            nextSeq += 1
            entryRanges[seq] = (index, nil)
            undoable.append(Item(seq: seq, line: index))
            redoable.removeAll()
            return
        }
        nextSeq = max(nextSeq, head.seq + 1)
        switch head.op {
        case .commit:
            // A record begun while another was pending: that one never took effect.
            guard entryRanges[head.seq] == nil else { throw broken("transaction \(head.seq) recorded twice") }
            entryRanges[head.seq] = (index, head.entry)
            pending = Pending(op: .commit, seq: head.seq, target: head.seq, line: index)
        case .undo, .redo:
            guard let of = head.of else { throw broken("\(head.op.rawValue) without the transaction it reverses") }
            let stack = head.op == .undo ? undoable : redoable
            guard stack.last?.seq == of else {
                throw broken("\(head.op.rawValue) of transaction \(of), which is not the next to \(head.op.rawValue)")
            }
            pending = Pending(op: head.op, seq: head.seq, target: of, line: index)
        case .done:
            guard let p = pending, p.seq == head.seq else { throw broken("done for a record that is not pending") }
            pending = nil
            switch p.op {
            case .commit:
                undoable.append(Item(seq: p.seq, line: p.line))
                redoable.removeAll()
            case .undo:
                if let item = undoable.popLast() { redoable.append(item) }
            case .redo:
                if let item = redoable.popLast() { undoable.append(item) }
            case .done, .abort: break
            }
        case .abort:
            guard let p = pending, p.seq == head.seq else { throw broken("abort for a record that is not pending") }
            pending = nil
        }
    }

    /// The head of a record as Attest writes it: `{"op":"…","seq":N` then
    /// `,"of":N}`, `}` or `,"entry":{…}}`. Nil for anything else.
    private static func fastHead(_ line: ArraySlice<UInt8>) -> Head? {
        var i = line.startIndex
        func expect(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard line.endIndex - i >= count else { return false }
            // Byte by byte in place (the generic `elementsEqual` was a tenth of an undo's time on a
            // 10,000-change journal).
            let ok = text.withUTF8Buffer { t in
                line.withUnsafeBufferPointer { l in
                    let from = i - line.startIndex
                    for k in 0..<count where t[k] != l[from + k] { return false }
                    return true
                }
            }
            if ok { i += count }
            return ok
        }
        func number() -> Int? {
            var value = 0
            let start = i
            while i < line.endIndex, line[i] >= 0x30, line[i] <= 0x39, i - start < 15 {
                value = value * 10 + Int(line[i] - 0x30)
                i += 1
            }
            return i > start && i - start < 15 ? value : nil
        }
        guard expect("{\"op\":\"") else { return nil }
        let op: Op
        if expect("commit\"") {
            op = .commit
        } else if expect("done\"") {
            op = .done
        } else if expect("undo\"") {
            op = .undo
        } else if expect("redo\"") {
            op = .redo
        } else if expect("abort\"") {
            op = .abort
        } else {
            return nil
        }
        guard expect(",\"seq\":"), let seq = number() else { return nil }
        if op == .commit {
            guard expect(",\"entry\":"), line.last == UInt8(ascii: "}"), line.endIndex - 1 > i else { return nil }
            let base = line.startIndex
            return Head(op: op, seq: seq, entry: (i - base)..<(line.endIndex - 1 - base))
        }
        var of: Int?
        if op == .undo || op == .redo {
            guard expect(",\"of\":"), let n = number() else { return nil }
            of = n
        }
        guard expect("}"), i == line.endIndex else { return nil }
        return Head(op: op, seq: seq, of: of)
    }

    /// Any other line: a record written by another hand, or an entry of the
    /// journal's earlier form (read as a done commit).
    private static func slowHead(_ line: ArraySlice<UInt8>) -> Head? {
        struct Record: Decodable {
            var op: String?
            var seq: Int?
            var of: Int?
            var summary: String?
        }
        let decoded = try? JSONDecoder().decode(Record.self, from: Data(line))  // deliberate: nil names the line
        guard let r = decoded else { return nil }
        if r.op == nil, r.summary != nil { return Head(op: .commit, seq: 0, legacy: true) }
        guard let name = r.op, let op = Op(rawValue: name), let seq = r.seq, op != .commit else { return nil }
        return Head(op: op, seq: seq, of: r.of)
    }
}
