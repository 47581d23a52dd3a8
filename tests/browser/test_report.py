#!/usr/bin/env python3
"""Browser tests of `attest score --html` in Debian's Chromium, driven by Playwright.

Run: python3 tests/browser/test_report.py [--screenshot docs/report.png]
Needs the debug binary (`swift build`) and `pip install playwright`; uses /usr/bin/chromium.
Exits 0 when every check holds, 1 otherwise; prints one line per check.

The fixture: the sample corpus and a story with an emoji and an astral letter before its names,
predictions with a missed, a spurious, a wrong-type and a wrong-boundary mention. The report is
opened from the file, with the network cut off: the figures shown must be the JSON report's, every
error must be in the browser with its marks on the right code points, the filters and keys must work,
and the page must log no error.
"""
import json, os, shutil, subprocess, sys

from test_studio import sample_folder

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ATTEST = os.path.join(ROOT, ".build", "debug", "attest")
STORY = "🚢 Ana Silva met 𝒜lan Brook in Oslo — “fine,” said the Harbour Council.\nBergen 🎉 welcomed Ana Silva.\n"
failures = []


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failures.append(what)


def at(part, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = STORY.index(part, i + 1)
    return {"start": i, "end": i + len(part), "text": part}  # Python counts code points, as Attest does


def fixture():
    folder = sample_folder("attest-report-")
    with open(os.path.join(folder, "story.txt"), "w", encoding="utf-8") as f:
        f.write(STORY)
    run = lambda *args: subprocess.run([ATTEST, *args], cwd=folder, check=True, capture_output=True)
    run("new", "story.txt", "--id", "story")
    for text, kind, nth in [("Ana Silva", "PERSON", "1"), ("𝒜lan Brook", "PERSON", "1"), ("Oslo", "LOC", "1"),
                            ("Harbour Council", "ORG", "1"), ("Bergen", "LOC", "1")]:
        run("entity", "story", "--type", kind, "--text", text, "--nth", nth)
    run("entity", "story", "--type", "PERSON", "--text", "Ana Silva", "--nth", "2")
    run("status", "story", "gold")
    # Predictions: Ana Silva right; 𝒜lan Brook cut short (boundary); Oslo as ORG (type); Harbour
    # Council missed; "fine" spurious; Bergen right; the second Ana Silva right.
    story = {"id": "story", "entities": [
        {**at("Ana Silva"), "type": "PERSON"}, {**at("𝒜lan"), "type": "PERSON"}, {**at("Oslo"), "type": "ORG"},
        {**at("fine"), "type": "LOC"}, {**at("Bergen"), "type": "LOC"}, {**at("Ana Silva", 1), "type": "PERSON"}],
        "quotes": []}
    with open(os.path.join(folder, "pred.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps(story, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "sample", "entities": [], "quotes": []}) + "\n")
    # 105 copies of the story (ids copy-000…), predicted right, so the document table has two pages.
    xml = open(os.path.join(folder, "annotations", "story.xml"), encoding="utf-8").read()
    with open(os.path.join(folder, "pred.jsonl"), "a", encoding="utf-8") as f:
        for k in range(105):
            name = f"copy-{k:03d}"
            shutil.copy(os.path.join(folder, "corpus", "story.txt"), os.path.join(folder, "corpus", name + ".txt"))
            with open(os.path.join(folder, "annotations", name + ".xml"), "w", encoding="utf-8") as out:
                out.write(xml.replace('id="story"', f'id="{name}"').replace("../corpus/story.txt", f"../corpus/{name}.txt"))
            f.write(json.dumps({"id": name, "entities": [
                {**at(t, n), "type": ty} for t, n, ty in [("Ana Silva", 0, "PERSON"), ("𝒜lan Brook", 0, "PERSON"),
                                                          ("Oslo", 0, "LOC"), ("Harbour Council", 0, "ORG"),
                                                          ("Bergen", 0, "LOC"), ("Ana Silva", 1, "PERSON")]],
                "quotes": []}, ensure_ascii=False) + "\n")
    return folder


def main():
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    from playwright.sync_api import sync_playwright
    folder = fixture()
    try:
        r = subprocess.run([ATTEST, "score", "--pred", "pred.jsonl", "--html", "report.html", "--json", "report.json",
                            "--bootstrap", "200",
                            "--studio", "http://127.0.0.1:4646/"], cwd=folder, capture_output=True, text=True)
        check("attest score --html writes the report (exit 0 or 1, the gates)", r.returncode in (0, 1) and
              os.path.exists(os.path.join(folder, "report.html")), r.stderr)
        report = json.load(open(os.path.join(folder, "report.json"), encoding="utf-8"))
        errors = [(d["id"], e) for d in report["documents"] for e in d["errors"]]
        story_errors = [e for i, e in errors if i == "story"]
        kinds = sorted(e["kind"] for e in story_errors)
        check("the fixture's story has one error of each kind planted",
              kinds == ["boundary", "missed", "spurious", "type"], kinds)
        html = open(os.path.join(folder, "report.html"), encoding="utf-8").read()
        import re
        links = re.findall(r'(?:src|href)="([^"]*)"', html)
        check("the page fetches nothing: no src or href but its own anchors and the annotator's, a policy of 'none'",
              "default-src 'none'" in html and links and
              all(u.startswith("#") or u.startswith("http://127.0.0.1:4646/") for u in links),
              [u for u in links if not u.startswith("#")][:5])
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
            requests = []
            context.on("request", lambda req: requests.append(req.url) if not req.url.startswith("file:") else None)
            page = context.new_page()
            logs = []
            page.on("console", lambda m: logs.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: logs.append(f"pageerror: {e}"))
            page.goto("file://" + os.path.join(folder, "report.html"))
            page.wait_for_function("() => document.getElementById('error-count').textContent.length > 0")
            # The figures shown are the JSON report's.
            shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('tr[data-metric]')]
                .map((tr) => [tr.dataset.metric, tr.querySelector('td.f1').textContent]))""")
            wrong = {k: (v, report["metrics"].get(k)) for k, v in shown.items()
                     if k in report["metrics"] and v != f"{report['metrics'][k]:.4f}"}
            check(f"every figure shown ({len(shown)}) equals the JSON report's", shown and not wrong, wrong)
            check("the headline shows strict F1 as the JSON has it",
                  shown.get("entities.strict.f1") == f"{report['metrics']['entities.strict.f1']:.4f}", shown)
            gates_failed = sum(1 for g in report["gates"] if not g["passed"])
            check("the gates' verdicts are written as words", page.locator("#headline tr.fail").count() == gates_failed
                  and (gates_failed == 0 or "FAILED" in page.inner_text("#headline")))
            # Every error is in the browser, each with its marks on the right code points.
            count = page.inner_text("#error-count")
            check(f"the error count is the JSON's ({len(errors)})", count.startswith(f"{len(errors)} of {len(errors)}"), count)
            page.fill("#error-doc", "story")
            rows = page.evaluate("""() => [...document.querySelectorAll('#error-list li.row')].map((li) => ({
                kind: li.dataset.kind,
                gold: [...li.querySelectorAll('mark.gold')].map((m) => m.textContent).join(''),
                pred: [...li.querySelectorAll('mark.pred')].map((m) => m.textContent).join('') }))""")
            by_kind = {r["kind"]: r for r in rows}
            check("the story's four errors are listed", sorted(by_kind) == kinds, rows)
            for e in story_errors:
                row = by_kind.get(e["kind"], {})
                # The texts at the offsets in the article itself (Python counts code points).
                want_gold = STORY[e["gold"]["start"]:e["gold"]["end"]] if e.get("gold") else ""
                want_pred = STORY[e["predicted"]["start"]:e["predicted"]["end"]] if e.get("predicted") else ""
                check(f"{e['kind']}: gold marked {want_gold!r}, predicted marked {want_pred!r} (after the emoji)",
                      row.get("gold", "") == want_gold and row.get("pred", "") == want_pred, row)
            # Filters: kind, type, text.
            page.fill("#error-doc", "")
            page.select_option("#error-kind", "missed")
            missed = sum(1 for _, e in errors if e["kind"] == "missed")
            check(f"the kind filter keeps the {missed} missed", page.inner_text("#error-count").startswith(f"{missed} of"),
                  page.inner_text("#error-count"))
            page.select_option("#error-kind", "")
            page.select_option("#error-type", "ORG")
            orgs = sum(1 for _, e in errors if "ORG" in (e.get("goldType"), e.get("predictedType")))
            check(f"the type filter keeps the {orgs} touching ORG", page.inner_text("#error-count").startswith(f"{orgs} of"),
                  page.inner_text("#error-count"))
            page.select_option("#error-type", "")
            page.fill("#error-search", "harbour")
            check("the text search (in the marked text) finds the missed Harbour Council alone",
                  page.locator("#error-list li.row").count() == 1 and
                  page.inner_text("#error-list li.row mark.gold") == "Harbour Council", page.inner_text("#error-list"))
            page.fill("#error-search", "")
            # Keys: End goes to the last error, Home back to the first.
            page.focus("#error-list")
            page.keyboard.press("End")
            check("End makes the last error the active one",
                  page.get_attribute("#error-list", "aria-activedescendant") == f"error-{len(errors) - 1}")
            page.keyboard.press("Home")
            page.keyboard.press("ArrowDown")
            check("Home then ↓ makes the second the active one",
                  page.get_attribute("#error-list", "aria-activedescendant") == "error-1")
            # The scheme switch and the sortable table.
            page.select_option("#scheme", "partial")
            check("the scheme switch shows the partial scheme alone",
                  page.is_visible("div.scheme[data-scheme=partial]") and not page.is_visible("div.scheme[data-scheme=strict]"))
            first = page.inner_text("#document-table tbody tr:first-child th")
            page.click("#document-table button[data-column='1']")
            best = page.inner_text("#document-table tbody tr:first-child td")
            page.click("#document-table button[data-column='1']")
            check("a column's button sorts the whole table one way, then the other",
                  first == "sample" and best == "1.0000" and
                  page.inner_text("#document-table tbody tr:first-child th") == "sample", (first, best))
            # The table pages through all 107 documents, 100 at a time.
            check("the table's first page says 1–100 of 107", page.inner_text("#docs-range") == "Documents 1–100 of 107."
                  and page.locator("#document-table tbody tr").count() == 100, page.inner_text("#docs-range"))
            page.click("#docs-next")
            check("Next shows the last 7", page.inner_text("#docs-range") == "Documents 101–107 of 107."
                  and page.locator("#document-table tbody tr").count() == 7 and page.is_hidden("#docs-next"),
                  page.inner_text("#docs-range"))
            page.click("#docs-prev")
            whiskers = page.locator("div.scheme[data-scheme=partial] svg.chart g.whisker").count()
            interval = report["intervals"].get("entities.partial.PERSON.f1")
            cell = page.inner_text("div.scheme[data-scheme=partial] tr[data-metric='entities.partial.PERSON.f1'] td:last-child")
            check("each type's bar has its 95% interval as a whisker, and the table writes it",
                  whiskers == 3 and interval and cell == f"[{interval['low']:.4f}, {interval['high']:.4f}]",
                  (whiskers, interval, cell))
            # Contrast (WCAG AA, 4.5:1) of every piece of text on what is behind it (backgrounds blended
            # up to the page's white), the heat map's darkest cells included.
            low = page.evaluate("""() => {
                const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
                const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
                const behind = (el) => {
                  const layers = [];
                  for (let e = el; e && e.nodeType === 1; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
                  let color = [255, 255, 255];
                  for (const [r, g, b, a] of layers.reverse()) color = [r * a + color[0] * (1 - a), g * a + color[1] * (1 - a), b * a + color[2] * (1 - a)];
                  return color;
                };
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  if (el.closest('svg') || !el.offsetParent && el.tagName !== 'BODY') continue;
                  if (![...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())) continue;
                  const [r, g, b, a] = rgba(getComputedStyle(el).color);
                  const bg = behind(el);
                  const fg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
                  const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
                  const ratio = (l1 + 0.05) / (l2 + 0.05);
                  if (ratio < 4.5) out.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${el.textContent.slice(0, 30)}"`);
                }
                return out;
            }""")
            check("every text has at least 4.5:1 contrast on what is behind it", not low, low[:8])
            check("every chart is an image with a name", page.evaluate(
                "[...document.querySelectorAll('svg.chart')].every((s) => s.getAttribute('role') === 'img' && s.getAttribute('aria-label'))"))
            check("the page logged no error and asked for nothing", not logs and not requests, logs + requests)
            if screenshot:
                # One picture per view: SCREENSHOT (the errors), and -figures, -types, -confusion and
                # -documents beside it.
                stem, ext = os.path.splitext(screenshot)
                page.select_option("#scheme", "strict")
                for name, section in [("-figures", "headline"), ("-types", "types"), ("-confusion", "confusion"),
                                      ("-documents", "documents")]:
                    page.evaluate(f"document.getElementById('{section}').scrollIntoView()")
                    page.screenshot(path=stem + name + ext, full_page=False)
                page.fill("#error-doc", "story")
                page.evaluate("document.getElementById('errors').scrollIntoView()")
                page.screenshot(path=screenshot, full_page=False)
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
