#!/usr/bin/env python3
"""A small extractor that speaks Attest's protocol (standard library only).

Attest runs it once per article:
    - the article text arrives on standard input (UTF-8, exactly as stored);
    - ATTEST_DOC_ID and ATTEST_ARTICLE_PATH are in the environment;
    - it prints one JSON document on standard output:
      {"id", "entities": [{"start","end","type","text"}],
       "quotes": [{"start","end","text","kind","speaker":{...}|null,"cue":{...}|null}]}
Offsets are Python str indices: Unicode code points, half-open.

    attest run --extractor 'python3 examples/extractor.py'
"""
import json
import os
import re
import sys

HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Reverend", "Commander", "Chief", "Inspector"}
ORG_HEADS = {"Police", "Office", "Council", "Church", "Media", "News", "Party", "Ministry", "Agency", "Commission",
             "Committee", "Company", "Group", "University", "Court", "Service", "Board", "Union", "Bank"}
LOC_HEADS = {"Street", "Road", "Hill", "Lane", "Avenue", "Square", "Park", "Bridge", "City", "County", "River"}
STOP = {"The", "A", "An", "This", "That", "These", "Those", "He", "She", "It", "They", "We", "I", "His", "Her",
        "Their", "There", "While", "When", "But", "And", "In", "On", "At", "For", "From", "After", "Before", "As",
        "If", "Speaking", "According", "Some", "Many", "Two", "One", "Firearms", "Officers"}
VERBS = r"(said|says|told|added|claimed|confirmed|reported|complained|asked|warned|insisted)"

NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:of|for)?\s*[A-Z][\w’'\-]*)*")
QUOTE = re.compile(r"[“\"]([^”\"\n]+)[”\"]")


def entities(text):
    out = []
    for m in NAME.finditer(text):
        start, end = m.start(), m.end()
        words = m.group(0).split()
        while words and words[0] in STOP | HONORIFICS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        if not words:
            continue
        surface = text[start:end]
        for suffix in ("’s", "'s"):
            if surface.endswith(suffix):
                end -= 2
                surface = surface[:-2]
        before = text[max(0, start - 12):start]
        if any(w in ORG_HEADS for w in words) or surface.isupper():
            kind = "ORG"
        elif any(w in LOC_HEADS for w in words) or re.search(r"\b(in|at|near|south|north|east|west)\s+$", before):
            kind = "LOC"
        elif re.search(r"\b(" + "|".join(HONORIFICS) + r")\s+$", before) or len(words) >= 2:
            kind = "PERSON"
        else:
            kind = "ORG"
        out.append({"start": start, "end": end, "type": kind, "text": surface})
    return out


def quotes(text):
    out = []
    for m in QUOTE.finditer(text):
        start, end = m.start(1), m.end(1)
        content = text[start:end]
        after = text[m.end():m.end() + 80]
        before = text[max(0, m.start() - 80):m.start()]
        speaker = cue = None
        a = re.match(r",?\s*" + VERBS + r"\s+([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*|the \w+|an? \w+)", after) \
            or re.match(r",?\s*([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*|he|she|they|the \w+|another \w+)\s+" + VERBS, after)
        b = re.search(r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)(?:,[^,]*,)?\s+" + VERBS + r":\s*$", before)
        if a:
            verb_first = a.group(1) in VERBS
            s_group, c_group = (2, 1) if re.fullmatch(VERBS, a.group(1)) else (1, 2)
            base = m.end()
            speaker = {"start": base + a.start(s_group), "end": base + a.end(s_group), "text": a.group(s_group)}
            cue = {"start": base + a.start(c_group), "end": base + a.end(c_group), "text": a.group(c_group)}
        elif b:
            base = m.start() - len(before)
            speaker = {"start": base + b.start(1), "end": base + b.end(1), "text": b.group(1)}
            cue = {"start": base + b.start(2), "end": base + b.end(2), "text": b.group(2)}
        kind = "direct" if len(content.split()) >= 5 else "mixed"
        out.append({"start": start, "end": end, "text": content, "kind": kind, "speaker": speaker, "cue": cue})
    return out


def main():
    text = sys.stdin.buffer.read().decode("utf-8")
    doc = {"id": os.environ.get("ATTEST_DOC_ID", ""), "entities": entities(text), "quotes": quotes(text)}
    json.dump(doc, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
