#!/usr/bin/env python3
"""A team in the page alone: two annotators and a curator take a document from assignment to gold.

`attest assign` gives the document to ann1 and ann2. Each annotates it in their own browser context
with their own token (the server runs with --users): blind to the other (their page shows only their
own version, and the other's is refused), each file landing in their own folder with their name in
its header and the journal. The curator then opens curation in the page (u): the agreed annotation
is put in the gold file, each disagreement (type, boundary, only-A, only-B) is a decision with both
versions marked in the text; the curator takes A on three and B on one with the keys a and b, and
marks the document gold. The test checks the files, `attest agree` (mention F1 computed by hand) and
`attest validate --strict`, and the agreement page.

Run: python3 tests/browser/test_team.py (after the builds of test_studio.py). Exits 0 when every
check holds.
"""
import hashlib, json, os, shutil, subprocess, sys, tempfile, time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_studio as t  # noqa: E402  (the same binaries, checks and helpers)
import test_workflow as w  # noqa: E402  (selecting a span by its code points)

NS = "{urn:attest:format:1}"
TEXT = "Ana Silva met Bruno Costa at the Acme Corp office in Lisbon and Porto on Monday — 🦊.\n"
TOKENS = {"ann1": "ann1-" + "a" * 24, "ann2": "ann2-" + "b" * 24, "chief": "chief-" + "c" * 24}
SPANS = {"Ana Silva": (0, 9), "Bruno Costa": (14, 25), "Acme Corp": (33, 42), "Acme": (33, 37),
         "Lisbon": (53, 59), "Porto": (64, 69)}
# What each annotator marks: ann2 retypes Bruno Costa, marks Acme short, leaves out Lisbon, adds Porto.
WORK = {
    "ann1": [("Ana Silva", "p"), ("Bruno Costa", "p"), ("Acme Corp", "o"), ("Lisbon", "l")],
    "ann2": [("Ana Silva", "p"), ("Bruno Costa", "o"), ("Acme", "o"), ("Porto", "l")],
}


def mentions(path):
    root = ET.parse(path).getroot()
    found = set()
    for e in root.iter(NS + "entity"):
        for m in e.iter(NS + "mention"):
            found.add((e.get("type"), int(m.get("start")), int(m.get("end"))))
    header = root.find(NS + "document")
    return found, [a.get("name") for a in header.iter(NS + "annotator")], header.get("status")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def shown(page, path):
    """Whether the page shows the version on disk at `path`."""
    return page.evaluate("() => window.attestStudio.doc && window.attestStudio.doc.version") == digest(path)


def main():
    from playwright.sync_api import sync_playwright
    folder = tempfile.mkdtemp(prefix="attest-team-")
    with open(os.path.join(t.ROOT, "attest.xml"), encoding="utf-8") as f:
        manifest = f.read().replace("</manifest>", """  <annotators>
    <annotator name="ann1" annotations="annotators/ann1"/>
    <annotator name="ann2" annotations="annotators/ann2"/>
  </annotators>
</manifest>""")
    with open(os.path.join(folder, "attest.xml"), "w", encoding="utf-8") as f:
        f.write(manifest)
    with open(os.path.join(folder, "meeting.txt"), "w", encoding="utf-8") as f:
        f.write(TEXT)
    attest = lambda *args: subprocess.run([os.path.join(t.BIN, "attest"), *args], cwd=folder, capture_output=True, text=True)
    t.check("attest new", attest("new", "meeting.txt", "--id", "meeting").returncode == 0)
    r = attest("assign", "meeting", "--to", "ann1", "ann2")
    t.check("attest assign gives the document to both", r.returncode == 0, r.stdout + r.stderr)
    users = os.path.join(tempfile.mkdtemp(prefix="attest-users-"), "users.txt")
    with open(users, "w", encoding="utf-8") as f:
        f.write("# name role token\n" + "".join(f"{n} {'curator' if n == 'chief' else 'annotator'} {k}\n" for n, k in TOKENS.items()))
    process = subprocess.Popen([t.STUDIO, "--port", "0", "--corpus", folder, "--users", users],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    url = line[line.index("http://"):].split("?")[0]
    gold = os.path.join(folder, "annotations", "meeting.xml")
    gold_before = digest(gold)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            errors = []
            pages = {}
            for name in ("ann1", "ann2"):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.on("pageerror", lambda e: errors.append(str(e)))
                pages[name] = page
                page.goto(f"{url}?token={TOKENS[name]}")
                t.wait_until(page, lambda: page.is_visible("#user") and name in page.inner_text("#user"), f"{name}'s page names them")
                t.check(f"{name}'s queue is the document given to them", "next: meeting" in page.inner_text("#user"), page.inner_text("#user"))
                # j: the next document of the queue.
                page.locator("#article").focus()
                page.keyboard.press("j")
                page.wait_for_selector("#title:has-text('meeting')")
                mine = os.path.join(folder, "annotators", name, "meeting.xml")
                t.check(f"{name} starts blind (their own empty version, whatever the other did)",
                        page.evaluate("() => window.attestStudio.doc.annotation.entities.length") == 0)
                for text, key in WORK[name]:
                    w.select_span(page, TEXT, *SPANS[text])
                    page.keyboard.press(key)
                    span = SPANS[text]
                    t.wait_until(page, lambda: shown(page, mine) and any((m[1], m[2]) == span for m in mentions(mine)[0]),
                                 f"{name}: {text} written")
                # Another annotator's version is refused to them, from their own page.
                other = "ann2" if name == "ann1" else "ann1"
                status = page.evaluate("""async ([other, token]) => (await fetch(`/api/annotators/${other}/documents/meeting`,
                    { headers: { Authorization: `Bearer ${token}` } })).status""", [other, TOKENS[name]])
                t.check(f"{name} cannot read {other}'s version (blind annotation)", status == 403, str(status))
                page.click("#status")  # Mark gold: their version is done (it passed --strict)
                t.wait_until(page, lambda: mentions(mine)[2] == "gold", f"{name} marks their version done")
                found, names, _ = mentions(mine)
                want = {(("PERSON", "ORG", "LOC")["pol".index(k)], *SPANS[x]) for x, k in WORK[name]}
                t.check(f"{name}'s file holds what they marked, in their own folder", found == want, f"{found} vs {want}")
                t.check(f"{name}'s name is in their file's header", names == [name], str(names))
                r = attest("undo", f"annotators/{name}/meeting.xml", "--list")
                t.check(f"{name}'s journal names them", f"(by {name})" in r.stdout, r.stdout)
            t.check("the annotators left the gold file as it was", digest(gold) == gold_before)

            # The curator: curation in the page.
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            status = pages["ann1"].evaluate("""async (token) => (await fetch(`/agreement?token=${token}`)).status""", TOKENS["ann1"])
            t.check("an annotator cannot see the agreement page (blind)", status == 403, str(status))
            # The agreement page, from the curator's link in the page.
            page.goto(f"{url}?token={TOKENS['chief']}")
            t.wait_until(page, lambda: page.is_visible("#agreement-link"), "the curator's page links to the agreement page")
            page.click("#agreement-link")
            page.wait_for_selector("h1:has-text('Agreement')")
            row = page.locator("tr:has(th a:has-text('meeting'))").first.inner_text()
            # By hand: 4 mentions each, 1 agrees: mention F1 2·1/8 = 0.25; entities likewise 0.25.
            t.check("the agreement page: meeting's mention F1 is 0.2500 (by hand)", "0.2500" in row, row)
            differences = page.locator("table.differences[data-document='meeting'] tbody tr").all_inner_texts()
            t.check("the agreement page lists where they differed (4, with both versions)",
                    len(differences) == 4 and "PERSON [14,25)" in differences[0] and "ORG [14,25)" in differences[0]
                    and "LOC [53,59)" in differences[2] and "LOC [64,69)" in differences[3], "\n".join(differences))
            t.check("the agreement page draws its charts (SVG, named)", page.locator("svg.chart[aria-label='Mentions, strict F1']").count() == 1)
            # Its link opens the document's curation view.
            page.locator("th a:has-text('meeting')").first.click()
            page.wait_for_selector("#title:has-text('meeting')")
            t.wait_until(page, lambda: page.is_visible("#decisions"), "the agreement page's link opens curation")
            # u closes curation and opens it again.
            page.locator("#article").focus()
            page.keyboard.press("u")
            t.wait_until(page, lambda: not page.is_visible("#decisions"), "u closes curation")
            page.keyboard.press("u")
            t.wait_until(page, lambda: page.is_visible("#decisions"), "u opens curation")
            kinds = page.evaluate("() => window.attestStudio.curation.decisions.map(d => d.kind)")
            t.check("four decisions: type, boundary, only-a, only-b", kinds == ["type", "boundary", "only-a", "only-b"], str(kinds))
            t.check("the agreed annotation is in the gold file", mentions(gold)[0] == {("PERSON", 0, 9)}, str(mentions(gold)[0]))
            labels = page.evaluate("() => [...document.querySelectorAll('mark.decision')].map(m => m.dataset.label)")
            t.check("both versions of each decision are marked in the text, named by annotator",
                    "#1 A ann1" in labels and "#1 B ann2" in labels and "#4 B ann2" in labels and "#3 A ann1" in labels, str(labels))
            for k, key in enumerate("aaab"):
                page.keyboard.press(key)
                t.wait_until(page, lambda: page.evaluate("() => window.attestStudio.curation.decisions.filter(d => d.taken).length") == k + 1
                             and shown(page, gold), f"decision {k + 1} taken")
            t.check("every decision settled", "4 of 4 decisions settled" in page.inner_text("#curation-progress"))
            page.click("#status")
            t.wait_until(page, lambda: mentions(gold)[2] == "gold", "the curator marks gold")
            found, names, _ = mentions(gold)
            want = {("PERSON", 0, 9), ("PERSON", 14, 25), ("ORG", 33, 42), ("LOC", 53, 59), ("LOC", 64, 69)}
            t.check("the gold file is A on three decisions and B on one", found == want, f"{found}")
            t.check("the curator is named in the gold file", names == ["chief"], str(names))
            t.check("no script errors in any page", not errors, "; ".join(errors))
            browser.close()
        r = attest("validate", "--strict")
        t.check("attest validate --strict passes", r.returncode == 0, r.stdout + r.stderr)
        r = attest("agree", "--json", os.path.join(folder, "agree.json"))
        report = json.load(open(os.path.join(folder, "agree.json"), encoding="utf-8"))
        # By hand: ann1 has 4 mentions, ann2 has 4; one agrees (Ana Silva): P = R = F1 = 0.25.
        pair = report["pairs"][0]
        t.check("attest agree: strict mention F1 0.25", abs(pair["figures"]["mentions.strict.f1"] - 0.25) < 1e-9, json.dumps(pair)[:400])
    finally:
        process.kill()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(t.failures)} failure(s)")
    sys.exit(1 if t.failures else 0)


if __name__ == "__main__":
    main()
