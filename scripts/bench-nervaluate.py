#!/usr/bin/env python3
"""Times nervaluate's own Evaluator on the benchmark corpus, data already loaded.

    attest export --corpus DIR --out DIR/gold.jsonl     # the gold set in the extractor form
    python3 scripts/bench-nervaluate.py DIR/gold.jsonl DIR/predictions.jsonl [--docs N]

Prints documents per second for Evaluator(...).evaluate(), the figure that
docs/performance.md sets attest score against.
"""
import argparse, json, time

from nervaluate import Evaluator


def load(path, limit):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = [{"label": e["type"], "start": e["start"], "end": e["end"] - 1} for e in d.get("entities", [])]
            if limit and len(docs) >= limit:
                break
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--docs", type=int, default=0, help="use only the first N gold documents")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    args = ap.parse_args()
    gold = load(args.gold, args.docs)
    pred = load(args.pred, 0)
    ids = sorted(gold)
    true = [gold[i] for i in ids]
    guess = [pred.get(i, []) for i in ids]
    evaluator = Evaluator(true, guess, tags=["PERSON", "ORG", "LOC"], loader="dict")
    seconds = float("inf")
    for _ in range(args.repeat):  # best of N, as attest-bench reports its loaded scoring
        start = time.perf_counter()
        results = evaluator.evaluate()
        seconds = min(seconds, time.perf_counter() - start)
    strict = results["overall"]["strict"]
    print(f"| nervaluate {__import__('importlib.metadata').metadata.version('nervaluate')} Evaluator.evaluate(), data loaded, 1 core, best of {args.repeat} | {seconds:.2f} | {len(ids) / seconds:.0f} | {1e6 * seconds / len(ids):.1f} |")
    print(f"strict: COR {strict.correct} INC {strict.incorrect} PAR {strict.partial} MIS {strict.missed} SPU {strict.spurious} F1 {strict.f1:.4f}")


if __name__ == "__main__":
    main()
