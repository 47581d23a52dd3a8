#!/usr/bin/env python3
"""A brat attribution corpus for scale tests (docs/performance.md): N articles annotated by three
annotators as DOC_ANNOTATOR.ann, each quote an attribution event (trigger, Source, Content, Cue as
published attribution corpora write them), some contents split across a paragraph break, contents
with their own quotation marks, and the annotators disagreeing now and then (a dropped mention, a
retyped one, a quote left out). Deterministic for a given --seed.

usage: synthetic-brat-attribution.py OUT [--docs 1000] [--seed 1]
Writes OUT/brat (the files) and OUT/corpus (attest.xml declaring the annotators)."""
import argparse, os, random

PEOPLE = ["Ana Silva", "Tomás Ruiz", "Mei Chen", "Kwame Mensah", "Olga Petrova", "Rahul Iyer", "Sofia Rossi"]
ORGS = ["the IOPC", "Lisbon City Council", "the Port Authority", "Acme Shipping", "the Met"]
PLACES = ["Lisbon", "Porto", "Accra", "Mumbai", "Kraków"]
VERBS = ["said", "added", "told reporters", "argued", "warned"]
WORDS = "we will not stop until the truth is out and every family has answers about what happened".split()

def sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))

def article(rng):
    """The text, and its spans: mentions (type, start, end) and quotes (content fragments, source, cue, direct)."""
    text, mentions, quotes = "", [], []
    def put(s):
        nonlocal text
        start = len(text); text += s; return start, len(text)
    put(f"{rng.choice(PLACES)} report 🚢\n\n")
    for _ in range(rng.randint(6, 12)):
        who = rng.choice(PEOPLE + ORGS)
        kind = "PERSON" if who in PEOPLE else "ORG"
        verb = rng.choice(VERBS)
        shape = rng.random()
        if shape < 0.4:   # “…,” said WHO. (content with its marks)
            c = put("“" + sentence(rng).capitalize() + ",”"); put(" ")
            v = put(verb); put(" "); w = put(who); put(".\n\n")
            quotes.append(([c], w, v, True))
        elif shape < 0.6:  # “…,” WHO said, “…” (split across the attribution)
            c1 = put("“" + sentence(rng).capitalize() + ",”"); put(" ")
            w = put(who); put(" "); v = put(verb); put(", ")
            c2 = put("“" + sentence(rng) + ".”"); put("\n\n")
            quotes.append(([c1, c2], w, v, True))
        else:              # WHO said that … (indirect)
            w = put(who); put(" "); v = put(verb); put(" that ")
            c = put(sentence(rng)); put(". In " ); p = put(rng.choice(PLACES)); put(" things were calm.\n\n")
            mentions.append(("LOC", *p))
            quotes.append(([c], w, v, False))
        mentions.append((kind, *w))
    return text, mentions, quotes

def ann(text, mentions, quotes, rng, variant):
    lines, t, e = [], 0, 0
    def tb(typ, spans):
        nonlocal t
        t += 1
        frag = ";".join(f"{a} {b}" for a, b in spans)
        lines.append(f"T{t}\t{typ} {frag}\t" + " ".join(text[a:b] for a, b in spans).replace("\n", " "))
        return f"T{t}"
    ids = {}
    for typ, a, b in mentions:
        if variant and rng.random() < 0.05: continue                     # a mention left out
        if variant and rng.random() < 0.05: typ = "ORG" if typ != "ORG" else "PERSON"   # retyped
        ids[(a, b)] = tb(typ, [(a, b)])
    for contents, w, v, _direct in quotes:
        if variant and rng.random() < 0.05: continue                     # a quote left out
        c = tb("Content", contents)
        trigger = tb("Attribution", [v])
        source = ids.get(w) or tb("Source", [w])
        e += 1
        lines.append(f"E{e}\tAttribution:{trigger} Source:{source} Content:{c}")
    return "\n".join(lines) + "\n"

def main():
    p = argparse.ArgumentParser()
    p.add_argument("out"); p.add_argument("--docs", type=int, default=1000); p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    brat = os.path.join(a.out, "brat"); corpus = os.path.join(a.out, "corpus")
    os.makedirs(brat, exist_ok=True); os.makedirs(corpus, exist_ok=True)
    annotators = ["ann1", "ann2", "ann3"]
    with open(os.path.join(corpus, "attest.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="urn:attest:format:1" version="1.0">\n'
                '  <corpus name="synthetic-attribution" guidelines="1.0"/>\n  <annotators>\n'
                + "".join(f'    <annotator name="{n}" annotations="annotators/{n}"/>\n' for n in annotators)
                + '  </annotators>\n</manifest>\n')
    for k in range(a.docs):
        text, mentions, quotes = article(rng)
        doc = f"doc{k:05d}"
        with open(os.path.join(brat, doc + ".txt"), "w", encoding="utf-8") as f: f.write(text)
        for i, n in enumerate(annotators):
            with open(os.path.join(brat, f"{doc}_{n}.ann"), "w", encoding="utf-8") as f:
                f.write(ann(text, mentions, quotes, rng, i > 0))

if __name__ == "__main__":
    main()
