#!/usr/bin/env python3
"""nervaluate 1.2.1 as a user runs it, for timing as a whole process: load two JSON Lines files in
Attest's extractor form (gold, predictions), build the Evaluator, evaluate(), print strict F1.

    python3 scripts/nervaluate-whole.py gold.jsonl pred.jsonl

The anchor of docs/performance.md's "Scoring against nervaluate": timed with farm-bench --vs
against `attest score --pred pred.jsonl --json out.json` on the same files.
"""
import json, sys

from nervaluate import Evaluator


def load(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = [{"label": e["type"], "start": e["start"], "end": e["end"] - 1} for e in d.get("entities", [])]
    return docs


gold = load(sys.argv[1])
pred = load(sys.argv[2])
ids = sorted(gold)
results = Evaluator([gold[i] for i in ids], [pred.get(i, []) for i in ids], tags=["PERSON", "ORG", "LOC"], loader="dict").evaluate()
overall = results[0] if isinstance(results, tuple) else results["overall"]
print(f"strict f1 {overall['strict'].f1 if hasattr(overall['strict'], 'f1') else overall['strict']['f1']:.4f}")
