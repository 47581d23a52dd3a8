import AttestAgreement

/// brat standoff: `DOC.txt` with `DOC.ann`. Offsets count code points of
/// the text as Python reads it. Supported (docs/interop.md):
///
/// - `T1\tTYPE START END\ttext`: a mention of TYPE (discontinuous spans
///   `START END;START END` are refused with their line);
/// - quotes as text-bound `Quote`, `Speaker` and `Cue` annotations, with
///   relations `Speaker Arg1:Tq Arg2:Ts` and `Cue Arg1:Tq Arg2:Tc` (the
///   speaker may be a mention's `T`), the kind as attribute `Kind Tq direct`;
/// - `*\tEquiv T1 T4`: mentions of one entity;
/// - Attest's own ids travel in notes `#N\tAnnotatorNotes T1\tattest m1 e1 Entity Name`
///   (a mention, its entity's id and name) and `attest q1` (a quote); other `#` notes, other
///   relations, attributes and events are ignored (and counted).
enum BratFormat {
    static let quoteTypes: Set<String> = ["Quote", "Speaker", "Cue"]

    static func read(text: String, ann: String, id: String, file: String) throws -> InteropDocument {
        var lines = AnnLines(reader: OffsetReader(text: text), file: file)
        for (index, raw) in ann.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try lines.take(raw.hasSuffix("\r") ? raw.dropLast() : raw, number: index + 1)
        }
        let group = try lines.entityGroups()
        var doc = InteropDocument(id: id, text: text)
        doc.mentions = lines.mentions(group: group, names: &doc.entityNames)
        doc.quotes = try lines.quotes(group: group)
        doc.notes =
            lines.reader.note(file)
            + (lines.ignored > 0 ? ["\(file): \(lines.ignored) line(s) of other annotation kinds ignored"] : [])
        return doc
    }

    /// The lines of one `.ann` file, read one at a time, by kind.
    private struct AnnLines {
        var reader: OffsetReader
        let file: String
        var bound: [String: (type: String, span: Span)] = [:]
        var order: [String] = []
        var relations: [(type: String, from: String, to: String, line: Int)] = []
        var kinds: [String: QuoteKind] = [:]
        var equivalences: [[String]] = []
        var ignored = 0
        /// Attest's ids, from `AnnotatorNotes` that start with `attest `.
        var carried: [String: [Substring]] = [:]

        init(reader: OffsetReader, file: String) {
            self.reader = reader
            self.file = file
        }

        mutating func take(_ line: Substring, number n: Int) throws {
            guard let first = line.first else { return }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            func fail(_ message: String) -> AttestError { AttestError("\(file):\(n): \(message)") }
            switch first {
            case "T":
                guard fields.count >= 2 else { throw fail("a text-bound annotation needs ID, TYPE START END and text") }
                let head = fields[1]
                if head.contains(";") {
                    throw fail("\(fields[0]) is discontinuous (\(head)); Attest spans are continuous")
                }
                let parts = head.split(separator: " ")
                guard parts.count == 3, let s = Int(parts[1]), let e = Int(parts[2]) else {
                    throw fail("\(fields[0]): expected TYPE START END, found \(Brief.quoted(head))")
                }
                let covered = fields.count == 3 ? fields[2] : nil
                switch reader.span(s, e, covered: covered) {
                case .success(let span):
                    bound[fields[0]] = (String(parts[0]), span)
                    order.append(fields[0])
                case .failure(let why): throw fail("\(fields[0]) \(why)")
                }
            case "R":
                guard fields.count >= 2 else { throw fail("a relation needs ID and TYPE Arg1:X Arg2:Y") }
                let parts = fields[1].split(separator: " ")
                guard parts.count == 3, parts[1].hasPrefix("Arg1:"), parts[2].hasPrefix("Arg2:") else {
                    throw fail("\(fields[0]): expected TYPE Arg1:X Arg2:Y")
                }
                relations.append((String(parts[0]), String(parts[1].dropFirst(5)), String(parts[2].dropFirst(5)), n))
            case "A", "M":
                let parts = fields.count >= 2 ? fields[1].split(separator: " ") : []
                if parts.count == 3, parts[0] == "Kind" {
                    guard let kind = QuoteKind(rawValue: String(parts[2])) else {
                        throw fail("Kind \(parts[2]) is not direct, indirect or mixed")
                    }
                    kinds[String(parts[1])] = kind
                } else {
                    ignored += 1
                }
            case "*":
                let parts = fields.count >= 2 ? fields[1].split(separator: " ").map(String.init) : []
                if parts.first == "Equiv" { equivalences.append(Array(parts.dropFirst())) } else { ignored += 1 }
            case "#":
                // `#1\tAnnotatorNotes T1\tattest m1 e1 Name`: Attest's ids; other notes are not read.
                let parts = fields.count == 3 ? fields[1].split(separator: " ") : []
                if parts.count == 2, parts[0] == "AnnotatorNotes", fields[2].hasPrefix("attest ") {
                    carried[String(parts[1])] = fields[2].split(separator: " ", maxSplits: 3).dropFirst().map { $0 }
                }
            default: ignored += 1
            }
        }

        /// Entities: Equiv groups, then each other mention alone.
        func entityGroups() throws -> [String: Int] {
            var group: [String: Int] = [:]
            for (k, members) in equivalences.enumerated() {
                for m in members {
                    guard bound[m] != nil else {
                        throw AttestError("\(file): Equiv names \(m), which is not a text-bound annotation")
                    }
                    group[m] = k + 1
                }
            }
            var next = equivalences.count
            for t in order where group[t] == nil && !quoteTypes.contains(bound[t]!.type) {
                next += 1
                group[t] = next
            }
            return group
        }

        func mentions(group: [String: Int], names: inout [Int: InteropDocument.EntityName]) -> [InteropDocument
            .Mention]
        {
            var mentions: [InteropDocument.Mention] = []
            for t in order {
                guard let b = bound[t], !quoteTypes.contains(b.type) else { continue }
                let note = carried[t] ?? []
                mentions.append(.init(span: b.span, type: b.type, group: group[t], id: note.first.map(String.init)))
                if note.count == 3, let g = group[t], names[g] == nil {
                    names[g] = .init(id: String(note[1]), name: String(note[2]))
                }
            }
            return mentions
        }

        /// Each `Quote` with the `Speaker`, `SpeakerOf` and `Cue` relations that start at it.
        func quotes(group: [String: Int]) throws -> [InteropDocument.Quote] {
            var quotes: [InteropDocument.Quote] = []
            for t in order where bound[t]?.type == "Quote" {
                var q = InteropDocument.Quote(
                    content: bound[t]!.span, kind: kinds[t] ?? .direct, id: carried[t]?.first.map(String.init))
                for r in relations where r.from == t {
                    guard let target = bound[r.to] else {
                        throw AttestError(
                            "\(file):\(r.line): \(r.type) points at \(r.to), which is not a text-bound annotation")
                    }
                    switch r.type {
                    case "Speaker":
                        q.speaker = target.span
                        if q.speakerGroup == nil, let g = group[r.to] { q.speakerGroup = g }
                    case "SpeakerOf":
                        // The entity the quote is attributed to, through one of its mentions.
                        guard let g = group[r.to] else {
                            throw AttestError("\(file):\(r.line): SpeakerOf points at \(r.to), which is not a mention")
                        }
                        q.speakerGroup = g
                    case "Cue": q.cue = target.span
                    default: continue
                    }
                }
                quotes.append(q)
            }
            return quotes
        }
    }

    /// The `.ann` of a document: mentions first, then quotes with their
    /// parts and relations, then `Equiv` lines for entities of several mentions.
    static func write(_ doc: InteropDocument) -> String {
        let article = ArticleText(doc.text)
        var out = ""
        var notes = ""
        var noteCount = 0
        var t = 0
        var r = 0
        var mentionT: [Span: String] = [:]
        var groupMembers: [Int: [String]] = [:]
        var mentionGroup: [String: Int] = [:]
        func textBound(_ type: String, _ span: Span) -> String {
            t += 1
            let covered = article[span].replacingOccurrences(of: "\n", with: " ")
            out += "T\(t)\t\(type) \(span.start) \(span.end)\t\(covered)\n"
            return "T\(t)"
        }
        func note(_ target: String, _ text: String) {
            noteCount += 1
            notes += "#\(noteCount)\tAnnotatorNotes \(target)\tattest \(text)\n"
        }
        for m in doc.mentions {
            let id = textBound(m.type, m.span)
            if let mid = m.id {
                let entity = m.group.flatMap { doc.entityNames[$0] }
                note(id, entity.map { "\(mid) \($0.id) \($0.name.replacingOccurrences(of: "\n", with: " "))" } ?? mid)
            }
            if mentionT[m.span] == nil { mentionT[m.span] = id }
            if let g = m.group {
                groupMembers[g, default: []].append(id)
                mentionGroup[id] = g
            }
        }
        var a = 0
        for q in doc.quotes {
            let qt = textBound("Quote", q.content)
            if let qid = q.id { note(qt, qid) }
            a += 1
            out += "A\(a)\tKind \(qt) \(q.kind.rawValue)\n"
            if let s = q.speaker {
                // The speaker is the mention at its span when that mention is of the attributed entity.
                let mention = mentionT[s].flatMap { t in mentionGroup[t] == q.speakerGroup ? t : nil }
                let st = mention ?? textBound("Speaker", s)
                r += 1
                out += "R\(r)\tSpeaker Arg1:\(qt) Arg2:\(st)\n"
            }
            if let g = q.speakerGroup, q.speaker.flatMap({ mentionT[$0] }).map({ mentionGroup[$0] != g }) ?? true,
                let first = groupMembers[g]?.first
            {
                r += 1
                out += "R\(r)\tSpeakerOf Arg1:\(qt) Arg2:\(first)\n"
            }
            if let c = q.cue {
                let ct = textBound("Cue", c)
                r += 1
                out += "R\(r)\tCue Arg1:\(qt) Arg2:\(ct)\n"
            }
        }
        for g in groupMembers.keys.sorted() where groupMembers[g]!.count > 1 {
            out += "*\tEquiv \(groupMembers[g]!.joined(separator: " "))\n"
        }
        return out + notes
    }
}
