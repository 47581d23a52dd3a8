#!/usr/bin/env python3
"""The whole job in the page alone: each article of the shipped corpus, from `attest new` to gold.

For every seed article (corpus/*.txt) the test starts from the empty draft that `attest new` writes
and annotates it through the page only, as a person would — dragging over text, pressing type keys,
q, s and c, choosing a quote's Kind and Speaker entity in the Selected panel, "Move here" and
"Rename" in the entity list, "Mark gold" — to reproduce the shipped gold annotation
(annotations/*.xml: entities, mentions, quotes with their kinds, speakers, cues and speaker
entities, pronoun and description speakers among them). It then checks that the file the page
wrote holds the same annotation as the shipped one, that the page marked it gold, and that
`attest validate --strict` and `attest check` pass on the corpus the page made.

Run: python3 tests/browser/test_workflow.py (after the builds of test_studio.py). Exits 0 when
every check holds.
"""
import os, shutil, subprocess, sys, tempfile, time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_studio as t  # noqa: E402  (the same binaries, server start and helpers)

NS = "{urn:attest:format:1}"
KEYS = {"PERSON": "p", "ORG": "o", "LOC": "l"}
actions = 0
used = {"Move here": 0, "Rename": 0, "Kind": 0, "Speaker entity": 0}


def gold_of(path):
    """The annotation of a file, with entities known by name: (entities, quotes) as comparable sets."""
    root = ET.parse(path).getroot()
    names, entities, quotes = {}, set(), set()
    for e in root.iter(NS + "entity"):
        names[e.get("id")] = e.get("name")
        spans = frozenset((int(m.get("start")), int(m.get("end"))) for m in e.iter(NS + "mention"))
        entities.add((e.get("type"), e.get("name"), spans))
    for q in root.iter(NS + "quote"):
        part = lambda tag: (lambda el: (int(el.get("start")), int(el.get("end"))) if el is not None else None)(q.find(NS + tag))
        quotes.add((q.get("kind"), part("content"), part("speaker"), part("cue"), names.get(q.get("speaker-entity"))))
    status = root.find(NS + "document").get("status")
    return entities, quotes, status


def select_span(page, text, start, end):
    """Drags the mouse over the code points start..end of the article, as a person selects."""
    global actions
    units = lambda n: len(text[:n].encode("utf-16-le")) // 2
    box = page.evaluate("""async ([from, to]) => {
        const root = document.getElementById('article');
        const find = () => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const nodes = []; for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
            const locate = (offset) => { for (const n of nodes) { if (offset <= n.data.length) return [n, offset]; offset -= n.data.length; } };
            const range = document.createRange();
            range.setStart(...locate(from)); range.setEnd(...locate(to));
            return range;
        };
        find().startContainer.parentElement.scrollIntoView({block: 'center'});
        // Lines laid out as they come into view (content-visibility) may move what is above, and a
        // redraw may have replaced the line: the range is found again after two frames.
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const range = find();
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const a = rects[0], b = rects[rects.length - 1];
        return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
    }""", [units(start), units(end)])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=4)
    page.mouse.up()
    actions += 1


def annotation(page):
    return page.evaluate("() => window.attestStudio.doc.annotation")


def act(page, folder, doc, what, done, timeout=15):
    """Waits until the page shows the version on disk and `done(annotation)` holds."""
    t.wait_until(page, lambda: t.settled(page, folder, doc) and done(annotation(page)), what, timeout)


def press(page, key):
    global actions
    page.keyboard.press(key)
    actions += 1


def click(page, selector):
    global actions
    page.click(selector)
    actions += 1


def choose(page, selector, value):
    global actions
    page.select_option(selector, value)
    actions += 1


def entity_of(a, span):
    return next(e for e in a["entities"] if any((m["start"], m["end"]) == span for m in e["mentions"]))


def annotate_document(page, folder, doc, gold_path):
    text = open(os.path.join(folder, "corpus", doc + ".txt"), encoding="utf-8").read()
    root = ET.parse(gold_path).getroot()
    page.goto(t_url + "?doc=" + doc)
    page.wait_for_selector(f"#title:has-text('{doc}')")
    gold_names = {e.get("id"): e.get("name") for e in root.iter(NS + "entity")}

    # Mentions: a drag and the type's key each.
    for e in root.iter(NS + "entity"):
        for m in e.iter(NS + "mention"):
            span = (int(m.get("start")), int(m.get("end")))
            select_span(page, text, *span)
            press(page, KEYS[e.get("type")])
            act(page, folder, doc, f"mention {span}", lambda a: any((x["start"], x["end"]) == span
                                                                  for en in a["entities"] for x in en["mentions"]))
    # Entities: a mention whose text names another entity is moved to its entity ("Move here");
    # then the entity gets the guideline's canonical name ("Rename").
    for e in root.iter(NS + "entity"):
        spans = [(int(m.get("start")), int(m.get("end"))) for m in e.iter(NS + "mention")]
        keeper = entity_of(annotation(page), spans[0])["id"]
        for span in spans[1:]:
            if entity_of(annotation(page), span)["id"] == keeper:
                continue
            click(page, f"mark.mention[data-start='{span[0]}'][data-end='{span[1]}']")
            click(page, f"#entities li[data-entity='{keeper}'] button:text-is('Move here')")
            used["Move here"] += 1
            act(page, folder, doc, f"move {span}", lambda a: entity_of(a, span)["id"] == keeper)
        if entity_of(annotation(page), spans[0])["name"] != e.get("name"):
            click(page, f"#entities li[data-entity='{keeper}'] button:text-is('Rename')")
            page.fill("#rename", e.get("name"))
            used["Rename"] += 1
            press(page, "Enter")
            act(page, folder, doc, f"rename {keeper}", lambda a: entity_of(a, spans[0])["name"] == e.get("name"))

    # Quotes: the content and q; Kind in the panel; the speaker and s; the cue and c; the speaker
    # entity in the panel when the speaker is a pronoun or a description (or is not the gold's).
    for q in root.iter(NS + "quote"):
        part = lambda tag: (lambda el: (int(el.get("start")), int(el.get("end"))) if el is not None else None)(q.find(NS + tag))
        content, speaker, cue = part("content"), part("speaker"), part("cue")
        select_span(page, text, *content)
        press(page, "q")
        find = lambda a: next((x for x in a["quotes"] if (x["content"]["start"], x["content"]["end"]) == content), None)
        act(page, folder, doc, f"quote {content}", lambda a: find(a) is not None)
        qid = find(annotation(page))["id"]
        page.wait_for_selector("#quote-kind")
        if q.get("kind") != "direct":
            choose(page, "#quote-kind", q.get("kind"))
            used["Kind"] += 1
            act(page, folder, doc, f"kind of {qid}", lambda a: find(a)["kind"] == q.get("kind"))
        for role, span, key in (("speaker", speaker, "s"), ("cue", cue, "c")):
            if span is None:
                continue
            select_span(page, text, *span)
            press(page, key)
            act(page, folder, doc, f"{role} of {qid}", lambda a: find(a).get(role) and (find(a)[role]["start"], find(a)[role]["end"]) == span)
        wanted = gold_names.get(q.get("speaker-entity"))
        a = annotation(page)
        names = {e["id"]: e["name"] for e in a["entities"]}
        if names.get(find(a).get("speaker-entity")) != wanted:
            target = next((e["id"] for e in a["entities"] if e["name"] == wanted), "") if wanted else ""
            page.wait_for_selector(f"#speaker-entity")
            choose(page, "#speaker-entity", target)
            used["Speaker entity"] += 1
            act(page, folder, doc, f"speaker entity of {qid}", lambda a: (find(a).get("speaker-entity") or "") == target)

    # Gold: the page's "Mark gold" (the server validates strictly first).
    click(page, "#status")
    t.wait_until(page, lambda: 'status="gold"' in open(os.path.join(folder, "annotations", doc + ".xml"), encoding="utf-8").read(),
                 f"{doc} marked gold")


def main():
    global t_url
    from playwright.sync_api import sync_playwright
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    folder = tempfile.mkdtemp(prefix="attest-workflow-")
    shutil.copy(os.path.join(t.ROOT, "attest.xml"), folder)
    os.makedirs(os.path.join(folder, "incoming"))
    docs = sorted(f[:-4] for f in os.listdir(os.path.join(t.ROOT, "corpus")) if f.endswith(".txt"))
    for doc in docs:
        shutil.copy(os.path.join(t.ROOT, "corpus", doc + ".txt"), os.path.join(folder, "incoming"))
        subprocess.run([os.path.join(t.BIN, "attest"), "new", os.path.join("incoming", doc + ".txt"), "--id", doc],
                       cwd=folder, check=True, capture_output=True)
    open(os.path.join(folder, "pred.jsonl"), "w").close()  # the server's --pred (review is not used here)
    process, t_url = t.start(folder)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for doc in docs:
                before, started = actions, time.time()
                gold_path = os.path.join(t.ROOT, "annotations", doc + ".xml")
                annotate_document(page, folder, doc, gold_path)
                want_entities, want_quotes, _ = gold_of(gold_path)
                got_entities, got_quotes, status = gold_of(os.path.join(folder, "annotations", doc + ".xml"))
                words = len(open(os.path.join(folder, "corpus", doc + ".txt"), encoding="utf-8").read().split())
                mentions = sum(len(e[2]) for e in want_entities)
                print(f"{doc}: {words} words, {len(want_entities)} entities, {mentions} mentions, {len(want_quotes)} quotes: "
                      f"{actions - before} page actions, {time.time() - started:.0f} s, no command line")
                t.check(f"{doc}: the page's entities and mentions are the gold's", got_entities == want_entities,
                        f"missing {want_entities - got_entities}; extra {got_entities - want_entities}")
                t.check(f"{doc}: the page's quotes (kind, content, speaker, cue, speaker entity) are the gold's",
                        got_quotes == want_quotes, f"missing {want_quotes - got_quotes}; extra {got_quotes - want_quotes}")
                t.check(f"{doc}: marked gold in the page", status == "gold", status)
                if screenshot and doc == "kaba-officer-account-leaked":
                    # Several quotes in one paragraph, their speakers and cues (the README's picture).
                    page.click("#quotes button[data-quote=q5]")
                    page.keyboard.press("Escape")
                    page.evaluate("document.querySelector('mark.content[data-quote=q3]').scrollIntoView({block: 'start'})")
                    page.mouse.move(1, 1)
                    time.sleep(0.3)
                    page.screenshot(path=screenshot, full_page=False)
            browser.close()
        for args in (["validate", "--strict"], ["fmt", "--check"], ["check", "--out", os.path.join(folder, "pred.jsonl")]):
            r = subprocess.run([os.path.join(t.BIN, "attest")] + args, cwd=folder, capture_output=True, text=True)
            t.check("attest " + " ".join(args[:2] if args[0] != "check" else args[:1]) + " passes on the corpus the page made",
                    r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:])
        print(f"in all: {actions} page actions for {len(docs)} articles; panel and list controls used: "
              + ", ".join(f"{k} {v}" for k, v in used.items()))
    finally:
        process.kill()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(t.failures)} failure(s)")
    sys.exit(1 if t.failures else 0)


if __name__ == "__main__":
    main()
