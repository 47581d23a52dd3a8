#!/usr/bin/env python3
"""Cross-check attest's strict entity figures against seqeval on token-aligned data.

Exports the gold set as CoNLL (IOB2), then for each seed perturbs the entity chunks token by
token (dropped, retyped, a boundary moved by one token, spurious chunks on outside tokens),
writes the prediction as CoNLL with the same tokens, scores it with
`attest score --pred pred.conll` and compares attest's strict precision, recall and F1 (micro,
and per type) with seqeval's `classification_report` on the same tag sequences.

    pip install seqeval
    python3 scripts/crosscheck-seqeval.py [--seeds 40] [--attest .build/debug/attest]

Exits 0 when every seed agrees, 1 at the first difference, 0 with a message when seqeval
cannot be imported (the check is then skipped).
"""
import argparse, json, os, random, subprocess, sys, tempfile

try:
    from seqeval.metrics import classification_report
except ImportError:
    print("seqeval is not installed (pip install seqeval); cross-check skipped")
    sys.exit(0)

TYPES = ["PERSON", "ORG", "LOC"]


def read_conll(path):
    """[(doc_id, [[(token, tag)]])]"""
    docs, sentence, sentences, doc_id = [], [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if sentence:
                    sentences.append(sentence)
                sentence = []
                continue
            if cols[0] == "-DOCSTART-":
                if sentence:
                    sentences.append(sentence)
                sentence = []
                if sentences:
                    docs.append((doc_id, sentences))
                sentences = []
                doc_id = cols[2]
                continue
            sentence.append((cols[0], cols[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        docs.append((doc_id, sentences))
    # Attest writes CoNLL-2003's own `-DOCSTART- -X- O O` lines and the ids beside the file.
    if os.path.exists(path + ".ids"):
        ids = open(path + ".ids", encoding="utf-8").read().split()
        docs = [(i, s) for i, (_, s) in zip(ids, docs)]
    return docs


def chunks(tags):
    """IOB2 tags to [(start, end, type)] token ranges."""
    out, open_ = [], None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (open_ and t[2:] != open_[2]):
            if open_:
                out.append((open_[0], i, open_[2]))
            open_ = None
            if t != "O":
                open_ = [i, i + 1, t[2:]]
        else:
            open_[1] = i + 1
    return out


def perturb(tags, rng):
    n = len(tags)
    taken = [False] * n
    pred = []
    for (s, e, t) in chunks(tags):
        r = rng.random()
        if r < 0.12:
            continue
        if r < 0.24:
            t = rng.choice([x for x in TYPES if x != t])
        elif r < 0.36:
            s2, e2 = s + rng.choice([-1, 0, 1]), e + rng.choice([-1, 0, 1])
            s2, e2 = max(0, s2), min(n, e2)
            if s2 < e2 and not any(taken[s2:e2]) and all(tags[k] == "O" or s <= k < e for k in range(s2, e2)):
                s, e = s2, e2
        pred.append((s, e, t))
        for k in range(s, e):
            taken[k] = True
    for k in range(n):
        if tags[k] == "O" and not taken[k] and rng.random() < 0.04 \
                and (k == 0 or not taken[k - 1]) and (k + 1 == n or not taken[k + 1]):
            pred.append((k, k + 1, rng.choice(TYPES)))
            taken[k] = True
    out = ["O"] * n
    for (s, e, t) in pred:
        out[s] = "B-" + t
        for k in range(s + 1, e):
            out[k] = "I-" + t
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--attest", default=os.path.join(".build", "debug", "attest"))
    args = parser.parse_args()
    attest = os.path.abspath(args.attest)
    with tempfile.TemporaryDirectory() as tmp:
        gold_path = os.path.join(tmp, "gold.conll")
        subprocess.run([attest, "export", "--format", "conll", "--out", gold_path], check=True, capture_output=True)
        gold = read_conll(gold_path)
        for seed in range(1, args.seeds + 1):
            rng = random.Random(seed)
            y_true, y_pred, lines = [], [], []
            for doc_id, sentences in gold:
                lines.append(f"-DOCSTART- -X- {doc_id} O\n\n")
                for sentence in sentences:
                    tags = [t for _, t in sentence]
                    pred = perturb(tags, rng)
                    y_true.append(tags)
                    y_pred.append(pred)
                    lines.append("".join(f"{w} {p}\n" for (w, _), p in zip(sentence, pred)) + "\n")
            pred_path = os.path.join(tmp, "pred.conll")
            with open(pred_path, "w", encoding="utf-8") as f:
                f.write("".join(lines))
            report_path = os.path.join(tmp, "report.json")
            r = subprocess.run([attest, "score", "--pred", pred_path, "--json", report_path, "--no-gates"],
                               capture_output=True, text=True)
            if r.returncode != 0:
                print(f"seed {seed}: attest score failed:\n{r.stdout}{r.stderr}")
                return 1
            with open(report_path, encoding="utf-8") as f:
                metrics = json.load(f)["metrics"]
            expected = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
            pairs = [("micro avg", "entities.strict")] + [(t, f"entities.strict.{t}") for t in TYPES if t in expected]
            for label, prefix in pairs:
                for name, key in (("precision", "precision"), ("recall", "recall"), ("f1-score", "f1")):
                    want, got = expected[label][name], metrics.get(f"{prefix}.{key}")
                    if got is None or abs(want - got) > 1e-9:
                        print(f"seed {seed}: {label} {name}: seqeval {want} attest {got} ({prefix}.{key})")
                        return 1
        print(f"{args.seeds} seeds: attest's strict entity precision, recall and F1 (micro and per type) "
              f"equal seqeval's classification_report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
