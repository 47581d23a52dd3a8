// @ts-check
// Who is using the page and their queue; in curation, the decisions with both annotators' versions.

import { token } from "./boot.js";
import { actionButton, bdi, byId } from "./dom.js";

/** @typedef {import("./types.js").State} State */

/** @param {State} state */
export function renderUser(state) {
  const line = byId("user");
  const me = state.me;
  line.hidden = !me || me.role === "local";
  // The team's agreement page: a curator's (annotators annotate blind).
  const agreement = byId("agreement-link");
  agreement.hidden = me?.role !== "curator";
  agreement.setAttribute("href", token ? `/agreement?token=${encodeURIComponent(token)}` : "/agreement");
  if (!me || me.role === "local") return;
  const p = me.progress;
  line.replaceChildren(bdi(me.name || ""), ` · ${me.role}`);
  if (p) line.append(` · ${p.done.length} of ${p.assigned} done${p.next ? ` · next: ${p.next}` : ""}`);
  byId("next-document").hidden = !p;
  byId("curate").hidden = me.role !== "curator";
}

/**
 * The decisions panel: each with A's and B's versions and a button for each side; the focused one marked.
 * @param {State} state
 * @param {{ take(side: "a" | "b", index?: number): unknown }} actions
 */
export function renderCuration(state, actions) {
  const panel = byId("curation-panel");
  const heading = byId("curation-heading");
  const c = state.curation;
  panel.hidden = heading.hidden = !c;
  panel.replaceChildren();
  if (!c) return;
  const settled = c.decisions.filter((d) => d.taken).length;
  const head = document.createElement("p");
  head.id = "curation-progress";
  head.textContent = `${settled} of ${c.decisions.length} decisions settled (A: ${c.annotators[0]}, B: ${c.annotators[1]}); agreed: ${c.agreed.mentions} mentions, ${c.agreed.quotes} quotes.`;
  panel.append(head);
  const list = document.createElement("ol");
  list.id = "decisions";
  c.decisions.forEach((d, i) => {
    const li = document.createElement("li");
    li.dataset.index = String(i);
    li.className = `decision-item${i === c.focus ? " focused" : ""}${d.taken ? " settled" : ""}`;
    if (i === c.focus) li.setAttribute("aria-current", "true");
    const what = document.createElement("div");
    what.append(`#${i + 1} ${d.kind}${d.taken ? ` — taken: ${c.annotators[d.taken === "a" ? 0 : 1]}` : ""}`);
    const a = document.createElement("div");
    a.append(`A (${c.annotators[0]}): `, bdi(d.a));
    const b = document.createElement("div");
    b.append(`B (${c.annotators[1]}): `, bdi(d.b));
    const takeA = actionButton(`Take A (a)`, () => actions.take("a", i), "take");
    takeA.setAttribute("aria-label", `Take ${c.annotators[0]}'s version of decision ${i + 1}`);
    const takeB = actionButton(`Take B (b)`, () => actions.take("b", i), "take");
    takeB.setAttribute("aria-label", `Take ${c.annotators[1]}'s version of decision ${i + 1}`);
    if (i === c.focus) { takeA.setAttribute("aria-keyshortcuts", "a"); takeB.setAttribute("aria-keyshortcuts", "b"); }
    li.append(what, a, b, takeA, takeB);
    list.append(li);
  });
  panel.append(list);
}
