#!/usr/bin/env python3
"""Mutation fuzzer for `attest import`, every format (docs/interop.md): seeds in the shapes other
tools write are mutated (bytes flipped, inserted and deleted; numbers replaced by huge, negative and
fractional ones; lines duplicated, dropped and swapped; invisible and astral characters inserted)
and imported into a fresh corpus each time. Every run must end with exit 0, 1 or 2 within the time
limit (no signal, no hang), and every annotation file it wrote must validate without errors.

usage: fuzz-import.py [--runs N] [--seed S] [--attest PATH] [--timeout SECONDS]
Exit 1 when a run breaks a rule (the input is kept under fuzz-failures/)."""
import argparse, json, os, random, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests/AttestKitTests/Fixtures")
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="urn:attest:format:1" version="1.0">\n'
            '  <corpus name="fuzz" guidelines="1.0"/>\n  <annotators>\n'
            '    <annotator name="alice" annotations="annotators/alice"/>\n'
            '    <annotator name="bob" annotations="annotators/bob"/>\n  </annotators>\n</manifest>\n')

def seeds():
    """(format, {file name: bytes}) pairs; brat seeds are a .txt and its .ann."""
    out = []
    b = os.path.join(FIXTURES, "brat-attribution")
    for doc in ["harbour", "council"]:
        for who in ["alice", "bob"]:
            out.append(("brat", {f"{doc}_{who}.ann": open(os.path.join(b, f"{doc}_{who}.ann"), "rb").read(),
                                 f"{doc}.txt": open(os.path.join(b, f"{doc}.txt"), "rb").read()}))
    r = os.path.join(FIXTURES, "interop-real")
    out.append(("labelstudio", {"ls-task.json": open(os.path.join(r, "ls-task.json"), "rb").read()}))
    out.append(("doccano", {"doccano.jsonl": open(os.path.join(r, "doccano-columns.jsonl"), "rb").read()
                            .replace(b"column_data", b"text").replace(b"column_label", b"label")}))
    out.append(("spacy", {"docs.jsonl": json.dumps({"text": "Ana Silva met 🚀 Bob in Lisbon.", "ents": [
        {"start": 0, "end": 9, "label": "PERSON"}, {"start": 16, "end": 19, "label": "PERSON"},
        {"start": 23, "end": 29, "label": "LOC"}]}, ensure_ascii=False).encode() + b"\n"}))
    out.append(("conll", {"wnut17.conll": open(os.path.join(r, "wnut17.conll"), "rb").read()}))
    out.append(("conll", {"eng.testa": open(os.path.join(r, "eng.testa"), "rb").read()}))
    return out

NUMBERS = [b"0", b"-1", b"1e19", b"-9223372036854775809", b"9223372036854775807", b"18446744073709551616",
           b"3.5", b"1e-400", b"NaN", b"99999999999999999999999999", b"-0", b"007"]
INSERTS = ["\ufeff", "\u200b", "\u202e", "🚀", "\U0001F468\u200d\U0001F469", "\r", "\t", "\x00", ";", ":", "\n\n",
           "“", "”", "\\", "\"", "{", "]", "T1", "E1", "R1", "Arg1:T99", "-DOCSTART- -X- O O", "&#x0;", "<!DOCTYPE x>"]

def mutate(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        if not data:
            data += b"x"
        if op == 0:  # a number replaced
            spots = [m for m in re.finditer(rb"-?\d+(\.\d+)?", bytes(data))]
            if spots:
                m = rng.choice(spots)
                data[m.start():m.end()] = rng.choice(NUMBERS)
        elif op == 1:  # bytes flipped
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(data)); data[i] ^= 1 << rng.randrange(8)
        elif op == 2:  # a chunk deleted
            i = rng.randrange(len(data)); del data[i:i + rng.randint(1, 40)]
        elif op == 3:  # something inserted
            i = rng.randrange(len(data) + 1); data[i:i] = rng.choice(INSERTS).encode("utf-8", "surrogatepass")
        elif op in (4, 5):  # lines duplicated, dropped or swapped
            lines = bytes(data).split(b"\n")
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                if op == 4: lines.insert(j, lines[i])
                elif rng.random() < 0.5: del lines[i]
                else: lines[i], lines[j] = lines[j], lines[i]
                data = bytearray(b"\n".join(lines))
        else:  # truncated
            data = data[:rng.randrange(len(data) + 1)]
    return bytes(data)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--attest", default=os.path.join(ROOT, ".build/debug/attest"))
    p.add_argument("--timeout", type=float, default=20)
    a = p.parse_args()
    a.attest = os.path.abspath(a.attest)
    rng = random.Random(a.seed)
    pool = seeds()
    failures, counts, written = [], {}, 0
    for run in range(a.runs):
        fmt, files = pool[run % len(pool)]
        work = tempfile.mkdtemp(prefix="attest-fuzz-")
        try:
            corpus = os.path.join(work, "corpus"); src = os.path.join(work, "in")
            os.makedirs(corpus); os.makedirs(src)
            open(os.path.join(corpus, "attest.xml"), "w").write(MANIFEST)
            # The annotation file (not the brat text) is mutated; sometimes the text too.
            for name, data in files.items():
                if not name.endswith(".txt") or rng.random() < 0.2:
                    data = mutate(data, rng)
                open(os.path.join(src, name), "wb").write(data)
            args = [a.attest, "import", fmt, src]
            if fmt == "brat": args.append("--annotator-from-file-name")
            if fmt == "conll": args += ["--map", "location=LOC", "--map", "person=PERSON", "--map", "MISC=-"]
            try:
                r = subprocess.run(args, cwd=corpus, capture_output=True, timeout=a.timeout)
            except subprocess.TimeoutExpired:
                failures.append((run, fmt, "hang", work)); work = None; continue
            counts[r.returncode] = counts.get(r.returncode, 0) + 1
            if r.returncode not in (0, 1, 2):
                failures.append((run, fmt, f"exit {r.returncode}: {r.stderr.decode(errors='replace')[-400:]}", work))
                work = None; continue
            xmls = [os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".xml") and f != "attest.xml"]
            if xmls:
                written += len(xmls)
                v = subprocess.run([a.attest, "validate"] + xmls, cwd=corpus, capture_output=True, timeout=a.timeout)
                if " 0 error(s)" not in v.stdout.decode() + v.stderr.decode():
                    failures.append((run, fmt, "a written file does not validate: " + (v.stdout + v.stderr).decode()[-400:], work))
                    work = None; continue
        finally:
            if work: shutil.rmtree(work, ignore_errors=True)
    print(f"{a.runs} runs (seed {a.seed}): exit codes {dict(sorted(counts.items()))}; {written} annotation file(s) "
          f"written, all valid; {len(failures)} failure(s)")
    if failures:
        keep = os.path.join(ROOT, "fuzz-failures"); os.makedirs(keep, exist_ok=True)
        for run, fmt, why, work in failures[:20]:
            print(f"run {run} ({fmt}): {why}")
            if work: shutil.move(work, os.path.join(keep, f"run-{run}"))
        sys.exit(1)

if __name__ == "__main__":
    main()
