#!/usr/bin/env python3
"""Cross-check of `attest export --format spacy` with spaCy itself: every exported record must load
with `Doc(Vocab()).from_json(record)` (spaCy 3), give back the article byte for byte as `doc.text`,
hold every non-overlapping mention as an entity (`doc.ents`, same character offsets and labels) and
every mention, nested ones too, in the span group `attest`. Run on the shipped corpus and on a
corpus of hostile texts (emoji, curly quotes, line breaks, double spaces, tabs, nested mentions).

usage: crosscheck-spacy.py [--attest PATH]      (exit 1 on any difference)"""
import argparse, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def export(attest, corpus):
    out = os.path.join(corpus, "out.jsonl")
    subprocess.run([attest, "export", "--format", "spacy", "--status", "draft,gold", "--out", out], cwd=corpus,
                   check=True, capture_output=True)
    return [json.loads(line) for line in open(out, encoding="utf-8") if line.strip()]

def hostile_corpus(attest, folder):
    open(os.path.join(folder, "attest.xml"), "w").write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="urn:attest:format:1" version="1.0">\n'
        '  <corpus name="hostile" guidelines="1.0"/>\n</manifest>\n')
    texts = {
        "emoji": "🚢 Ana Silva said “we sail at dawn,”  she added.\n\n\tThe Port of Lisbon agreed.\n",
        "nested": "The University of Lisbon Press (ULP) said so.\r\nMaria Costa-Silva’s office: no.\n",
    }
    for doc, text in texts.items():
        path = os.path.join(folder, doc + ".txt")
        open(path, "w", encoding="utf-8", newline="").write(text)
        subprocess.run([attest, "new", path, "--id", doc], cwd=folder, check=True, capture_output=True)
        os.remove(path)
    edits = {
        "emoji": [("PERSON", "Ana Silva"), ("ORG", "The Port of Lisbon"), ("LOC", "Lisbon")],
        "nested": [("ORG", "The University of Lisbon Press"), ("LOC", "Lisbon"), ("ORG", "ULP"), ("PERSON", "Maria Costa-Silva")],
    }
    for doc, marks in edits.items():
        for typ, text in marks:
            # Nested names ("Lisbon" in "The Port of Lisbon") by --nth: --all leaves them unmarked.
            which = ["--nth", "1"] if typ == "LOC" else ["--all"]
            r = subprocess.run([attest, "entity", doc, "--type", typ, "--text", text] + which, cwd=folder,
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"attest entity {doc} {typ} {text!r}: {r.stderr}")

def check(records, label):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    problems = 0
    for rec in records:
        doc = Doc(Vocab()).from_json(rec)
        name = f"{label}/{rec['user_data']['id']}"
        if doc.text != rec["text"]:
            print(f"{name}: doc.text differs from the article"); problems += 1
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        if ents != [(e["start"], e["end"], e["label"]) for e in rec["ents"]]:
            print(f"{name}: ents {ents} != {rec['ents']}"); problems += 1
        group = [(s.start_char, s.end_char, s.label_) for s in doc.spans["attest"]]
        if group != [(s["start"], s["end"], s["label"]) for s in rec["spans"]["attest"]]:
            print(f"{name}: span group differs"); problems += 1
    mentions = sum(len(r["spans"]["attest"]) for r in records)
    print(f"{label}: {len(records)} document(s), {mentions} mention(s), "
          f"{sum(len(r['ents']) for r in records)} as ents: loaded by spaCy {__import__('spacy').__version__}, "
          f"{problems} difference(s)")
    return problems

def conll(attest):
    """`spacy convert --converter ner` on Attest's CoNLL export: one spaCy document per exported
    document (split at `-DOCSTART- -X- O O`), with each document's mentions as its entities."""
    import spacy
    from spacy.tokens import DocBin
    folder = tempfile.mkdtemp(prefix="attest-spacy-conll-")
    try:
        out = os.path.join(folder, "gold.conll")
        subprocess.run([attest, "export", "--format", "conll", "--out", out], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "spacy", "convert", out, folder, "--converter", "ner"], check=True,
                       capture_output=True)
        docs = list(DocBin().from_disk(os.path.join(folder, "gold.spacy")).get_docs(spacy.blank("en").vocab))
        ids = open(out + ".ids", encoding="utf-8").read().split()
        want = []
        for doc_id in ids:
            xml = open(os.path.join(ROOT, "annotations", doc_id + ".xml"), encoding="utf-8").read()
            want.append(xml.count("<mention "))
        got = [len(d.ents) for d in docs]
        ok = got == want
        print(f"spacy convert of the CoNLL export: {len(docs)} document(s) for {len(ids)} exported, entities {got} "
              f"(the annotations have {want}): {'equal' if ok else 'DIFFERENT'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--attest", default=os.path.join(ROOT, ".build/debug/attest"))
    a = p.parse_args()
    attest = os.path.abspath(a.attest)
    problems = check(export(attest, ROOT), "shipped corpus")
    folder = tempfile.mkdtemp(prefix="attest-spacy-")
    try:
        hostile_corpus(attest, folder)
        problems += check(export(attest, folder), "hostile texts")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    problems += conll(attest)
    sys.exit(1 if problems else 0)

if __name__ == "__main__":
    main()
