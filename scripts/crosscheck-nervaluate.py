#!/usr/bin/env python3
"""Cross-check `attest score --matching nervaluate` against nervaluate itself.

For each seed, perturbs the exported gold set (drops, shifted boundaries,
changed types, spurious and duplicated mentions, shuffled order), scores it
with attest and with nervaluate's Evaluator on the same entities, and
compares every count and figure, overall and per type, for every scheme.

    pip install nervaluate==1.2.1
    python3 scripts/crosscheck-nervaluate.py [--seeds 50] [--attest .build/debug/attest]

Exits 0 when every seed agrees, 1 otherwise (printing the first difference).
"""
import argparse, json, random, subprocess, sys, tempfile, os

from nervaluate import Evaluator

TYPES = ["PERSON", "ORG", "LOC"]


def perturb(doc, rng, length):
    out = []
    for e in doc["entities"]:
        r = rng.random()
        if r < 0.10:
            continue  # dropped
        e = {"start": e["start"], "end": e["end"], "type": e["type"]}
        if r < 0.25:
            e["start"] = max(0, e["start"] + rng.choice([-2, -1, 1, 2]))
            e["end"] = max(e["start"] + 1, min(length, e["end"] + rng.choice([-2, -1, 0, 1, 2])))
        elif r < 0.35:
            e["type"] = rng.choice([t for t in TYPES if t != e["type"]])
        elif r < 0.40:
            out.append(dict(e))  # duplicated
        out.append(e)
    for _ in range(rng.randint(0, 4)):  # spurious, some overlapping several gold spans
        s = rng.randrange(0, length - 1)
        out.append({"start": s, "end": min(length, s + rng.randint(1, 60)), "type": rng.choice(TYPES)})
    rng.shuffle(out)
    return {"id": doc["id"], "entities": out, "quotes": []}


def nv_tables(gold, pred):
    true = [[{"label": e["type"], "start": e["start"], "end": e["end"] - 1} for e in d["entities"]] for d in gold]
    guess = [[{"label": e["type"], "start": e["start"], "end": e["end"] - 1} for e in d["entities"]] for d in pred]
    return Evaluator(true, guess, tags=TYPES, loader="dict").evaluate()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--attest", default=".build/debug/attest")
    args = ap.parse_args()
    gold = [json.loads(l) for l in subprocess.run([args.attest, "export"], check=True, capture_output=True, text=True).stdout.splitlines()]
    lengths = {}
    for d in gold:
        with open(os.path.join("corpus", d["id"] + ".txt"), encoding="utf-8", newline="") as f:
            lengths[d["id"]] = len(f.read())
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "ent_type": "type"}
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.seeds):
            rng = random.Random(seed)
            docs = gold if seed % 5 else gold[:1]  # one-document runs too
            pred = [perturb(d, rng, lengths[d["id"]]) for d in docs]
            path = os.path.join(tmp, f"p{seed}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for p in pred:
                    f.write(json.dumps(p) + "\n")
            gold_dir = os.path.join(tmp, f"g{seed}", "annotations")
            os.makedirs(gold_dir)
            os.symlink(os.path.abspath("corpus"), os.path.join(tmp, f"g{seed}", "corpus"))
            for d in docs:
                os.symlink(os.path.abspath(os.path.join("annotations", d["id"] + ".xml")), os.path.join(gold_dir, d["id"] + ".xml"))
            report = os.path.join(tmp, f"r{seed}.json")
            r = subprocess.run([args.attest, "score", "--gold", gold_dir, "--pred", path, "--json", report], capture_output=True, text=True)
            if r.returncode not in (0, 1):
                print(r.stderr); return 1
            ours = json.load(open(report))
            theirs = nv_tables(docs, pred)
            for nv_name, name in names.items():
                t = theirs["overall"][nv_name]
                o = ours["entities"][name]
                pairs = [("cor", t.correct), ("inc", t.incorrect), ("par", t.partial), ("mis", t.missed), ("spu", t.spurious),
                         ("precision", t.precision), ("recall", t.recall), ("f1", t.f1)]
                for key, value in pairs:
                    if abs(o[key] - value) > 1e-9:
                        print(f"seed {seed}: {name} {key}: attest {o[key]} nervaluate {value}"); return 1
                for tag, table in theirs["entities"].items():
                    t = table[nv_name]
                    o = ours["entity_types"].get(tag, {}).get(name)
                    for key, value in [("cor", t.correct), ("inc", t.incorrect), ("par", t.partial), ("mis", t.missed), ("spu", t.spurious), ("f1", t.f1)]:
                        if o is None or abs(o[key] - value) > 1e-9:
                            print(f"seed {seed}: {tag} {name} {key}: attest {o and o[key]} nervaluate {value}"); return 1
            checked += 1
    from importlib.metadata import version
    print(f"{checked} seeds: attest --matching nervaluate equals nervaluate {version('nervaluate')} on every count and figure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
