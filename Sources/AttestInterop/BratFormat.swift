import AttestAgreement

/// brat standoff: `DOC.txt` with `DOC.ann`. Offsets count code points of
/// the text as Python reads it. Supported (docs/interop.md):
///
/// - `T1\tTYPE START END\ttext`: a mention of TYPE; discontinuous spans
///   (`START END;START END`) as `InteropOptions.discontinuous` says;
/// - quotes as events (`E1\tAttribution:T3 Content:T1 Source:T2 Cue:T4`): the
///   arguments' roles from `InteropOptions.roles` (content, speaker, cue), the
///   trigger the cue when no argument is; the trigger and the content and cue
///   spans are not mentions;
/// - quotes as text-bound `Quote` (or any content-role type: `Content`…)
///   with relations `Speaker Arg1:Tq Arg2:Ts` and `Cue Arg1:Tq Arg2:Tc` (or
///   any speaker- or cue-role type: `Source`…; either argument may be the
///   quote); the speaker may be a mention's `T`; the kind as attribute
///   `Kind Tq direct` (or on the event);
/// - `*\tEquiv T1 T4`, `*\tAlias T1 T4` (any equivalence): mentions of one entity;
/// - Attest's own ids travel in notes `#N\tAnnotatorNotes T1\tattest m1 e1 Entity Name`
///   (a mention, its entity's id and name) and `attest q1` (a quote); other `#` notes, other
///   relations, attributes and events are counted in a note.
enum BratFormat {
    static func read(
        text: String, ann: String, id: String, file: String, options: InteropOptions = .init()
    ) throws -> InteropDocument {
        var lines = AnnLines(reader: OffsetReader(text: text), file: file, options: options)
        for (index, raw) in ann.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try lines.take(raw.hasSuffix("\r") ? raw.dropLast() : raw, number: index + 1)
        }
        try lines.checkReferences()
        var doc = InteropDocument(id: id, text: text)
        let quotes = try lines.quotes()
        let group = try lines.entityGroups(excluding: quotes.parts)
        doc.mentions = try lines.mentions(group: group, excluding: quotes.parts, names: &doc.entityNames)
        doc.quotes = quotes.list.map { read in
            var q = read.quote
            // The entity: Attest's own `SpeakerOf`, else the speaker span's when it is a mention.
            q.speakerGroup = read.speakerGroupT.flatMap { group[$0] } ?? read.speakerT.flatMap { group[$0] }
            return q
        }
        doc.notes = lines.reader.note(file) + lines.notes()
        return doc
    }

    /// The lines of one `.ann` file, read one at a time, by kind.
    private struct AnnLines {
        var reader: OffsetReader
        let file: String
        let options: InteropOptions
        var bound: [String: (type: String, fragments: [Span], line: Int)] = [:]
        var order: [String] = []
        var relations: [(type: String, arg1: String, arg2: String, line: Int)] = []
        var events: [(id: String, type: String, trigger: String, args: [(name: String, target: String)], line: Int)] =
            []
        var kinds: [String: QuoteKind] = [:]
        var equivalences: [(members: [String], line: Int)] = []
        var ignored = 0
        var discontinuous = (split: 0, covered: 0, first: 0)
        /// Attest's ids, from `AnnotatorNotes` that start with `attest `.
        var carried: [String: [Substring]] = [:]

        init(reader: OffsetReader, file: String, options: InteropOptions) {
            self.reader = reader
            self.file = file
            self.options = options
        }

        func fail(_ n: Int, _ message: String) -> AttestError { AttestError("\(file):\(n): \(message)") }

        mutating func take(_ line: Substring, number n: Int) throws {
            guard let first = line.first else { return }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            switch first {
            case "T":
                guard fields.count >= 2 else {
                    throw fail(n, "a text-bound annotation needs ID, TYPE START END and text")
                }
                try textBound(fields, number: n)
            case "R":
                guard fields.count >= 2 else { throw fail(n, "a relation needs ID and TYPE Arg1:X Arg2:Y") }
                // `R1\tTYPE Arg1:X Arg2:Y` (brat's usual names; any two `NAME:ID` arguments are read in order).
                let parts = fields[1].split(separator: " ")
                let args = parts.dropFirst().map { $0.split(separator: ":", maxSplits: 1) }
                guard parts.count == 3, args.allSatisfy({ $0.count == 2 && !$0[1].isEmpty }) else {
                    throw fail(n, "\(fields[0]): expected TYPE Arg1:X Arg2:Y")
                }
                relations.append((String(parts[0]), String(args[0][1]), String(args[1][1]), n))
            case "E":
                // `E1\tTYPE:TRIGGER ROLE:ARG ROLE2:ARG2 …`
                guard fields.count >= 2 else { throw fail(n, "an event needs ID and TYPE:TRIGGER ROLE:ARG …") }
                var pairs: [(String, String)] = []
                for part in fields[1].split(separator: " ") {
                    let kv = part.split(separator: ":", maxSplits: 1).map(String.init)
                    guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
                        throw fail(
                            n, "\(fields[0]): expected TYPE:TRIGGER ROLE:ARG …, found \(Brief.quoted(String(part)))")
                    }
                    pairs.append((kv[0], kv[1]))
                }
                guard let head = pairs.first else { throw fail(n, "\(fields[0]): the event has no type") }
                events.append((fields[0], head.0, head.1, pairs.dropFirst().map { (name: $0.0, target: $0.1) }, n))
            case "A", "M":
                // `A1\tKind T3 direct`; also another attribute name whose value is a kind
                // (`Type E1 Direct`; `Partial` is mixed), as attribution corpora write it.
                let parts = fields.count >= 2 ? fields[1].split(separator: " ") : []
                let value = parts.count == 3 ? parts[2].lowercased() : ""
                let kind = value == "partial" ? QuoteKind.mixed : QuoteKind(rawValue: value)
                if parts.count == 3, parts[0].lowercased() == "kind" {
                    guard let kind else { throw fail(n, "Kind \(parts[2]) is not direct, indirect or mixed") }
                    kinds[String(parts[1])] = kind
                } else if parts.count == 3, let kind {
                    kinds[String(parts[1])] = kind
                } else {
                    ignored += 1
                }
            case "*":
                // Equivalences (`Equiv`, `Alias`, any type brat declares as one): one entity.
                let parts = fields.count >= 2 ? fields[1].split(separator: " ").map(String.init) : []
                if parts.count >= 2 { equivalences.append((Array(parts.dropFirst()), n)) } else { ignored += 1 }
            case "#":
                // `#1\tAnnotatorNotes T1\tattest m1 e1 Name`: Attest's ids; other notes are not read.
                let parts = fields.count == 3 ? fields[1].split(separator: " ") : []
                if parts.count == 2, parts[0] == "AnnotatorNotes", fields[2].hasPrefix("attest ") {
                    carried[String(parts[1])] = fields[2].split(separator: " ", maxSplits: 3).dropFirst().map { $0 }
                }
            default: ignored += 1
            }
        }

        /// `T1\tTYPE START END;START END\ttext`: the fragments, checked against the text brat gives
        /// (fragments' texts joined by a space).
        private mutating func textBound(_ fields: [String], number n: Int) throws {
            guard let space = fields[1].firstIndex(of: " ") else {
                throw fail(n, "\(fields[0]): expected TYPE START END, found \(Brief.quoted(fields[1]))")
            }
            let type = String(fields[1][..<space])
            var offsets: [(Int, Int)] = []
            for fragment in fields[1][fields[1].index(after: space)...].split(separator: ";") {
                let pair = fragment.split(separator: " ")
                guard pair.count == 2, let s = Int(pair[0]), let e = Int(pair[1]) else {
                    throw fail(n, "\(fields[0]): expected TYPE START END, found \(Brief.quoted(fields[1]))")
                }
                offsets.append((s, e))
            }
            guard !type.isEmpty, !offsets.isEmpty else {
                throw fail(n, "\(fields[0]): expected TYPE START END, found \(Brief.quoted(fields[1]))")
            }
            let covered = fields.count == 3 ? fields[2] : nil
            switch reader.spans(offsets, covered: covered) {
            case .success(let spans):
                guard bound[fields[0]] == nil else { throw fail(n, "\(fields[0]) is defined twice") }
                bound[fields[0]] = (type, spans, n)
                order.append(fields[0])
            case .failure(let why): throw fail(n, "\(fields[0]) \(why)")
            }
        }

        /// Every id a relation, event or equivalence names is defined (a dangling argument is an
        /// error with its line, whichever argument it is).
        func checkReferences() throws {
            for r in relations {
                for (name, target) in [("Arg1", r.arg1), ("Arg2", r.arg2)] where bound[target] == nil {
                    throw fail(r.line, "\(r.type) \(name) points at \(target), which is not a text-bound annotation")
                }
            }
            let eventIDs = Set(events.map(\.id))
            for e in events {
                guard bound[e.trigger] != nil else {
                    throw fail(e.line, "\(e.id): the trigger \(e.trigger) is not a text-bound annotation")
                }
                for a in e.args where bound[a.target] == nil && !eventIDs.contains(a.target) {
                    throw fail(e.line, "\(e.id): \(a.name) points at \(a.target), which is not defined")
                }
            }
            for (members, line) in equivalences {
                for m in members where bound[m] == nil {
                    throw fail(line, "an equivalence names \(m), which is not a text-bound annotation")
                }
            }
        }

        /// One span of a mention, speaker or cue: a discontinuous one as the options say.
        mutating func single(_ t: String) throws -> Span {
            let b = bound[t]!
            guard b.fragments.count > 1 else { return b.fragments[0] }
            switch options.discontinuous {
            case .split, .reject:
                throw fail(
                    b.line,
                    "\(t) is discontinuous (\(b.fragments.map(\.description).joined(separator: ";"))); Attest spans are continuous: import with --discontinuous cover or first"
                )
            case .cover:
                discontinuous.covered += 1
                return Span(b.fragments.first!.start, b.fragments.last!.end)
            case .first:
                discontinuous.first += 1
                return b.fragments[0]
            }
        }

        /// The content spans of a quote: one per quote made (several when split).
        mutating func contents(_ ts: [String]) throws -> [Span] {
            let fragments = ts.flatMap { bound[$0]!.fragments }.sorted()
            guard fragments.count > 1 else { return fragments }
            switch options.discontinuous {
            case .split:
                discontinuous.split += 1
                return fragments
            case .reject:
                let line = ts.map { bound[$0]!.line }.min()!
                throw fail(
                    line,
                    "the quote content \(ts.joined(separator: ", ")) is discontinuous (\(fragments.map(\.description).joined(separator: ";"))); import with --discontinuous split, cover or first"
                )
            case .cover:
                discontinuous.covered += 1
                return [Span(fragments.first!.start, fragments.last!.end)]
            case .first:
                discontinuous.first += 1
                return [fragments[0]]
            }
        }

        /// A quote as read, before its speaker's entity is known.
        struct Read {
            var quote: InteropDocument.Quote
            var speakerT: String?
            var speakerGroupT: String?
        }

        /// Quotes from events, then from content-typed text-bound annotations and their relations;
        /// `parts`: the text-bound annotations that are quote parts (contents, cues, triggers, and
        /// speakers whose type is a role's name), which are not mentions.
        mutating func quotes() throws -> (list: [Read], parts: Set<String>) {
            var list: [Read] = []
            var parts = Set<String>()
            var used = Set<String>()
            let (options, bound) = (self.options, self.bound)
            func roleTyped(_ t: String) -> Bool { options.role(of: bound[t]!.type) != nil }
            for e in events {
                // A trigger is never a mention, whatever the event.
                parts.insert(e.trigger)
                let roles = e.args.map { (arg: $0, role: options.role(of: $0.name)) }
                let content = roles.filter { $0.role == .content }.map(\.arg.target).filter { bound[$0] != nil }
                guard options.quoteEvents.isEmpty || options.quoteEvents.contains(e.type), !content.isEmpty else {
                    ignored += 1
                    continue
                }
                let speakers = roles.filter { $0.role == .speaker }.map(\.arg.target).filter { bound[$0] != nil }
                var cues = roles.filter { $0.role == .cue }.map(\.arg.target).filter { bound[$0] != nil }
                if cues.isEmpty, options.role(of: "trigger") == .cue { cues = [e.trigger] }
                parts.formUnion(content)
                parts.formUnion(cues)
                parts.formUnion(speakers.filter(roleTyped))
                used.formUnion(content)
                let kinds = self.kinds
                let kind = kinds[e.id] ?? content.compactMap { kinds[$0] }.first
                let speaker = try speakers.first.map { try single($0) }
                let cue = try cues.first.map { try single($0) }
                for span in try contents(content) {
                    var q = InteropDocument.Quote(content: span, kind: kind ?? .direct, speaker: speaker, cue: cue)
                    q.kindGiven = kind != nil
                    q.id =
                        content.count == 1 && bound[content[0]]!.fragments.count == 1
                        ? carried[content[0]]?.first.map(String.init) : nil
                    list.append(Read(quote: q, speakerT: speakers.first, speakerGroupT: nil))
                }
            }
            // Relation encodings: a text-bound annotation of a content-role type ("Quote", "Content").
            for t in order where !used.contains(t) && options.role(of: bound[t]!.type) == .content {
                parts.insert(t)
                var speakerT: String?
                var speakerGroupT: String?
                var cueT: String?
                for r in relations where r.arg1 == t || r.arg2 == t {
                    let other = r.arg1 == t ? r.arg2 : r.arg1
                    if r.type == "SpeakerOf" {
                        // Attest's own: the entity the quote is attributed to, through one of its mentions.
                        speakerGroupT = other
                        continue
                    }
                    switch options.role(of: r.type) {
                    case .speaker?: if speakerT == nil { speakerT = other }
                    case .cue?: if cueT == nil { cueT = other }
                    default: continue
                    }
                }
                if let s = speakerT, roleTyped(s) { parts.insert(s) }
                if let c = cueT { parts.insert(c) }
                let kind = kinds[t]
                let speaker = try speakerT.map { try single($0) }
                let cue = try cueT.map { try single($0) }
                for span in try contents([t]) {
                    var q = InteropDocument.Quote(content: span, kind: kind ?? .direct, speaker: speaker, cue: cue)
                    q.kindGiven = kind != nil
                    q.id = bound[t]!.fragments.count == 1 ? carried[t]?.first.map(String.init) : nil
                    list.append(Read(quote: q, speakerT: speakerT, speakerGroupT: speakerGroupT))
                }
            }
            return (list, parts)
        }

        /// Entities: equivalence groups, then each other mention alone.
        func entityGroups(excluding parts: Set<String>) throws -> [String: Int] {
            var group: [String: Int] = [:]
            var next = 0
            for (members, _) in equivalences {
                let mentions = members.filter { !parts.contains($0) }
                guard !mentions.isEmpty else { continue }
                // Groups that share a member are one entity.
                let existing = Set(mentions.compactMap { group[$0] })
                let g: Int
                if let keep = existing.min() {
                    g = keep
                    for (k, v) in group where existing.contains(v) { group[k] = keep }
                } else {
                    next += 1
                    g = next
                }
                for m in mentions { group[m] = g }
            }
            for t in order where group[t] == nil && !parts.contains(t) {
                next += 1
                group[t] = next
            }
            return group
        }

        mutating func mentions(
            group: [String: Int], excluding parts: Set<String>, names: inout [Int: InteropDocument.EntityName]
        ) throws -> [InteropDocument.Mention] {
            var mentions: [InteropDocument.Mention] = []
            for t in order where !parts.contains(t) {
                let b = bound[t]!
                let note = carried[t] ?? []
                let span = try single(t)
                mentions.append(.init(span: span, type: b.type, group: group[t], id: note.first.map(String.init)))
                if note.count == 3, let g = group[t], names[g] == nil {
                    names[g] = .init(id: String(note[1]), name: String(note[2]))
                }
            }
            return mentions
        }

        /// What was read differently or left out, for the import report.
        func notes() -> [String] {
            var out: [String] = []
            if ignored > 0 { out.append("\(file): \(ignored) line(s) of other annotation kinds ignored") }
            let d = discontinuous
            if d.split + d.covered + d.first > 0 {
                var what: [String] = []
                if d.split > 0 { what.append("\(d.split) quote content(s) split into one quote per fragment") }
                if d.covered > 0 { what.append("\(d.covered) span(s) read as the span covering their fragments") }
                if d.first > 0 { what.append("\(d.first) span(s) read as their first fragment") }
                out.append("\(file): discontinuous spans: " + what.joined(separator: "; "))
            }
            return out
        }
    }

    /// `annotation.conf` for an export: the entity types of `docs` and the quote parts as entities,
    /// the quote relations, `Equiv`, overlaps allowed (mentions nest), and the `Kind` attribute, so
    /// brat shows and edits what Attest wrote.
    static func configuration(_ docs: [InteropDocument]) -> String {
        let types = Set(docs.flatMap { $0.mentions.map(\.type) }).sorted()
        return """
            # Written by attest export --format brat (docs/interop.md).
            [entities]
            \((types + ["Quote", "Speaker", "Cue"]).joined(separator: "\n"))

            [relations]
            Speaker\tArg1:Quote, Arg2:<ENTITY>
            SpeakerOf\tArg1:Quote, Arg2:<ENTITY>
            Cue\tArg1:Quote, Arg2:Cue
            Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive
            <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

            [events]

            [attributes]
            Kind\tArg:Quote, Value:direct|indirect|mixed

            """
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
