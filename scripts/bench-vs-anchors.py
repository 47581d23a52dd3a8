#!/usr/bin/env python3
"""Attest against its anchors on the real gold, side by side in one run, and the ratio.

    python3 scripts/bench-vs-anchors.py [--docs 10000] [--runs 7] [--keep DIR]

A benchmark, not a test: it prints figures and exits 0. Needs the release build
(`swift build -c release --product attest`), `xmllint` (Debian's libxml2-utils) and, for scoring,
`pip install nervaluate==1.2.1` (the score pair is left out when it is missing).

The corpus: the shipped gold (corpus/ and annotations/) copied to --docs documents, each header's id
and article path changed, nothing else. Predictions: the gold exported as JSON Lines, then, with
random.seed(23), 8% of mentions left out, 6% retyped and 6% started one code point later.

Pairs, A and B run in turn --runs times (whole processes, wall clock):
  validate  A: attest validate            B: xmllint --noout --nonet --schema schemas/attest.xsd,
                                             one process per 1,000 files
  score     A: attest score --pred P --json out.json
            B: python3 scripts/nervaluate-whole.py gold.jsonl P (nervaluate as a user runs it)
The ratio printed is B / A per pair, then the median of the pairs (the targets of issue 23: 2x
xmllint, 10x nervaluate).
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATTEST = os.path.join(ROOT, ".build", "release", "attest")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shipped_copies import replicate  # noqa: E402


def perturb(gold, pred):
    rng = random.Random(23)
    types = ["PERSON", "ORG", "LOC"]
    with open(gold, encoding="utf-8") as f, open(pred, "w", encoding="utf-8") as out:
        for line in f:
            d = json.loads(line)
            entities = []
            for e in d.get("entities", []):
                r = rng.random()
                if r < 0.08:
                    continue
                if r < 0.14:
                    e = {**e, "type": rng.choice([t for t in types if t != e["type"]] or types)}
                elif r < 0.20 and e["end"] - e["start"] > 1:
                    e = {**e, "start": e["start"] + 1}
                    if "text" in e:
                        e["text"] = e["text"][1:]  # code points, as the offsets count
                entities.append(e)
            d["entities"] = entities
            out.write(json.dumps(d, ensure_ascii=False) + "\n")


def timed(command, cwd):
    start = time.perf_counter()
    r = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, shell=isinstance(command, str))
    return time.perf_counter() - start, r.returncode, r.stderr[-300:]


def pairs(name, a, b, cwd, runs, ok_codes=(0,)):
    ratios, times_a, times_b = [], [], []
    for run in range(runs + 1):
        ta, ca, ea = timed(a, cwd)
        tb, cb, eb = timed(b, cwd)
        if ca not in ok_codes or cb != 0:
            print(f"{name}: a run failed (attest {ca}, anchor {cb}): {ea or eb}")
            return None
        if run == 0:
            continue  # the first pair warms the page cache
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(tb / ta)
    print(f"{name}: attest {statistics.median(times_a):.3f} s, anchor {statistics.median(times_b):.3f} s (medians of {runs}); "
          f"anchor / attest per pair {', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}x")
    return statistics.median(ratios)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="attest-anchors-")
    if not os.path.exists(os.path.join(folder, "attest.xml")):
        os.makedirs(folder, exist_ok=True)
        replicate(folder, args.docs)
        subprocess.run([ATTEST, "export", "--format", "jsonl", "--out", "gold.jsonl"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        perturb(os.path.join(folder, "gold.jsonl"), os.path.join(folder, "pred.jsonl"))
    schema = os.path.join(ROOT, "schemas", "attest.xsd")
    xmllint = f"ls | sort | xargs -n 1000 xmllint --noout --nonet --schema {schema}"
    print(f"{args.docs} copies of the shipped gold in {folder}")
    results = {}
    results["validate"] = pairs("validate", [ATTEST, "validate"], f"cd annotations && {xmllint}", folder, args.runs)
    try:
        import nervaluate  # noqa: F401
    except ImportError:
        print("score: nervaluate is not installed (pip install nervaluate==1.2.1); left out")
    else:
        results["score"] = pairs("score", [ATTEST, "score", "--pred", "pred.jsonl", "--json", "out.json"],
                                 [sys.executable, os.path.join(ROOT, "scripts", "nervaluate-whole.py"), "gold.jsonl", "pred.jsonl"],
                                 folder, args.runs, ok_codes=(0, 1))
    print(json.dumps({k: round(v, 2) for k, v in results.items() if v}))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
