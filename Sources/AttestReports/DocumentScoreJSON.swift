import AttestScoring

/// Writes a document's counts as JSON by hand: the same bytes as
/// `JSONEncoder` with sorted keys (a test holds the two together), several
/// times faster, which is what lets `--json` stay cheap on large runs.
/// Documents with listed errors go through `JSONEncoder`.
package enum DocumentScoreJSON {
    package static func append(_ d: DocumentScore, to out: inout [UInt8]) {
        raw(#"{"entities":{"confusion":"#, &out)
        confusion(d.entities.confusion, &out)
        raw(#","overall":"#, &out)
        schemes(d.entities.overall, &out)
        raw(#","types":{"#, &out)
        for (k, entry) in d.entities.types.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(entry.key, &out)
            out.append(UInt8(ascii: ":"))
            schemes(entry.value, &out)
        }
        raw(#"}},"errors":[],"id":"#, &out)
        string(d.id, &out)
        raw(
            d.predicted
                ? #","predicted":true,"quotes":{"attributed":"# : #","predicted":false,"quotes":{"attributed":"#,
            &out)
        let q = d.quotes
        number(q.attributed, &out)
        raw(#","attribution":"#, &out)
        tally(q.attribution, &out)
        raw(#","confusion":"#, &out)
        confusion(q.confusion, &out)
        raw(#","cue":"#, &out)
        tally(q.cue, &out)
        raw(#","exact":"#, &out)
        tally(q.exact, &out)
        raw(#","kinds":{"#, &out)
        for (k, entry) in q.kinds.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(entry.key, &out)
            raw(#":{"exact":"#, &out)
            tally(entry.value.exact, &out)
            raw(#","overlap":"#, &out)
            tally(entry.value.overlap, &out)
            out.append(UInt8(ascii: "}"))
        }
        raw(#"},"matched":"#, &out)
        number(q.matched, &out)
        raw(#","overlap":"#, &out)
        tally(q.overlap, &out)
        raw(#","speakers":"#, &out)
        tally(q.speakers, &out)
        raw("}}", &out)
    }

    private static func confusion(_ table: [String: [String: Int]], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (k, row) in table.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(row.key, &out)
            raw(":{", &out)
            for (j, cell) in row.value.sorted(by: { $0.key < $1.key }).enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                string(cell.key, &out)
                out.append(UInt8(ascii: ":"))
                number(cell.value, &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func schemes(_ s: SchemeCounts, _ out: inout [UInt8]) {
        raw(#"{"exact":"#, &out)
        counts(s.exact, &out)
        raw(#","partial":"#, &out)
        counts(s.partial, &out)
        raw(#","strict":"#, &out)
        counts(s.strict, &out)
        raw(#","type":"#, &out)
        counts(s.type, &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func counts(_ c: Counts, _ out: inout [UInt8]) {
        raw(#"{"cor":"#, &out)
        number(c.cor, &out)
        raw(#","inc":"#, &out)
        number(c.inc, &out)
        raw(#","mis":"#, &out)
        number(c.mis, &out)
        raw(#","par":"#, &out)
        number(c.par, &out)
        raw(#","spu":"#, &out)
        number(c.spu, &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func tally(_ t: Tally, _ out: inout [UInt8]) {
        raw(#"{"expected":"#, &out)
        number(t.expected, &out)
        raw(#","predicted":"#, &out)
        number(t.predicted, &out)
        raw(#","tp":"#, &out)
        number(t.tp, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Decimal digits written in place (no `String` made for each of the ~150 numbers a document has).
    private static func number(_ n: Int, _ out: inout [UInt8]) {
        guard n >= 0 else {
            out += String(n).utf8
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int
        var v = n
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            } while v > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// The bytes of a literal.
    private static func raw(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A JSON string as `JSONEncoder` writes it (slashes not escaped).
    static func string(_ s: String, _ out: inout [UInt8]) {
        JSONStringWriter.write(s, into: &out, style: .encoder)
    }
}

extension DocumentScoreJSON {
    /// Reads back what `append` writes, through Attest's own JSON parser (far
    /// cheaper than `JSONDecoder`); nil for anything else — a document with
    /// errors, a field of another shape — which `JSONDecoder` then reads.
    package static func decode(_ bytes: ArraySlice<UInt8>) -> DocumentScore? {
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(buffer) }
        }
        guard case .success(let v) = parsed, case .string(let id)? = v["id"]?.value,
            case .bool(let predicted)? = v["predicted"]?.value, case .array(let errors, _)? = v["errors"]?.value,
            errors.isEmpty, let e = v["entities"]?.value, let q = v["quotes"]?.value
        else { return nil }
        var entities = EntityDocumentScore()
        guard let overall = schemes(e["overall"]?.value), let types = map(e["types"]?.value, schemes),
            let confusion = table(e["confusion"]?.value ?? .object([]))
        else { return nil }
        entities.overall = overall
        entities.types = types
        entities.confusion = confusion
        var quotes = QuoteDocumentScore()
        guard let attributed = int(q["attributed"]?.value), let matched = int(q["matched"]?.value),
            let attribution = tally(q["attribution"]?.value), let cue = tally(q["cue"]?.value),
            let exact = tally(q["exact"]?.value), let overlap = tally(q["overlap"]?.value),
            let speakers = tally(q["speakers"]?.value), let quoteConfusion = table(q["confusion"]?.value),
            let kinds = map(q["kinds"]?.value, kindTally)
        else { return nil }
        quotes.attributed = attributed
        quotes.matched = matched
        quotes.attribution = attribution
        quotes.cue = cue
        quotes.exact = exact
        quotes.overlap = overlap
        quotes.speakers = speakers
        quotes.confusion = quoteConfusion
        quotes.kinds = kinds
        return DocumentScore(id: id, predicted: predicted, entities: entities, quotes: quotes, errors: [])
    }

    private static func int(_ v: JSONValue?) -> Int? {
        guard case .integer(let n)? = v else { return nil }
        return n
    }

    private static func counts(_ v: JSONValue?) -> Counts? {
        guard let v, let cor = int(v["cor"]?.value), let inc = int(v["inc"]?.value), let mis = int(v["mis"]?.value),
            let par = int(v["par"]?.value), let spu = int(v["spu"]?.value)
        else { return nil }
        return Counts(cor: cor, inc: inc, par: par, mis: mis, spu: spu)
    }

    private static func schemes(_ v: JSONValue?) -> SchemeCounts? {
        guard let v, let exact = counts(v["exact"]?.value), let partial = counts(v["partial"]?.value),
            let strict = counts(v["strict"]?.value), let type = counts(v["type"]?.value)
        else { return nil }
        var s = SchemeCounts()
        s.exact = exact
        s.partial = partial
        s.strict = strict
        s.type = type
        return s
    }

    private static func tally(_ v: JSONValue?) -> Tally? {
        guard let v, let tp = int(v["tp"]?.value), let predicted = int(v["predicted"]?.value),
            let expected = int(v["expected"]?.value)
        else { return nil }
        return Tally(tp: tp, predicted: predicted, expected: expected)
    }

    private static func kindTally(_ v: JSONValue?) -> KindTally? {
        guard let v, let exact = tally(v["exact"]?.value), let overlap = tally(v["overlap"]?.value) else { return nil }
        var k = KindTally()
        k.exact = exact
        k.overlap = overlap
        return k
    }

    private static func map<T>(_ v: JSONValue?, _ read: (JSONValue?) -> T?) -> [String: T]? {
        guard case .object(let members)? = v else { return nil }
        var out: [String: T] = [:]
        for m in members {
            guard let value = read(m.value) else { return nil }
            out[m.key] = value
        }
        return out
    }

    private static func table(_ v: JSONValue?) -> [String: [String: Int]]? {
        map(v) { row in map(row) { int($0) } }
    }
}
