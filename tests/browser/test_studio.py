#!/usr/bin/env python3
"""Browser tests of the web annotator (attest-studio) in Debian's Chromium, driven by Playwright.

Run: python3 tests/browser/test_studio.py [--screenshot docs/studio.png]
Needs the debug binaries (`swift build` and `swift build --package-path studio-server`) and
`pip install playwright`; uses /usr/bin/chromium.
Exits 0 when every check holds, 1 otherwise; prints one line per check.
"""
import hashlib, os, re, shutil, subprocess, sys, tempfile, time, json

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, ".build", "debug")
# The release server when it is built (CI builds it: the 100 ms round trip is a figure of the
# product, not of a debug build); the debug one otherwise.
STUDIO_BUILD = os.environ.get("ATTEST_STUDIO_BUILD") or (
    "release" if os.path.exists(os.path.join(ROOT, "studio-server", ".build", "release", "attest-studio")) else "debug")
STUDIO = os.path.join(ROOT, "studio-server", ".build", STUDIO_BUILD, "attest-studio")
SAID = "“We will win this,” said Ana Silva on Monday.\n"
MARKUP = 'Hostile <script>window.pwned=1</script> and "><img src=x onerror="window.pwned=2"> by Ana Silva.\n'
EXTRACTOR = "import json, sys\ntext = sys.stdin.read()\nat = text.find('plan')\n" \
    "print(json.dumps({'entities': [{'start': at, 'end': at + 4, 'type': 'LOC'}] if at >= 0 else [], 'quotes': []}))\n"
KEYBOARD = "Ana Silva met Bob Lee in Oslo.\n"
REVIEWED = "Ana Silva met Tomás Ruiz in Oslo and Bergen, the Harbour Council said.\n"
STORY = "🚢 Ana Silva said the plan is fine, according to the Harbour Council.\n𝒜 second line: Ana Silva left.\n"
failures = []
# The test's probe, installed in the page before its scripts run: key presses' event times, and the time
# the article first holds `armed` mention marks, then the time the next frame has been painted.
PROBE = """
window.__probe = { keys: [], seen: [], armed: 0 };
addEventListener("keydown", (e) => window.__probe.keys.push(e.timeStamp), true);
window.__probe.arm = (n) => { window.__probe.armed = n; check(); };
function check() {
  const p = window.__probe, article = document.getElementById("article");
  if (!p.armed || !article || article.querySelectorAll("mark.mention").length < p.armed) return;
  p.armed = 0;
  const dom = performance.now();
  requestAnimationFrame(() => setTimeout(() => p.seen.push({ dom, painted: performance.now() })));
}
new MutationObserver(check).observe(document, { subtree: true, childList: true });
"""


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(what)


def sample_folder(prefix):
    """A new folder holding a copy of the sample corpus (Tests/AttestKitTests/Fixtures/sample)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    sample = os.path.join(ROOT, "Tests/AttestKitTests/Fixtures/sample")
    for rel in ["attest.xml", "corpus/sample.txt", "annotations/sample.xml"]:
        os.makedirs(os.path.dirname(os.path.join(folder, rel)), exist_ok=True)
        shutil.copy(os.path.join(sample, rel), os.path.join(folder, rel))
    return folder


def corpus():
    folder = sample_folder("attest-studio-")
    with open(os.path.join(folder, "story.txt"), "w", encoding="utf-8") as f:
        f.write(STORY)
    subprocess.run([os.path.join(BIN, "attest"), "new", "story.txt", "--id", "story"], cwd=folder, check=True,
                   capture_output=True)
    with open(os.path.join(folder, "said.txt"), "w", encoding="utf-8") as f:
        f.write(SAID)
    subprocess.run([os.path.join(BIN, "attest"), "new", "said.txt", "--id", "said"], cwd=folder, check=True,
                   capture_output=True)
    with open(os.path.join(folder, "markup.txt"), "w", encoding="utf-8") as f:
        f.write(MARKUP)
    subprocess.run([os.path.join(BIN, "attest"), "new", "markup.txt", "--id", "markup"], cwd=folder, check=True,
                   capture_output=True)
    # The manifest's own extractor (a script that calls "plan" a place), for suggestions.
    with open(os.path.join(folder, "extractor.py"), "w", encoding="utf-8") as f:
        f.write(EXTRACTOR)
    manifest = os.path.join(folder, "attest.xml")
    with open(manifest, encoding="utf-8") as f:
        text = f.read()
    command = f'python3 {os.path.join(folder, "extractor.py")}'
    with open(manifest, "w", encoding="utf-8") as f:
        f.write(text.replace("</manifest>", f'  <extractor command="{command}" timeout="30"/>\n</manifest>'))
    # Predictions for review mode: one from --pred, one chosen on the page.
    def at(part, nth=0, text=STORY):
        i = -1
        for _ in range(nth + 1):
            i = text.index(part, i + 1)
        return {"start": i, "end": i + len(part)}
    with open(os.path.join(folder, "pred.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "story", "entities": [
            {**at("Ana Silva"), "type": "PERSON"}, {**at("Harbour"), "type": "ORG"},
            {**at("second line"), "type": "LOC"}, {**at("Ana Silva", 1), "type": "ORG"}],
            "quotes": [{**at("the plan is fine"), "kind": "indirect", "speaker": at("Harbour Council")},
                       {**at("left"), "kind": "direct"}]}) + "\n")
        # The review fixture: its prediction has each of the six kinds of the entity table.
        f.write(json.dumps({"id": "reviewed", "entities": [
            {**at("Ana Silva", text=REVIEWED), "type": "PERSON"},       # correct
            {**at("Tomás Ruiz", text=REVIEWED), "type": "ORG"},         # type
            {**at("Osl", text=REVIEWED), "type": "LOC"},                # boundary
            {**at("Harbour", text=REVIEWED), "type": "PERSON"},         # boundary+type
            {**at("met", text=REVIEWED), "type": "LOC"}],               # spurious; Bergen: missed
            "quotes": []}) + "\n")
    with open(os.path.join(folder, "reviewed.txt"), "w", encoding="utf-8") as f:
        f.write(REVIEWED)
    attest = os.path.join(BIN, "attest")
    subprocess.run([attest, "new", "reviewed.txt", "--id", "reviewed"], cwd=folder, check=True, capture_output=True)
    for text, kind in [("Ana Silva", "PERSON"), ("Tomás Ruiz", "PERSON"), ("Oslo", "LOC"), ("Bergen", "LOC"),
                       ("Harbour Council", "ORG")]:
        subprocess.run([attest, "entity", "reviewed", "--type", kind, "--text", text], cwd=folder, check=True,
                       capture_output=True)
    with open(os.path.join(folder, "keyboard.txt"), "w", encoding="utf-8") as f:
        f.write(KEYBOARD)
    subprocess.run([attest, "new", "keyboard.txt", "--id", "keyboard"], cwd=folder, check=True, capture_output=True)
    with open(os.path.join(folder, "empty.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "story", "entities": [], "quotes": []}) + "\n")
    return folder


def big_document(folder, mentions=1800, quotes=200):
    """A ~100 KB article with 2,000 annotations (1,800 mentions, 200 quotes), written in the canonical layout."""
    import hashlib
    names = ["Ana Silva", "Harbour Council", "Kingsford", "Tomás Ruiz", "Northern Rail", "São Paulo"]
    types = ["PERSON", "ORG", "LOC", "PERSON", "ORG", "LOC"]
    text, spans, quote_spans = "", [], []
    i = 0
    while len(spans) < mentions:
        name = names[i % len(names)]
        if len(quote_spans) < quotes and i % 9 == 0:
            start = len(text) + 1
            saying = f"We will keep listening to everyone in town, number {i},"
            text += f"“{saying}” said "
            quote_spans.append((start, start + len(saying)))
        start = len(text)
        text += name
        spans.append((start, start + len(name), i % len(names)))
        text += (" met officials of the county — again — on Tuesday to discuss the budget.\n" if i % 4 == 3
                 else " spoke about the timetable, the works and the cost; ")
        i += 1
    text += "\n"
    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<annotation xmlns="urn:attest:format:1" version="1.0">',
             f'  <document id="big" article="../corpus/big.txt" sha256="{hashlib.sha256(text.encode()).hexdigest()}" '
             f'length="{len(text)}" status="draft" guidelines="1.0"/>', "  <entities>"]
    n = 0
    for k, name in enumerate(names):
        lines.append(f'    <entity id="e{k + 1}" type="{types[k]}" name="{esc(name)}">')
        for (a, b, which) in spans:
            if which == k:
                n += 1
                lines.append(f'      <mention id="m{spans.index((a, b, which)) + 1}" start="{a}" end="{b}">{esc(name)}</mention>')
        lines.append("    </entity>")
    lines.append("  </entities>")
    lines.append("  <quotes>")
    for q, (a, b) in enumerate(quote_spans):
        lines.append(f'    <quote id="q{q + 1}" kind="direct">')
        lines.append(f'      <content start="{a}" end="{b}">{esc(text[a:b])}</content>')
        lines.append("    </quote>")
    lines.append("  </quotes>")
    lines.append("</annotation>")
    with open(os.path.join(folder, "corpus/big.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(folder, "annotations/big.xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(text.encode()), len(spans) + len(quote_spans)


def start(folder):
    process = subprocess.Popen([STUDIO, "--port", "0", "--corpus", folder, "--pred", os.path.join(folder, "pred.jsonl")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stdout.readline()
        m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line or "")
        if m:
            return process, m.group(1)
    process.kill()
    raise SystemExit("attest-studio did not start")


def select_text(page, text, nth=0):
    """Drags the mouse over the nth occurrence of text in the article, as a person selects."""
    box = page.evaluate("""async ([text, nth]) => {
        const root = document.getElementById('article');
        const find = () => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const nodes = []; for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
            const whole = nodes.map(n => n.data).join('');
            let at = -1; for (let i = 0; i <= nth; i++) at = whole.indexOf(text, at + 1);
            if (at < 0) return null;
            const locate = (offset) => { for (const n of nodes) { if (offset <= n.data.length) return [n, offset]; offset -= n.data.length; } };
            const range = document.createRange();
            range.setStart(...locate(at)); range.setEnd(...locate(at + text.length));
            return range;
        };
        const first = find();
        if (!first) return null;
        first.startContainer.parentElement.scrollIntoView({block: 'center'});
        // Lines laid out as they come into view (content-visibility) may move what is above, and a
        // redraw may have replaced the line: the range is found again after two frames.
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const range = find();
        if (!range) return null;
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const a = rects[0], b = rects[rects.length - 1];
        return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
    }""", [text, nth])
    assert box, f"{text!r} not on the page"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()


def span(element, text):
    """The element as the file must hold it: offsets in code points, as Python counts them."""
    start = STORY.index(text)
    return f'<{element} start="{start}" end="{start + len(text)}">{text}</{element}>'


def wait_until(page, predicate, what, timeout=15):
    try:
        return _wait_until(page, predicate, what, timeout)
    except AssertionError:
        print("DEBUG message:", page.inner_text("#message"))
        raise


def _wait_until(page, predicate, what, timeout=15):
    """Polls (the page's content security policy forbids Playwright's evaluated waits)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {what}")


def marks(page, selector):
    return page.evaluate("(s) => document.querySelectorAll(s).length", selector)


def settled(page, folder, doc="story"):
    """Whether the page shows the version on disk (its last answer is drawn)."""
    with open(os.path.join(folder, f"annotations/{doc}.xml"), "rb") as f:
        on_disk = hashlib.sha256(f.read()).hexdigest()
    return page.evaluate("() => window.attestStudio.doc && window.attestStudio.doc.version") == on_disk


def xml(folder):
    with open(os.path.join(folder, "annotations/story.xml"), encoding="utf-8") as f:
        return f.read()


def main():
    from playwright.sync_api import sync_playwright
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    folder = corpus()
    process, url = start(folder)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(url + "?doc=story")
            page.wait_for_selector("#article mark, #title:has-text('story')")
            check("the page opens the document", page.inner_text("#title") == "story")
            check("each type's control carries its key and name",
                  page.get_attribute("#types button[aria-label=PERSON]", "aria-keyshortcuts") == "p")

            # A mention after an astral-plane character, by mouse and key.
            select_text(page, "Ana Silva")
            page.keyboard.press("p")
            page.wait_for_selector("mark.mention[data-type=PERSON]")
            mark = page.query_selector("mark.mention[data-type=PERSON]")
            check("the mark after 🚢 has code-point offsets [2,11)",
                  (mark.get_attribute("data-start"), mark.get_attribute("data-end")) == ("2", "11"),
                  (mark.get_attribute("data-start"), mark.get_attribute("data-end")))
            check("the file holds the mention at [2,11)",
                  '<mention id="m1" start="2" end="11">Ana Silva</mention>' in xml(folder), xml(folder))

            # The second line starts after 𝒜 (one code point, two UTF-16 units).
            select_text(page, "Ana Silva", nth=1)
            page.keyboard.press("p")
            wait_until(page, lambda: marks(page, "mark.mention") == 2, "the second mention")
            second = STORY.index("Ana Silva", 10)
            cp = len(STORY[:second])  # Python counts code points
            check(f"the second mention lands at [{cp},{cp + 9})",
                  f'start="{cp}" end="{cp + 9}">Ana Silva</mention>' in xml(folder), xml(folder))
            legend = page.inner_text("#types button[data-type=PERSON]")
            check("the legend of types gives each type's key and count", legend == "PERSON (p) · 2", legend)

            # A quote with speaker and cue.
            select_text(page, "the plan is fine")
            page.select_option("#kind", "indirect")
            page.keyboard.press("q")
            page.wait_for_selector("mark.content")
            select_text(page, "Ana Silva")
            page.keyboard.press("s")
            page.wait_for_selector("mark.speaker")
            select_text(page, "said")
            page.keyboard.press("c")
            page.wait_for_selector("mark.cue")
            quote = xml(folder)
            check("the quote has content, speaker and cue",
                  all(s in quote for s in ['kind="indirect"', span("content", "the plan is fine"),
                                           span("speaker", "Ana Silva"), span("cue", "said")]), quote)
            check("the speaker that is a mention attributes the quote", 'speaker-entity="e1"' in quote, quote)

            # The quote reads at a glance, in text: its label names its speaker entity and kind; its
            # speaker and cue carry its number; a mention says its type.
            label = page.get_attribute("mark.content", "data-label")
            check("a quote's label names its speaker entity and kind", label == "q1 · Ana Silva · indirect", label)
            # The speaker is the mention m1: one label says both (not two labels on one place).
            check("its speaker and cue carry the quote's number",
                  page.get_attribute("mark.mention[data-id=m1]", "data-label") == "PERSON · q1 speaker"
                  and page.get_attribute("mark.speaker", "data-label") is None
                  and page.get_attribute("mark.cue", "data-label") == "q1 cue")
            second_label = page.get_attribute("mark.mention[data-id=m2]", "data-label")
            check("a mention says its type in text", second_label == "PERSON", second_label)
            # The quote panel: the kind changes after the quote exists.
            page.click("mark.content")
            page.wait_for_selector("#quote-kind")
            check("the quote panel has controls named Kind and Speaker entity",
                  page.get_attribute("#quote-kind", "aria-label") == "Kind"
                  and page.get_attribute("#speaker-entity", "aria-label") == "Speaker entity")
            page.select_option("#quote-kind", "mixed")
            wait_until(page, lambda: 'kind="mixed"' in xml(folder)
                       and page.get_attribute("mark.content", "data-label") == "q1 · Ana Silva · mixed", "the kind change")
            check("the kind changes after the quote exists (Kind)",
                  'kind="mixed"' in xml(folder) and page.get_attribute("mark.content", "data-label") == "q1 · Ana Silva · mixed")
            # k goes through the kinds of the selected quote, from the keyboard.
            check("Kind carries its key", page.get_attribute("#quote-kind", "aria-keyshortcuts") == "k")
            page.focus("#article")
            kinds_seen = []
            for expected in ["direct", "indirect", "mixed"]:
                page.keyboard.press("k")
                wait_until(page, lambda: f'kind="{expected}"' in xml(folder) and settled(page, folder), f"k to {expected}")
                kinds_seen.append(page.get_attribute("mark.content", "data-label").split(" · ")[-1])
            check("k changes the selected quote's kind: direct, indirect, mixed", kinds_seen == ["direct", "indirect", "mixed"],
                  kinds_seen)
            # The speaker entity, without touching the speaker span (how a pronoun speaker is attributed).
            page.select_option("#speaker-entity", "")
            wait_until(page, lambda: "speaker-entity" not in xml(folder), "the speaker entity cleared")
            page.select_option("#speaker-entity", "e1")
            wait_until(page, lambda: 'speaker-entity="e1"' in xml(folder), "the speaker entity set")
            check("Speaker entity sets the entity and leaves the speaker span",
                  'speaker-entity="e1"' in xml(folder) and span("speaker", "Ana Silva") in xml(folder), xml(folder))
            # Delete on the cue removes only the cue; Remove speaker only the speaker span.
            page.click("mark.cue")
            page.keyboard.press("Delete")
            wait_until(page, lambda: "<cue" not in xml(folder), "the cue removed")
            check("Delete on a cue removes only the cue",
                  "<cue" not in xml(folder) and span("content", "the plan is fine") in xml(folder)
                  and span("speaker", "Ana Silva") in xml(folder), xml(folder))
            # The quote list says what each quote lacks, and filters on it; an item selects its quote.
            page.select_option("#quote-filter", "no cue")
            item = page.inner_text("#quotes")
            check("the quote list flags a quote with no cue, and filters on it",
                  "q1 · mixed · Ana Silva" in item and "no cue" in item and page.inner_text("#quote-count") == "1 of 1", item)
            page.select_option("#quote-filter", "no speaker entity")
            check("the filter leaves out quotes that have what it asks for", page.inner_text("#quote-count") == "0 of 1")
            page.select_option("#quote-filter", "")
            page.keyboard.press("Escape")
            page.click("#quotes button[data-quote=q1]")
            wait_until(page, lambda: "quote q1" in page.inner_text("#selected"), "the quote selected from the list")
            page.click("#selected button:has-text('Remove speaker')")
            wait_until(page, lambda: "<speaker" not in xml(folder), "the speaker removed")
            check("Remove speaker removes only the speaker span",
                  "<speaker" not in xml(folder) and span("content", "the plan is fine") in xml(folder), xml(folder))
            for undone in range(5):
                was = xml(folder)
                page.click("#undo")
                wait_until(page, lambda: xml(folder) != was and settled(page, folder), f"undo {undone + 1}")
            wait_until(page, lambda: span("cue", "said") in xml(folder) and 'kind="indirect"' in xml(folder), "the undos")
            page.keyboard.press("Escape")

            # Suggestions: accept one with Enter, then undo it.
            page.keyboard.press("x")
            page.wait_for_selector("mark.suggestion")
            before = xml(folder).count("<mention")
            page.keyboard.press("Enter")
            wait_until(page, lambda: marks(page, "mark.mention") == before + 1, "the accepted suggestion")
            check("an accepted suggestion is written", xml(folder).count("<mention") == before + 1)
            page.click("#undo")
            wait_until(page, lambda: marks(page, "mark.mention") == before, "the undo")
            check("undo takes it back", xml(folder).count("<mention") == before)

            # Entities: rename in the panel; move a mention to another entity; merge.
            page.click("#entities li[data-entity=e1] button:has-text('Rename')")
            page.fill("#entities li[data-entity=e1] input", "Ana M. Silva")
            page.keyboard.press("Enter")
            wait_until(page, lambda: 'name="Ana M. Silva"' in xml(folder), "the rename")
            check("an entity is renamed in the panel", 'name="Ana M. Silva"' in xml(folder))
            select_text(page, "second line")
            page.keyboard.press("p")
            wait_until(page, lambda: "second line" in xml(folder), "a second person")
            page.click('mark.mention[data-type=PERSON]:has-text("second line")')
            page.click("#entities li[data-entity=e1] button:has-text('Move here')")
            wait_until(page, lambda: xml(folder).count('type="PERSON"') == 1, "the move")
            check("a mention moves to another entity (and its emptied entity goes)",
                  xml(folder).count('type="PERSON"') == 1 and "second line</mention>" in xml(folder))
            page.click('mark.mention[data-type=PERSON]:has-text("second line")')
            page.keyboard.press("Delete")
            wait_until(page, lambda: "second line" not in xml(folder), "the removal")
            check("Delete removes the selected mention", "second line" not in xml(folder))

            # Split: the second "Ana Silva" leaves e1 for an entity of its own; undo joins them again.
            page.click('mark.mention[data-id=m2]')
            page.click("#entities li[data-entity=e1] button:has-text('Split off')")
            wait_until(page, lambda: xml(folder).count('type="PERSON"') == 2, "the split")
            split = xml(folder)
            check("a selected mention is split off into a new entity",
                  re.search(r'<entity id="e\d+" type="PERSON" name="Ana Silva">\s*<mention id="m2"', split) is not None,
                  split)
            page.click("#undo")
            wait_until(page, lambda: xml(folder).count('type="PERSON"') == 1, "the split's undo")
            page.keyboard.press("Escape")

            # Suggestions from the manifest's extractor (not the baseline): "plan" as a place. A
            # suggestion says its type in text, and another type's key accepts it with that type.
            page.select_option("#extractor", "manifest")
            page.focus("#article")
            page.keyboard.press("x")
            page.wait_for_selector("mark.suggestion")
            texts = page.evaluate("() => window.attestStudio.suggestions.map(s => s.text + ' ' + s.type)")
            check("suggestions come from the manifest's extractor when chosen", texts == ["plan LOC"], texts)
            check("a suggestion shows its type as text, and the message its place and count",
                  page.get_attribute("mark.suggestion", "data-label") == "suggested LOC"
                  and "Suggestion 1 of 1: LOC" in page.inner_text("#message"), page.inner_text("#message"))
            page.keyboard.press("o")
            wait_until(page, lambda: ">plan</mention>" in xml(folder)
                       and page.inner_text("#message").startswith("accepted ORG"), "the suggestion accepted as ORG")
            check("a type's key accepts the focused suggestion with that type",
                  re.search(r'type="ORG" name="plan">\s*<mention[^>]*>plan</mention>', xml(folder)) is not None, xml(folder))
            page.click("#undo")
            wait_until(page, lambda: ">plan<" not in xml(folder) and settled(page, folder), "the accepted suggestion undone")
            # Backspace rejects it, and the rejection is remembered: asked again, it is not offered.
            page.keyboard.press("x")
            page.wait_for_selector("mark.suggestion")
            page.keyboard.press("Backspace")
            wait_until(page, lambda: marks(page, "mark.suggestion") == 0, "the rejection")
            check("Backspace rejects a suggestion (nothing written)", ">plan<" not in xml(folder))
            page.keyboard.press("x")
            wait_until(page, lambda: "No suggestions left (1 rejected before)" in page.inner_text("#message"),
                       "suggestions asked again")
            check("a rejected suggestion is not offered again (kept beside the journal)",
                  marks(page, "mark.suggestion") == 0
                  and os.path.exists(os.path.join(folder, "annotations/.attest/journal/story.rejections.jsonl")))
            page.select_option("#extractor", "baseline")

            # Accept all suggestions of one type at once.
            page.focus("#article")
            page.keyboard.press("x")
            wait_until(page, lambda: page.evaluate("() => window.attestStudio.suggestions.length") > 0
                       and page.evaluate("() => window.attestStudio.extractor") == "baseline", "baseline suggestions")
            types = page.evaluate("() => window.attestStudio.suggestions.map(s => s.type)")
            first = types[0]
            before_all = xml(folder).count("<mention")
            page.keyboard.press("Shift+Enter")

            wait_until(page, lambda: xml(folder).count("<mention") == before_all + types.count(first), "accept all")
            check(f"Shift+Enter accepts all {types.count(first)} {first} suggestion(s) in one change",
                  xml(folder).count("<mention") == before_all + types.count(first))
            page.click("#undo")
            wait_until(page, lambda: xml(folder).count("<mention") == before_all, "undo accept all")
            check("one undo takes them all back", xml(folder).count("<mention") == before_all)
            # The page's own version must be the undone one before it redoes (else 409, rightly).
            page.wait_for_function("() => document.getElementById('message').textContent.startsWith('undid')")
            page.keyboard.press("Control+Shift+Z")
            wait_until(page, lambda: xml(folder).count("<mention") == before_all + types.count(first), "redo")
            check("Ctrl+Shift+Z redoes it (the file has them again)",
                  xml(folder).count("<mention") == before_all + types.count(first))
            page.click("#undo")
            wait_until(page, lambda: xml(folder).count("<mention") == before_all, "undo again")
            page.keyboard.press("Escape")

            # Gold.
            page.click("#status")
            wait_until(page, lambda: page.inner_text("#status") == "Back to draft", "status gold")
            check("status gold is written", 'status="gold"' in xml(folder))
            check("a gold document says so before the next change (it stays editable)",
                  page.is_visible("#gold-note") and "stays editable" in page.inner_text("#gold-note"))
            wait_until(page, lambda: page.inner_text("#progress").startswith("2 of 6 gold"), "the progress line")
            check("the document list shows the corpus's progress", page.inner_text("#progress") == "2 of 6 gold (33%)",
                  page.inner_text("#progress"))

            # A change in another tab meanwhile: the page gets 409, reloads and applies its change on the
            # newer version; nothing is lost.
            other = browser.new_page()
            other.goto(url + "?doc=story")
            other.wait_for_selector("mark.mention")
            select_text(other, "Harbour Council")
            other.keyboard.press("o")
            other.wait_for_selector("mark.mention[data-type=ORG]")
            select_text(page, "left")
            page.keyboard.press("l")
            wait_until(page, lambda: "reloaded" in page.inner_text("#message"), "the 409 reload")
            wait_until(page, lambda: 'type="LOC"' in xml(folder), "the change re-applied")
            check("a stale tab gets 409, reloads the other tab's change and re-applies its own (nothing lost)",
                  'type="ORG"' in xml(folder) and page.query_selector("mark.mention[data-type=ORG]") is not None
                  and 'type="LOC"' in xml(folder) and page.query_selector("mark.mention[data-type=LOC]") is not None,
                  xml(folder))
            # "Move here" offers only entities of the selected mention's type: an ORG mention is not
            # offered the PERSON entity (a move never retypes silently).
            page.click("mark.mention[data-type=ORG]")
            person = page.query_selector("#entities li:has-text('PERSON')")
            check("Move here lists only entities of the mention's type",
                  person is not None and person.query_selector("button:has-text('Move here')") is None)
            page.keyboard.press("Escape")

            # Keyboard and screen readers.
            check("the document list is buttons", page.query_selector("#documents li[data-id=story] button") is not None)
            page.focus("#article")
            page.keyboard.press("n")
            focused = page.evaluate(
                "() => document.activeElement.tagName + '|' + (document.activeElement.getAttribute('aria-label') || '')")
            check("n moves the focus to an annotation named for screen readers",
                  focused.startswith("MARK|") and len(focused) > 6, focused)
            # Until a mention is focused (quotes come first where they start together).
            for _ in range(12):
                if page.evaluate("() => document.activeElement.classList.contains('mention')"):
                    break
                page.keyboard.press("n")
            place = page.evaluate("() => document.activeElement.getAttribute('aria-description') || ''")
            check("a mention focused is described by its place in its entity",
                  re.fullmatch(r"mention \d+ of \d+", place) is not None, place)
            check("only the mark focused has a description",
                  page.evaluate("() => document.querySelectorAll('#article mark[aria-description]').length") == 1)
            page.keyboard.press("?")
            check("? lists every key", page.is_visible("#keys") and "accept it with that type" in page.inner_text("#keys"))
            page.keyboard.press("Escape")
            check("Escape closes the key list", not page.is_visible("#keys"))
            page.keyboard.press("Escape")
            page.uncheck("#single-keys")
            unchanged = xml(folder)
            select_text(page, "according")
            page.keyboard.press("p")
            time.sleep(0.5)
            check("with single-key shortcuts off, a letter changes nothing", xml(folder) == unchanged)
            page.check("#single-keys")
            page.evaluate("() => window.getSelection().removeAllRanges()")
            page.focus("#article")
            page.keyboard.press("Escape")

            # Review mode: the server's --pred file, then one chosen on the page; the counts are
            # those of attest score --errors on the same files.
            def cli_counts(pred):
                r = subprocess.run([os.path.join(BIN, "attest"), "score", "--pred", pred, "--errors",
                                    "--status", "draft,gold"], cwd=folder, capture_output=True, text=True)
                section = r.stdout.split("\nstory: ")[1].split("\n\n")[0] if "\nstory: " in r.stdout else ""
                counts = {}
                for line in section.splitlines()[1:]:
                    kind = line.split()[0]
                    counts[kind] = counts.get(kind, 0) + 1
                return counts, (int(section.split()[0]) if section else 0), r.stdout + r.stderr

            def page_counts():
                rows = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#review-panel tr')]
                    .filter(r => !r.dataset.review.startsWith('correct'))
                    .map(r => [r.dataset.review, Number(r.cells[1].textContent)]))""")
                return rows, int(page.inner_text("#review-errors").split(": ")[1].split()[0])

            page.keyboard.press("r")
            wait_until(page, lambda: marks(page, "mark.review") > 0, "review marks")
            expected, total, output = cli_counts("pred.jsonl")
            shown, shown_total = page_counts()
            check(f"review of --pred shows the counts of attest score --errors ({total} errors: {expected})",
                  shown == expected and shown_total == total and total > 0, f"page {shown} {shown_total}; cli {output}")
            kinds = set(page.evaluate("() => [...document.querySelectorAll('mark.review')].map(m => m.dataset.review)"))
            check("review marks correct, missed, spurious, wrong type, boundary and speaker differently",
                  {"correct", "spurious", "type", "speaker"} <= kinds, kinds)
            if screenshot:
                page.screenshot(path=screenshot.replace(".png", "-review.png"), full_page=False)
            page.keyboard.press("p")
            check("review mode does not edit", "Review mode" in page.inner_text("#message"))
            page.set_input_files("#pred-file", os.path.join(folder, "empty.jsonl"))
            wait_until(page, lambda: "empty.jsonl" in page.inner_text("#review-panel"), "the chosen file's review")
            expected, total, output = cli_counts("empty.jsonl")
            shown, shown_total = page_counts()
            check(f"review of a file chosen on the page agrees too ({total} errors)",
                  shown == expected and shown_total == total and set(shown) <= {"missed", "missed-quote"},
                  f"page {shown} {shown_total}; cli {output}")
            page.keyboard.press("r")
            wait_until(page, lambda: marks(page, "mark.review") == 0, "review closed")
            check("r closes review mode and the annotation is back", marks(page, "mark.mention") > 0)

            # Review of the fixture that has each of the six kinds of the entity table: each is marked,
            # counted as attest score --errors counts it, labelled in text and styled differently.
            reviewed = browser.new_page(viewport={"width": 1280, "height": 800})
            reviewed.goto(url + "?doc=reviewed")
            reviewed.wait_for_selector("mark.mention")
            reviewed.focus("#article")
            reviewed.keyboard.press("r")
            wait_until(reviewed, lambda: marks(reviewed, "mark.review") > 0, "the fixture's review")
            six = ["correct", "missed", "spurious", "type", "boundary", "boundary+type"]
            found = reviewed.evaluate("""() => Object.fromEntries([...document.querySelectorAll('mark.review')].map(m => {
                const s = getComputedStyle(m);
                return [m.dataset.review, [m.dataset.label, [s.backgroundColor, s.borderTopStyle, s.borderTopColor,
                    s.borderBottomStyle, s.borderBottomColor, s.boxShadow, s.outlineStyle].join(' ')]];
            }))""")
            check("review mode marks all six kinds: correct, missed, spurious, type, boundary, boundary+type",
                  set(six) <= set(found), sorted(found))
            check("each of the six is labelled with its kind in text (not colour alone)",
                  all(found.get(k, [None])[0] == k for k in six), found)
            styles = [found[k][1] for k in six if k in found]
            check("each of the six is styled differently", len(set(styles)) == 6, found)
            r = subprocess.run([os.path.join(BIN, "attest"), "score", "--pred", "pred.jsonl", "--errors", "--status",
                                "draft,gold"], cwd=folder, capture_output=True, text=True)
            section = r.stdout.split("\nreviewed: ")[1].split("\n\n")[0]
            cli = sorted(line.split()[0] for line in section.splitlines()[1:])
            rows = reviewed.evaluate("""() => [...document.querySelectorAll('#review-panel tr')]
                .filter(r => !r.dataset.review.startsWith('correct'))
                .flatMap(r => Array(Number(r.cells[1].textContent)).fill(r.dataset.review))""")
            check(f"the fixture's review counts what attest score --errors counts ({cli})", sorted(rows) == cli,
                  f"page {sorted(rows)}; cli {r.stdout}")
            reviewed.close()
            # The score report's links (`--html --studio URL`) open a document in review mode.
            linked = browser.new_page(viewport={"width": 1280, "height": 800})
            linked.goto(url + "?doc=reviewed&review=1")
            wait_until(linked, lambda: marks(linked, "mark.review") > 0, "review mode from the address")
            check("?doc=ID&review=1 (the score report's link) opens the document in review mode",
                  "Review of" in linked.inner_text("#message") and marks(linked, "mark.review[data-review=missed]") > 0,
                  linked.inner_text("#message"))
            linked.close()

            # A quote whose speaker is a mention clicked (not selected as text).
            select_text(page, "second line")
            page.keyboard.press("q")
            wait_until(page, lambda: "second line</content>" in xml(folder), "the second quote")
            page.click("mark.mention[data-id=m2]")
            page.keyboard.press("s")
            second_at = STORY.index("Ana Silva", 10)
            wait_until(page, lambda: f'<speaker start="{second_at}"' in xml(folder), "the clicked speaker")
            check("a clicked mention becomes the speaker of the quote selected before",
                  re.search(r'<quote id="q2" kind="\w+" speaker-entity="e1">\s*<content[^>]*>second line</content>\s*'
                            rf'<speaker start="{second_at}" end="{second_at + 9}">Ana Silva</speaker>', xml(folder))
                  is not None, xml(folder))

            # An article with markup in it: shown as text, never run.
            hostile = browser.new_page()
            hostile.goto(url + "?doc=markup")
            hostile.wait_for_selector("#title:has-text('markup')")
            wait_until(hostile, lambda: "<script>" in hostile.inner_text("#article"), "the markup article")
            select_text(hostile, "<script>")
            hostile.keyboard.press("o")
            hostile.wait_for_selector("mark.mention[data-type=ORG]")
            with open(os.path.join(folder, "annotations/markup.xml"), encoding="utf-8") as f:
                markup = f.read()
            check("markup in an article stays text: no script or img element, nothing run",
                  marks(hostile, "#article script, #article img") == 0
                  and hostile.evaluate("() => window.pwned === undefined")
                  and hostile.inner_text("#article").startswith(MARKUP.strip()[:40]), hostile.inner_text("#article"))
            check("a mention of “<script>” is written escaped at its offsets",
                  '<mention id="m1" start="8" end="16">&lt;script&gt;</mention>' in markup, markup)
            hostile.close()

            # A quote suggestion (content, speaker, cue, kind) is shown and accepted as one change.
            said = browser.new_page()
            said.goto(url + "?doc=said")
            said.wait_for_selector("#title:has-text('said')")
            said.keyboard.press("x")
            said.wait_for_selector("mark.suggestion[data-type=quote]")
            label = said.get_attribute("mark.suggestion[data-type=quote]", "data-label")
            check("a quote suggestion shows its kind and speaker", label == "suggested direct quote · speaker “Ana Silva”", label)
            said.click("mark.suggestion[data-type=quote]")
            said.keyboard.press("Enter")
            said_xml = lambda: open(os.path.join(folder, "annotations/said.xml"), encoding="utf-8").read()
            wait_until(said, lambda: "<quote " in said_xml(), "the accepted quote")
            history = subprocess.run([os.path.join(BIN, "attest"), "undo", "said", "--list"], cwd=folder,
                                     capture_output=True, text=True).stdout
            check("an accepted quote suggestion is one change with its content, speaker and cue",
                  all(s in said_xml() for s in ['kind="direct"', ">We will win this,</content>", ">Ana Silva</speaker>",
                                                ">said</cue>"]) and history.count("\n") == 1, said_xml() + history)
            said.close()

            # A stale document: its article edited on disk. The list says so; opening it offers Realign,
            # which carries the annotations across (the mention moves by the 8 code points added).
            article_path = re.search(r'article="([^"]+)"', markup).group(1)
            article_file = os.path.normpath(os.path.join(folder, "annotations", article_path))
            with open(article_file, encoding="utf-8") as f:
                old_text = f.read()
            with open(article_file, "w", encoding="utf-8") as f:
                f.write("Update: " + old_text)
            stale = browser.new_page()
            stale.goto(url + "?doc=markup")
            stale.wait_for_selector("#realign")
            listed = stale.inner_text("#documents li[data-id=markup]")
            check("the document list marks a stale document", "stale" in listed, listed)
            stale.click("#realign")
            wait_until(stale, lambda: 'start="16" end="24">&lt;script&gt;</mention>' in open(
                os.path.join(folder, "annotations/markup.xml"), encoding="utf-8").read(), "the realign")
            redrawn = lambda: ("stale" not in stale.inner_text("#documents li[data-id=markup]")
                               and stale.query_selector("mark.mention[data-start='16']") is not None)
            wait_until(stale, redrawn, "the realigned page")
            check("Realign carries the annotations across the edit (the page's realign, as attest realign)", redrawn(),
                  stale.inner_text("#documents li[data-id=markup]"))
            stale.close()

            # A span from the keyboard alone: Shift+arrows extend the selection by a word in the article;
            # single keys act only in the article (a type's key on a toolbar button does nothing).
            keys = browser.new_page(viewport={"width": 1280, "height": 800})
            keys.goto(url + "?doc=keyboard")
            keys.wait_for_selector("#title:has-text('keyboard')")
            keyboard_xml = lambda: open(os.path.join(folder, "annotations/keyboard.xml"), encoding="utf-8").read()
            keys.focus("#article")
            keys.keyboard.press("Shift+ArrowRight")
            keys.keyboard.press("Shift+ArrowRight")
            keys.keyboard.press("p")
            wait_until(keys, lambda: "<mention " in keyboard_xml(), "the mention made from the keyboard")
            check("Shift+Right twice then p makes a mention of the first two words, from the keyboard alone",
                  '<mention id="m1" start="0" end="9">Ana Silva</mention>' in keyboard_xml(), keyboard_xml())
            # Right moves the caret by a word (past "met"), then Shift+Right twice takes "Bob Lee".
            keys.keyboard.press("ArrowRight")
            keys.keyboard.press("Shift+ArrowRight")
            keys.keyboard.press("Shift+ArrowRight")
            keys.keyboard.press("p")
            wait_until(keys, lambda: keyboard_xml().count("<mention ") == 2, "the second mention from the keyboard")
            check("Right moves the caret a word; Shift+Right extends: the second span is the next two words",
                  'start="14" end="21">Bob Lee</mention>' in keyboard_xml(), keyboard_xml())
            # Mark gold refuses a document that attest validate --strict rejects, and says why.
            select_text(keys, "Osl")
            keys.keyboard.press("l")
            wait_until(keys, lambda: keyboard_xml().count("<mention ") == 3, "a mention that cuts a word")
            keys.click("#status")
            wait_until(keys, lambda: "gold" in keys.inner_text("#message") and "word" in keys.inner_text("#message"),
                       "the refusal of gold")
            check("Mark gold refuses a document with a warning, naming it, and writes nothing",
                  'status="draft"' in keyboard_xml() and keys.inner_text("#status") == "Mark gold",
                  keys.inner_text("#message"))
            keys.focus("#article")
            keys.keyboard.press("Control+z")
            wait_until(keys, lambda: keyboard_xml().count("<mention ") == 2, "the undo of the cut mention")
            before = keyboard_xml()
            keys.focus("#review")
            keys.keyboard.press("o")
            keys.keyboard.press("Delete")
            time.sleep(0.3)
            check("single keys are scoped to the article: o and Delete on a toolbar button change nothing",
                  keyboard_xml() == before and marks(keys, "mark.mention") == 2)
            keys.close()

            # A 100 KB article with 2,000 annotations: open, render, one edit round trip.
            size, annotations = big_document(folder)
            r = subprocess.run([os.path.join(BIN, "attest"), "validate", "--strict", "annotations/big.xml"], cwd=folder,
                               capture_output=True, text=True)
            check("the big document is valid", r.returncode == 0, r.stdout + r.stderr)
            # Measured from outside the page's code: the test's own script, installed before the page
            # loads, times from the navigation's start (and from each key press's event time) to the
            # marks in the DOM and the next frame painted after them. Eight loads, each in a new page
            # (a new browser context: nothing cached); the first warms the browser's own processes, as
            # a browser in use is warm, and is printed; the median of the other seven is held to the target.
            loads = []
            for attempt in range(8):
                if attempt:
                    big.close()
                big = browser.new_page(viewport={"width": 1280, "height": 800})
                # Armed before the page's first script runs: the time is taken when the marks arrive,
                # not when this test gets round to asking (after the load event and a round trip).
                big.add_init_script(PROBE + "\nwindow.__probe.armed = 1800;")
                big.goto(url + "?doc=big")
                big.wait_for_function("() => window.__probe.seen.length >= 1", timeout=60000)
                loads.append(big.evaluate("window.__probe.seen[0].painted"))
            warm_up = loads.pop(0)
            asked = big.evaluate("performance.getEntriesByType('resource').map(r => new URL(r.name).pathname)")
            check("the page opens the document from the answers sent inside it, without asking for it",
                  "/api/documents/big" not in asked and "/boot.js" in asked, ", ".join(asked))
            load_ms = sorted(loads)[len(loads) // 2]
            wait_until(big, lambda: marks(big, "mark.mention") >= 1800, "the big document's marks", timeout=60)
            render = [t["ms"] for t in big.evaluate("window.attestStudio.timings") if t["what"] == "render"]
            outside = []
            for k in range(7):
                select_text(big, "officials", nth=3 + k)
                big.evaluate("n => window.__probe.arm(n)", 1801 + k)
                big.keyboard.press("p")
                big.wait_for_function(f"() => window.__probe.seen.length >= {2 + k}", timeout=60000)
                seen = big.evaluate(f"window.__probe.seen[{1 + k}]")
                key = big.evaluate("window.__probe.keys[window.__probe.keys.length - 1]")
                outside.append(seen["painted"] - key)
                on_disk = open(os.path.join(folder, "annotations/big.xml"), encoding="utf-8").read().count("<mention ")
                check(f"edit {k + 1}: the mark drawn is in the file", on_disk == 1801 + k, f"{on_disk} mentions in the file")
            edits = [t for t in big.evaluate("window.attestStudio.timings") if t["what"] == "edit"]
            inside = sorted(t["ms"] for t in edits)
            median = sorted(outside)[len(outside) // 2]
            print(f"big document: {size} bytes, {annotations} annotations; page load (navigation start to all marks "
                  f"painted, outside the page's code) {', '.join(f'{x:.0f}' for x in loads)} ms, median {load_ms:.0f} ms "
                  f"(the browser's first, warming up: {warm_up:.0f} ms); "
                  f"the page's own render {render[0]:.0f} ms")
            print(f"big document, {len(outside)} edits with the {STUDIO_BUILD} server, key press to the mark painted "
                  f"(outside the page's code; the file is written before the answer): "
                  + ", ".join(f"{x:.0f}" for x in outside) + f" ms, median {median:.0f} ms; the page's own timing "
                  + ", ".join(f"{t['ms']:.0f} ({t['request']:.0f} request + {t['redraw']:.0f} redraw)" for t in edits)
                  + f" ms, median {inside[len(inside) // 2]:.0f} ms")
            check(f"the big document loads (navigation to all marks painted) in under 500 ms (median of "
                  f"{len(loads)}: {load_ms:.0f} ms)", load_ms < 500, f"{load_ms:.0f} ms")
            if STUDIO_BUILD == "release":
                check(f"an edit on the big document takes under 100 ms from key press to mark painted (median {median:.0f} ms)",
                      median < 100, f"{median:.0f} ms")
            else:
                print(f"note: the debug server's round trip ({median:.0f} ms) is not held to 100 ms; build it with -c release")
            big.close()

            timings = page.evaluate("window.attestStudio.timings")
            edits = [t["ms"] for t in timings if t["what"] == "edit"]
            print(f"edit round trips (ms): {', '.join(f'{m:.0f}' for m in edits)}")
            if screenshot:
                page.screenshot(path=screenshot, full_page=False)
            browser.close()
        for args in (["validate", "--strict"], ["fmt", "--check"]):
            r = subprocess.run([os.path.join(BIN, "attest")] + args, cwd=folder, capture_output=True, text=True)
            check("attest " + " ".join(args) + " passes on the files written", r.returncode == 0, r.stdout + r.stderr)
    finally:
        process.kill()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
