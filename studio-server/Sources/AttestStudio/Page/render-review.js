// @ts-check
// Review mode's panel: what became of each span of the gold and the prediction, counted as
// `attest score --errors` counts them, each kind with the style it has in the article.

/** Every kind of review mark, in the order the panel lists them. */
export const REVIEW_KINDS = ["correct", "missed", "spurious", "type", "boundary", "boundary+type", "correct-quote", "missed-quote", "spurious-quote", "quote-boundary", "speaker"];

/**
 * @param {HTMLElement} panel
 * @param {import("./types.js").Review | null} r
 */
export function renderReview(panel, r) {
  panel.replaceChildren();
  if (!r) { panel.textContent = "Press r (or choose a prediction file) to compare a prediction with this annotation."; return; }
  const head = document.createElement("div");
  head.textContent = `${r.source}: ${r.errors} error(s)`;
  head.id = "review-errors";
  panel.append(head);
  const table = document.createElement("table");
  for (const kind of REVIEW_KINDS) {
    const marked = r.marks.filter((m) => m.review === kind).length;
    const counted = kind.startsWith("correct") ? marked : r.counts[kind] || 0;
    if (!counted && !marked) continue;
    const row = table.insertRow();
    row.dataset.review = kind;
    const swatch = document.createElement("mark");
    swatch.className = `review ${kind.replace("+", "-")}`;
    swatch.textContent = kind;
    row.insertCell().append(swatch);
    row.insertCell().textContent = String(counted);
  }
  panel.append(table);
  for (const d of r.diagnostics) {
    const p = document.createElement("div");
    p.className = d.severity;
    p.textContent = `${d.message} [${d.rule}]`;
    panel.append(p);
  }
}
