#!/usr/bin/env python3
"""The HTML score report at scale: what --html adds to a scoring run, and how fast the page opens.

    python3 scripts/bench-report.py DIR [--runs 5]

A benchmark, not a test. DIR is a corpus with gold.jsonl and pred.jsonl beside attest.xml, as
`scripts/bench-vs-anchors.py --keep DIR` leaves it (the shipped gold copied to 10,000 documents,
predictions with 8% of mentions left out, 6% retyped, 6% cut by one code point). Needs the release
build and, for the page, `pip install playwright` and /usr/bin/chromium.

Prints, as medians of --runs pairs run in turn: `attest score --json` against the same with `--html`
(what the page costs beyond the scoring run); then, in headless Chromium, from the navigation's start
to the first chart and the error list drawn and painted, and from a jump to the middle of the error
list (End, then Page Up) to that row painted.
"""
import argparse, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATTEST = os.path.join(ROOT, ".build", "release", "attest")


def timed(args, cwd):
    start = time.perf_counter()
    r = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: {r.returncode} {r.stderr[-300:]}")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pred", default="pred.jsonl", help="the predictions in DIR to score")
    args = parser.parse_args()
    folder = args.folder
    plain, html = [], []
    base = [ATTEST, "score", "--pred", args.pred, "--no-gates", "--json", "out.json"]
    for run in range(args.runs + 1):
        a = timed(base, folder)
        b = timed(base + ["--html", "report.html"], folder)
        if run:
            plain.append(a)
            html.append(b)
    size = os.path.getsize(os.path.join(folder, "report.html"))
    page = open(os.path.join(folder, "report.html"), encoding="utf-8").read()
    errors = page.count('{"a":')
    print(f"attest score --json: {statistics.median(plain):.3f} s; with --html: {statistics.median(html):.3f} s "
          f"(+{statistics.median(html) - statistics.median(plain):.3f} s, medians of {args.runs}); "
          f"the page: {size / 1e6:.1f} MB, {errors} errors")
    from playwright.sync_api import sync_playwright
    probe = """
    window.__seen = [];
    new MutationObserver(() => {
      const count = document.getElementById('error-count');
      if (window.__seen.length || !count || !count.textContent || !document.querySelector('#error-list li.row')
          || !document.querySelector('svg.chart')) return;
      const dom = performance.now();
      requestAnimationFrame(() => setTimeout(() => window.__seen.push({ dom, painted: performance.now() })));
    }).observe(document, { subtree: true, childList: true, characterData: true });
    """
    opens, jumps = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for run in range(args.runs + 1):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
            tab = context.new_page()
            tab.add_init_script(probe)
            tab.goto("file://" + os.path.join(os.path.abspath(folder), "report.html"))
            tab.wait_for_function("() => window.__seen.length > 0", timeout=120000)
            if run:
                opens.append(tab.evaluate("window.__seen[0].painted"))
                tab.focus("#error-list")
                t = tab.evaluate("""async () => {
                    const list = document.getElementById('error-list');
                    const start = performance.now();
                    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
                    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
                    const middle = performance.now();
                    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }));
                    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
                    return [middle - start, performance.now() - middle];
                }""")
                jumps.append(t[0])
            context.close()
        browser.close()
    print(f"the page opened offline, navigation to the first chart and the error list painted: "
          f"{', '.join(f'{x:.0f}' for x in opens)} ms, median {statistics.median(opens):.0f} ms")
    print(f"End in the error list to the last row painted: {', '.join(f'{x:.0f}' for x in jumps)} ms, "
          f"median {statistics.median(jumps):.0f} ms")


if __name__ == "__main__":
    main()
