// Attest studio: the page. Offsets are Unicode code points, as in the files;
// JavaScript strings count UTF-16 units, so every offset is converted here.
// Text from articles is only ever set as textContent, never parsed as HTML.

const token = new URLSearchParams(location.search).get("token");
const headers = (extra = {}) => (token ? { ...extra, Authorization: `Bearer ${token}` } : extra);
const $ = (id) => document.getElementById(id);
const KEYS = { PERSON: "p", ORG: "o", LOC: "l" };

const state = { id: null, doc: null, selected: null, suggestions: [], focus: -1, review: null, timings: [] };
window.attestStudio = state;

async function api(method, path, body, version, raw) {
  const extra = body === undefined ? {} : { "Content-Type": "application/json" };
  if (version) extra["If-Match"] = `"${version}"`;
  const payload = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
  // A network failure or an answer that is not JSON (a proxy's error page) is an error of the API's
  // shape, so every caller shows it like any other refusal, and nothing the user did is dropped silently.
  let response;
  try {
    response = await fetch(path, { method, headers: headers(extra), body: payload });
  } catch (error) {
    return { status: 0, data: { error: { code: "network", message: `the server cannot be reached (${error && error.message ? error.message : error}); nothing was saved` } } };
  }
  try {
    return { status: response.status, data: await response.json() };
  } catch (error) {
    return { status: response.status, data: { error: { code: "not-json", message: `the server answered ${response.status} without JSON; nothing was saved` } } };
  }
}

function say(text) { $("message").textContent = text; }

// Timings of the latest opens, renders and edits (the browser tests read them); the oldest go.
function time(entry) {
  state.timings.push(entry);
  if (state.timings.length > 500) state.timings.splice(0, state.timings.length - 500);
}

async function loadList() {
  const { data } = await api("GET", "/api/documents");
  const list = $("documents");
  list.replaceChildren();
  const filter = $("filter").value.toLowerCase();
  // Progress of the corpus: how many documents are gold.
  const gold = data.documents.filter((d) => d.status === "gold").length;
  const total = data.documents.length;
  $("progress").textContent = `${gold} of ${total} gold (${total ? Math.round((100 * gold) / total) : 0}%)`;
  for (const d of data.documents) {
    if (filter && !d.id.toLowerCase().includes(filter) && !(d.status || "").includes(filter)) continue;
    const li = document.createElement("li");
    li.dataset.id = d.id;
    // A button, so the list is reached and used from the keyboard like any control.
    const open = document.createElement("button");
    open.className = "document";
    open.append(bdi(d.id));
    open.setAttribute("aria-current", d.id === state.id ? "page" : "false");
    open.addEventListener("click", () => openDocument(d.id));
    li.append(open);
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = d.error ? "unreadable" : `${d.stale ? "stale: article changed, realign · " : ""}${d.status} · ${d.mentions} mentions · ${d.quotes} quotes`;
    if (d.stale) li.classList.add("stale");
    li.append(meta);
    if (d.id === state.id) li.classList.add("current");
    list.append(li);
  }
}

// The current document's line in the list, from the document in hand (no request).
function updateListEntry() {
  const li = document.querySelector(`#documents li[data-id="${CSS.escape(state.id)}"] .meta`);
  if (!li) return;
  const a = state.doc.annotation;
  li.textContent = `${a.status} · ${a.entities.reduce((n, e) => n + e.mentions.length, 0)} mentions · ${a.quotes.length} quotes`;
}

async function openDocument(id) {
  const started = performance.now();
  const { status, data } = await api("GET", `/api/documents/${encodeURIComponent(id)}`);
  if (status === 409 && data.error.code === "stale") return offerRealign(id, data.error);
  if (status !== 200) { say(data.error.message); return; }
  state.id = id;
  state.selected = null;
  state.suggestions = [];
  state.review = null;
  show(data);
  time({ what: "open", ms: performance.now() - started });
  loadList();
}

// A stale document (its article edited since it was annotated): the annotations are carried
// across by the API's realign (what `attest realign` does); then the spans to check are listed.
function offerRealign(id, error) {
  const message = $("message");
  message.replaceChildren(`${id}: ${error.message}. `);
  const button = document.createElement("button");
  button.id = "realign";
  button.textContent = `Realign ${id}`;
  button.addEventListener("click", async () => {
    const { status, data } = await api("POST", `/api/documents/${encodeURIComponent(id)}/realign`, undefined, error.version);
    if (status !== 200) return say(data.error.message);
    state.id = id;
    state.selected = null;
    state.suggestions = [];
    state.review = null;
    show(data);
    showFindings(data.findings || []);
    loadList();
  });
  message.append(button);
  button.focus();
}

// What realignment could not carry across with certainty, each focusable, in the Diagnostics list.
function showFindings(findings) {
  const list = $("diagnostics");
  for (const f of [...findings].reverse()) {
    const li = document.createElement("li");
    li.className = "warning finding";
    li.tabIndex = 0;
    li.textContent = `check: ${f}`;
    list.prepend(li);
  }
  say(findings.length ? `Realigned: ${findings.length} span(s) to check, listed under Diagnostics.` : "Realigned: every annotation was carried across exactly.");
}

function show(doc) {
  const sameText = state.doc && state.doc.text === doc.text;
  state.doc = doc;
  if (!sameText) { state.chars = Array.from(doc.text); state.lines = null; }
  $("title").textContent = doc.id;
  $("status").textContent = doc.annotation.status === "gold" ? "Back to draft" : "Mark gold";
  if (!sameText) renderTypes();
  renderArticle();
  renderSide();
}

function renderTypes() {
  const bar = $("types");
  bar.replaceChildren();
  let digit = 1;
  for (const type of state.doc.types) {
    const key = KEYS[type] || String(digit++);
    const button = document.createElement("button");
    button.className = "type";
    button.dataset.type = type;
    button.dataset.key = key;
    button.setAttribute("aria-keyshortcuts", key);
    button.setAttribute("aria-label", type);
    button.textContent = `${type} (${key})`;
    button.addEventListener("mousedown", (e) => e.preventDefault());
    button.addEventListener("click", () => typeKey(type));
    bar.append(button);
  }
}

function marks() {
  const out = [];
  if (state.review) {
    for (const m of state.review.marks)
      out.push({ id: m.id, start: m.start, end: m.end, kind: "review", review: m.review, title: m.title, rank: m.review.includes("quote") || m.review === "speaker" ? 0 : 2 });
    return out.sort((x, y) => x.start - y.start || y.end - x.end || x.rank - y.rank);
  }
  const a = state.doc.annotation;
  // Every mark says what it is in text (a label drawn beside it, outside the text flow and the
  // selection), so nothing is told by colour alone: a mention its type; a quote its number, its
  // speaker entity's name and its kind; a speaker or cue the number of its quote.
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  for (const e of a.entities) e.mentions.forEach((m, i) =>
    out.push({ id: m.id, start: m.start, end: m.end, kind: "mention", type: e.type, entity: e.id, rank: 2, label: e.type, name: `${e.type} ${e.name}, mention ${i + 1} of ${e.mentions.length}` }));
  for (const q of a.quotes) {
    const who = q["speaker-entity"] ? names.get(q["speaker-entity"]) || q["speaker-entity"] : "no speaker entity";
    out.push({ id: q.id, start: q.content.start, end: q.content.end, kind: "content", rank: 0, quote: q.id, label: `${q.id} · ${who} · ${q.kind}`, name: `quote ${q.id}, ${q.kind}, speaker ${who}` });
    if (q.speaker) out.push({ id: `${q.id}.speaker`, start: q.speaker.start, end: q.speaker.end, kind: "speaker", rank: 1, quote: q.id, label: `${q.id} speaker`, name: `speaker of quote ${q.id}` });
    if (q.cue) out.push({ id: `${q.id}.cue`, start: q.cue.start, end: q.cue.end, kind: "cue", rank: 1, quote: q.id, label: `${q.id} cue`, name: `cue of quote ${q.id}` });
  }
  state.suggestions.forEach((s, i) => out.push({ id: `s${i}`, start: s.start, end: s.end, kind: "suggestion", type: s.type, rank: 3, index: i, label: s.type === "quote" ? `suggested ${s.kind} quote${s.speaker ? ` · speaker “${s.speaker.text}”` : ""}` : `suggested ${s.type}` }));
  return out.sort((x, y) => x.start - y.start || y.end - x.end || x.rank - y.rank);
}

// The article is drawn line by line: each line is an element of its own, so an
// edit redraws only the lines whose marks changed, and a selection's offset is
// counted from its line's start, not from the top of the article.
function lineStarts() {
  if (state.lines) return state.lines;
  const starts = [0];
  state.chars.forEach((c, i) => { if (c === "\n" && i + 1 < state.chars.length) starts.push(i + 1); });
  state.lines = starts;
  return starts;
}

function lineOf(offset) {
  const starts = lineStarts();
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
  return lo;
}

function renderArticle() {
  const started = performance.now();
  const root = $("article");
  const starts = lineStarts();
  const buckets = starts.map(() => []);
  for (const m of marks()) {
    if (m.end <= m.start) { buckets[lineOf(m.start)].push(m); continue; }
    for (let l = lineOf(m.start), last = lineOf(m.end - 1); l <= last; l++) buckets[l].push(m);
  }
  const signature = (list) => list.map((m) => `${m.id}|${m.start}|${m.end}|${m.kind}|${m.type || ""}|${m.review || ""}|${m.label || ""}|${m.name || ""}`).join(" ");
  const full = !state.drawn || state.drawn.chars !== state.chars || root.children.length !== starts.length;
  if (full) {
    const fragment = document.createDocumentFragment();
    const signatures = [];
    starts.forEach((s, l) => { fragment.append(renderLine(l, buckets[l])); signatures.push(signature(buckets[l])); });
    root.replaceChildren(fragment);
    state.drawn = { chars: state.chars, signatures };
  } else {
    starts.forEach((s, l) => {
      const sig = signature(buckets[l]);
      if (sig === state.drawn.signatures[l]) return;
      root.children[l].replaceWith(renderLine(l, buckets[l]));
      state.drawn.signatures[l] = sig;
    });
  }
  highlight();
  time({ what: "render", ms: performance.now() - started, full });
}

function renderLine(l, list) {
  const chars = state.chars;
  const starts = lineStarts();
  const from = starts[l], to = l + 1 < starts.length ? starts[l + 1] : chars.length;
  const line = document.createElement("span");
  line.className = "line";
  line.dataset.offset = from;
  const stack = [{ node: line, end: to }];
  let at = from;
  const text = (a, b) => { if (b > a) stack[stack.length - 1].node.append(chars.slice(a, b).join("")); };
  for (const m of list) {
    const start = Math.max(m.start, from);
    while (stack.length > 1 && stack[stack.length - 1].end <= start) {
      const end = stack[stack.length - 1].end;
      text(at, end); at = Math.max(at, end);
      stack.pop();
    }
    text(at, start); at = Math.max(at, start);
    const end = Math.min(m.end, stack[stack.length - 1].end); // a crossing mark is clipped
    const el = document.createElement("mark");
    el.className = m.kind === "review" ? `review ${m.review.replace("+", "-")}` : m.kind;
    el.dataset.id = m.id;
    el.dataset.start = m.start;
    el.dataset.end = m.end;
    el.dataset.kind = m.kind;
    if (m.type) el.dataset.type = m.type;
    if (m.entity) el.dataset.entity = m.entity;
    if (m.label) el.dataset.label = m.label;
    // Named for screen readers; n / N give one mark at a time a tabindex and the focus (a mark
    // that is always focusable would stop a mouse drag from selecting text in it).
    if (m.name) el.setAttribute("aria-label", `${m.name}: ${chars.slice(m.start, m.end).join("")}`);
    if (m.quote) el.dataset.quote = m.quote;
    if (m.review) el.dataset.review = m.review;
    if (m.kind === "suggestion") el.dataset.index = m.index;
    el.title = m.title || (m.type ? `${m.type} ${m.entity || "suggestion"}` : `${m.kind} ${m.quote}`);
    stack[stack.length - 1].node.append(el);
    stack.push({ node: el, end });
  }
  while (stack.length > 1) { const end = stack[stack.length - 1].end; text(at, end); at = Math.max(at, end); stack.pop(); }
  text(at, to);
  return line;
}

function renderSide() {
  const diags = $("diagnostics");
  diags.replaceChildren();
  for (const d of state.doc.diagnostics) {
    const li = document.createElement("li");
    li.className = d.severity;
    li.textContent = `${d.message} [${d.rule}]`;
    diags.append(li);
  }
  if (!state.doc.diagnostics.length) { const li = document.createElement("li"); li.textContent = "None."; diags.append(li); }
  renderQuoteList();
  const list = $("entities");
  list.replaceChildren();
  const owner = state.selected && state.selected.kind === "mention"
    ? state.doc.annotation.entities.find((e) => e.mentions.some((m) => m.id === state.selected.id)) : null;
  const wanted = $("entity-filter").value.trim().toLowerCase();
  for (const e of state.doc.annotation.entities) {
    if (wanted && !`${e.name} ${e.type} ${e.id}`.toLowerCase().includes(wanted)) continue;
    const li = document.createElement("li");
    li.dataset.entity = e.id;
    const label = document.createElement("span");
    label.append(`${e.type} “`, bdi(e.name), `” ${e.id} (${e.mentions.length}) `);
    li.append(label);
    const button = (text, action) => li.append(actionButton(text, action));
    button("Rename", () => renameEntity(li, e));
    if (owner && owner.id === e.id && e.mentions.length > 1) button("Split off the selected mention", () => splitMention(state.selected.id, e));
    // Only entities of the mention's type: a move never retypes silently (retype the mention first).
    if (owner && owner.id !== e.id && owner.type === e.type) {
      button("Move here", () => moveMention(state.selected.id, owner, e));
      button(`Merge “${visible(owner.name)}” into this`, () => send([{ op: "merge-entities", target: e.id, sources: [owner.id] }], `${owner.id} merged into ${e.id}`));
    }
    list.append(li);
  }
  renderReview();
  const sel = $("selected");
  if (!state.selected) { sel.textContent = "Nothing selected."; return; }
  const s = state.selected;
  const quote = s.kind === "quote" ? state.doc.annotation.quotes.find((q) => q.id === s.id) : null;
  if (quote) return renderQuotePanel(sel, quote);
  sel.replaceChildren();
  const line = document.createElement("div");
  const text = document.createElement("bdi");
  text.textContent = visible(state.chars.slice(s.start, s.end).join(""));
  const entity = s.kind === "mention" ? state.doc.annotation.entities.find((e) => e.mentions.some((m) => m.id === s.id)) : null;
  line.append(`${s.kind} ${s.id} [${s.start},${s.end}) “`, text, "”", entity ? ` — ${entity.type} ` : "", entity ? bdi(entity.name) : "", entity ? ` (${entity.mentions.length} mention(s))` : "", s.title ? " — " + s.title : "");
  sel.append(line);
}

// Zero-width and bidi control characters of names and texts, made visible in the panels.
function visible(text) {
  return text.replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu, (c) => `⟨U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

function bdi(text) {
  const el = document.createElement("bdi");
  el.textContent = visible(text);
  return el;
}

// The selected quote, everything it has, each part editable: kind, speaker span, speaker entity
// (how a pronoun speaker is attributed, without touching the span), cue.
function renderQuotePanel(panel, q) {
  panel.replaceChildren();
  const a = state.doc.annotation;
  const part = (label, excerpt) => {
    const row = document.createElement("div");
    row.className = "quote-part";
    row.append(`${label}: `);
    if (excerpt) row.append("“", bdi(excerpt.text), `” [${excerpt.start},${excerpt.end})`); else row.append("none");
    panel.append(row);
    return row;
  };
  const head = document.createElement("div");
  head.append(`quote ${q.id}`);
  panel.append(head);
  part("Content", q.content);

  const kindRow = document.createElement("label");
  kindRow.className = "quote-part";
  kindRow.append("Kind ");
  const kind = document.createElement("select");
  kind.id = "quote-kind";
  kind.setAttribute("aria-label", "Kind");
  for (const k of ["direct", "indirect", "mixed"]) { const o = document.createElement("option"); o.value = k; o.textContent = k; kind.append(o); }
  kind.value = q.kind;
  kind.addEventListener("change", () => send([{ op: "set-quote-kind", quote: q.id, kind: kind.value }], `${q.id} is now ${kind.value}`).then(() => reselect(q.id)));
  kindRow.append(kind);
  panel.append(kindRow);

  const speaker = part("Speaker", q.speaker);
  if (q.speaker) speaker.append(" ", actionButton("Remove speaker", () => removePart(q.id, "speaker")));

  const whoRow = document.createElement("label");
  whoRow.className = "quote-part";
  whoRow.append("Speaker entity ");
  const who = document.createElement("select");
  who.id = "speaker-entity";
  who.setAttribute("aria-label", "Speaker entity");
  const none = document.createElement("option");
  none.value = "";
  none.textContent = "none";
  who.append(none);
  for (const e of [...a.entities].sort((x, y) => x.name.localeCompare(y.name))) {
    const o = document.createElement("option");
    o.value = e.id;
    o.textContent = `${visible(e.name)} (${e.type}, ${e.id})`;
    who.append(o);
  }
  who.value = q["speaker-entity"] || "";
  who.addEventListener("change", () => send([{ op: "set-speaker-entity", quote: q.id, entity: who.value || null }], who.value ? `${q.id} attributed to ${who.value}` : `${q.id} has no speaker entity`).then(() => reselect(q.id)));
  whoRow.append(who);
  panel.append(whoRow);

  const cue = part("Cue", q.cue);
  if (q.cue) cue.append(" ", actionButton("Remove cue", () => removePart(q.id, "cue")));
  const keys = document.createElement("div");
  keys.className = "quote-part";
  keys.append(actionButton("Remove quote", () => { state.selected = null; return send([{ op: "remove", ids: [q.id] }], `${q.id} removed`); }));
  keys.append(" s: speaker from the selection · c: cue from the selection · Delete on the speaker or cue removes only it");
  panel.append(keys);
}

function actionButton(text, action) {
  const b = document.createElement("button");
  b.textContent = text;
  b.className = "entity-action";
  b.addEventListener("mousedown", (ev) => ev.preventDefault());
  b.addEventListener("click", action);
  return b;
}

// After a change from the quote panel, the quote stays selected.
function reselect(quote) {
  if (!state.doc.annotation.quotes.some((q) => q.id === quote)) return;
  state.selected = { id: quote, kind: "quote", part: "content", ...spanOf(quote) };
  state.activeQuote = state.selected;
  highlight();
  renderSide();
}

// Every quote in document order, with what it lacks; click or Enter selects it in the article.
function renderQuoteList() {
  const list = $("quotes");
  list.replaceChildren();
  const a = state.doc.annotation;
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  const filter = $("quote-filter").value;
  const quotes = [...a.quotes].sort((x, y) => x.content.start - y.content.start);
  let shown = 0;
  for (const q of quotes) {
    const lacks = [];
    if (!q.speaker) lacks.push("no speaker");
    if (!q["speaker-entity"]) lacks.push("no speaker entity");
    if (!q.cue) lacks.push("no cue");
    if (filter && !lacks.includes(filter)) continue;
    shown++;
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.className = "quote-item";
    b.dataset.quote = q.id;
    const who = q["speaker-entity"] ? names.get(q["speaker-entity"]) || q["speaker-entity"] : "—";
    b.append(`${q.id} · ${q.kind} · `, bdi(who), ` · “`, bdi(q.content.text.length > 50 ? q.content.text.slice(0, 50) + "…" : q.content.text), "”");
    if (q.cue) b.append(` · cue “`, bdi(q.cue.text), "”");
    if (lacks.length) b.append(` · ⚠ ${lacks.join(", ")}`);
    b.setAttribute("aria-current", state.selected && state.selected.kind === "quote" && state.selected.id === q.id ? "true" : "false");
    b.addEventListener("click", () => {
      const mark = $("article").querySelector(`mark.content[data-quote="${CSS.escape(q.id)}"]`);
      if (mark) { select(mark); mark.scrollIntoView({ block: "center" }); }
    });
    li.append(b);
    list.append(li);
  }
  $("quote-count").textContent = `${shown} of ${quotes.length}`;
}

function renameEntity(li, entity) {
  const input = document.createElement("input");
  input.value = entity.name;
  input.setAttribute("aria-label", `New name of ${entity.id}`);
  li.replaceChildren(input);
  input.focus();
  input.select();
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && input.value.trim()) send([{ op: "rename", entity: entity.id, name: input.value.trim() }], `${entity.id} renamed`);
    if (ev.key === "Escape") renderSide();
  });
}

function splitMention(id, entity) {
  const mention = entity.mentions.find((m) => m.id === id);
  return send([{ op: "split-entity", entity: entity.id, mentions: [id], name: mention.text }], `${id} split off ${entity.id} into an entity of its own`);
}

// Review mode: a prediction against this document's annotation, each span marked
// with what became of it; the counts are those of `attest score --errors`.
const REVIEW_KINDS = ["correct", "missed", "spurious", "type", "boundary", "boundary+type", "correct-quote", "missed-quote", "spurious-quote", "quote-boundary", "speaker"];

function renderReview() {
  const panel = $("review-panel");
  panel.replaceChildren();
  const r = state.review;
  if (!r) { panel.textContent = "Press r (or choose a prediction file) to compare a prediction with this annotation."; return; }
  const head = document.createElement("div");
  head.textContent = `${r.source}: ${r.errors} error(s)`;
  head.id = "review-errors";
  panel.append(head);
  const table = document.createElement("table");
  for (const kind of REVIEW_KINDS) {
    const marked = r.marks.filter((m) => m.review === kind).length;
    const counted = kind.startsWith("correct") ? marked : (r.counts[kind] || 0);
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
  for (const d of r.diagnostics) { const p = document.createElement("div"); p.className = d.severity; p.textContent = `${d.message} [${d.rule}]`; panel.append(p); }
}

async function review() {
  if (state.review) { state.review = null; say("Review closed."); renderArticle(); renderSide(); return; }
  const file = $("pred-file").files[0];
  const path = `/api/documents/${encodeURIComponent(state.id)}/review`;
  const { status, data } = file
    ? await api("POST", `${path}?name=${encodeURIComponent(file.name)}`, null, undefined, await file.text())
    : await api("GET", path);
  if (status !== 200) return say(data.error.message);
  state.review = data;
  state.selected = null;
  state.suggestions = [];
  state.focus = -1;
  renderArticle();
  renderSide();
  say(`Review of ${data.source}: ${data.errors} error(s). r closes it.`);
}

// The verb attest move runs: the server re-attributes the quotes the mention speaks and removes an emptied entity.
function moveMention(id, from, to) {
  return send([{ op: "move", mentions: [id], entity: to.id }], `${id} moved to ${to.id}`);
}

function select(el) {
  if (el.dataset.kind === "review") {
    state.selected = { id: el.dataset.id, kind: "review", start: Number(el.dataset.start), end: Number(el.dataset.end), title: el.title };
    highlight(); renderSide(); return;
  }
  if (el.dataset.kind === "suggestion") { state.focus = Number(el.dataset.index); state.selected = null; highlight(); return; }
  state.selected = { id: el.dataset.quote && el.dataset.kind !== "mention" ? el.dataset.quote : el.dataset.id, kind: el.dataset.kind === "mention" ? "mention" : "quote", part: el.dataset.kind, start: Number(el.dataset.start), end: Number(el.dataset.end) };
  if (state.selected.kind === "quote") state.activeQuote = state.selected;
  highlight();
  renderSide();
}

function highlight() {
  const root = $("article");
  for (const el of root.querySelectorAll("mark.selected, mark.linked, mark.focused")) el.classList.remove("selected", "linked", "focused");
  const s = state.selected;
  if (s && s.kind === "mention") {
    // The selected mention, and every other mention of its entity.
    const entity = root.querySelector(`mark.mention[data-id="${CSS.escape(s.id)}"]`)?.dataset.entity;
    if (entity) for (const el of root.querySelectorAll(`mark.mention[data-entity="${CSS.escape(entity)}"]`)) el.classList.add("linked");
    for (const el of root.querySelectorAll(`mark.mention[data-id="${CSS.escape(s.id)}"]`)) { el.classList.remove("linked"); el.classList.add("selected"); }
  }
  if (s && s.kind === "quote") for (const el of root.querySelectorAll(`mark[data-quote="${CSS.escape(s.id)}"]`)) el.classList.add(el.dataset.kind === "content" ? "selected" : "linked");
  if (s && s.kind === "review") for (const el of root.querySelectorAll(`mark.review[data-start="${s.start}"][data-end="${s.end}"]`)) el.classList.add("selected");
  if (state.focus >= 0) for (const el of root.querySelectorAll(`mark.suggestion[data-index="${state.focus}"]`)) el.classList.add("focused");
}

// The selection as code-point offsets into the article, trimmed of white space.
function selection() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const root = $("article");
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  // Counted from the start of the line the boundary is in (each line knows its offset).
  const offset = (container, unit) => {
    const element = container.nodeType === Node.TEXT_NODE ? container.parentNode : container;
    const line = element.closest(".line");
    const probe = document.createRange();
    probe.setStart(line || root, 0);
    probe.setEnd(container, unit);
    return (line ? Number(line.dataset.offset) : 0) + Array.from(probe.toString()).length;
  };
  let start = offset(range.startContainer, range.startOffset);
  let end = offset(range.endContainer, range.endOffset);
  while (start < end && /\s/u.test(state.chars[start])) start++;
  while (end > start && /\s/u.test(state.chars[end - 1])) end--;
  return end > start ? { start, end, text: state.chars.slice(start, end).join("") } : null;
}

// The round trip is timed from the key press (or click) to the marks redrawn.
// On 409 (changed elsewhere) the newer version is loaded and the same change sent once more on
// it: nothing typed is lost; a change that no longer applies is named with why.
async function send(edits, what, retried = false) {
  const started = state.keyAt !== undefined ? state.keyAt : performance.now();
  state.keyAt = undefined;
  const { status, data } = await api("POST", `/api/documents/${encodeURIComponent(state.id)}/edits`, edits, state.doc.version);
  if (status === 200) {
    const answered = performance.now();
    show(data);
    const drawn = performance.now();
    time({ what: "edit", ms: drawn - started, request: answered - started, redraw: drawn - answered });
    say(`${what}${data.notes && data.notes.length ? " — " + data.notes.join("; ") : ""}`);
    updateListEntry();
    return true;
  }
  if (status === 409 && !retried) {
    await openDocument(state.id);
    const again = await send(edits, what, true);
    if (again) say(`${what} — the document had changed elsewhere: reloaded the newer version and applied your change on it`);
    return again;
  }
  if (retried) {
    const details = (data.error.diagnostics || []).map((d) => d.message).join("; ");
    say(`The document had changed elsewhere and was reloaded; your change (${what}) no longer applies: ${data.error.message}${details ? " — " + details : ""}. Make it again if you still want it.`);
    return false;
  }
  const details = (data.error.diagnostics || []).map((d) => d.message).join("; ");
  say(`Not saved: ${data.error.message}${details ? " — " + details : ""}`);
  return false;
}

// The edit attest entity applies: the server finds the entity (same type and name) or makes one, and gives the ids.
// The edit that accepts suggestions: mentions as attest entity adds them, a quote with its parts.
function suggestionEdits(list, type) {
  if (type !== "quote") return mentionEdits(list, type);
  const part = (x) => (x ? { start: x.start, end: x.end, text: x.text } : undefined);
  return list.map((q) => ({ op: "quote", kind: q.kind, content: { start: q.start, end: q.end, text: q.text }, speaker: part(q.speaker), cue: part(q.cue) }));
}

function mentionEdits(spans, type) {
  return [{ op: "annotate", type, spans: spans.map((x) => ({ start: x.start, end: x.end, text: x.text })) }];
}

async function typeKey(type) {
  const span = selection();
  // A type's key on the focused suggestion accepts it with that type.
  if (!span && state.focus >= 0 && state.suggestions[state.focus] && state.suggestions[state.focus].type !== "quote") return acceptSuggestion(type);
  if (span) {
    window.getSelection().removeAllRanges();
    return send(mentionEdits([span], type), `${type} “${span.text}” added`);
  }
  const s = state.selected;
  if (s && s.kind === "mention") {
    const entity = state.doc.annotation.entities.find((e) => e.mentions.some((m) => m.id === s.id));
    if (entity && entity.type !== type) return send([{ op: "retype", entity: entity.id, type }], `${entity.id} is now ${type}`);
  }
  say("Select text first.");
}

async function quoteKey() {
  const span = selection();
  if (!span) return say("Select the quote's content first.");
  window.getSelection().removeAllRanges();
  // The server gives the quote its id.
  const ok = await send([{ op: "quote", kind: $("kind").value, content: { start: span.start, end: span.end, text: span.text } }], `quote added: now select its speaker and press s, its cue and press c`);
  const made = ok && state.doc.annotation.quotes.find((q) => q.content.start === span.start && q.content.end === span.end);
  if (made) { state.selected = { id: made.id, kind: "quote", start: span.start, end: span.end }; state.activeQuote = state.selected; highlight(); renderSide(); say(`quote ${made.id} added: now select its speaker and press s, its cue and press c`); }
}

// The speaker or cue of the selected quote: the selected text, or — for the quote last
// selected — a mention clicked after it (its entity then becomes the speaker entity).
async function partKey(part) {
  let s = state.selected;
  let span = selection();
  if (!span && s && s.kind === "mention" && state.activeQuote) {
    span = { start: s.start, end: s.end, text: state.chars.slice(s.start, s.end).join("") };
    s = state.activeQuote;
  }
  if (!s || s.kind !== "quote" || !span) return say("Select a quote (click it), then select text (or click a mention) and press s or c.");
  window.getSelection().removeAllRanges();
  const op = part === "speaker" ? "set-speaker" : "set-cue";
  const keep = s;
  await send([{ op, quote: s.id, [part]: { start: span.start, end: span.end, text: span.text } }], `${part} of ${s.id} set`);
  state.selected = keep; highlight(); renderSide();
}

// Delete on a quote's speaker or cue removes only that part; on its content, the quote.
async function removeSelected() {
  const s = state.selected;
  if (!s) return;
  if (s.kind === "quote" && (s.part === "speaker" || s.part === "cue")) return removePart(s.id, s.part);
  // attest remove's edit: the server removes an emptied entity unless a quote names it.
  state.selected = null;
  await send([{ op: "remove", ids: [s.id] }], `${s.id} removed`);
}

async function removePart(quote, part) {
  const ok = await send([{ op: part === "speaker" ? "set-speaker" : "set-cue", quote, [part]: null }], `${part} of ${quote} removed`);
  if (ok) reselect(quote);
}

function spanOf(quote) {
  const q = state.doc.annotation.quotes.find((x) => x.id === quote);
  return q ? { start: q.content.start, end: q.content.end } : { start: 0, end: 0 };
}

async function suggest() {
  // A POST: asking for suggestions runs a program, so it is never a GET another site could trigger.
  const extractor = $("extractor").value;
  const { status, data } = await api("POST", `/api/documents/${encodeURIComponent(state.id)}/suggestions?extractor=${encodeURIComponent(extractor)}`, {});
  if (status !== 200) return say(data.error.message);
  state.extractor = extractor;
  const taken = new Set(state.doc.annotation.entities.flatMap((e) => e.mentions.map((m) => `${m.start}:${m.end}`)));
  // A quote suggestion over an existing quote's content would be a near duplicate: not shown.
  const quoted = state.doc.annotation.quotes.map((q) => q.content);
  const overlapsQuote = (q) => quoted.some((c) => q.content.start < c.end && c.start < q.content.end);
  // Mentions and quotes (content, speaker, cue, kind) in text order; a quote is accepted as one change.
  const quotes = (data.quotes || [])
    .filter((q) => !overlapsQuote(q))
    .map((q) => ({ start: q.content.start, end: q.content.end, text: q.content.text, type: "quote", kind: q.kind, speaker: q.speaker, cue: q.cue }));
  state.suggestions = [...data.mentions.filter((m) => !taken.has(`${m.start}:${m.end}`)), ...quotes].sort((x, y) => x.start - y.start || x.end - y.end);
  state.focus = state.suggestions.length ? 0 : -1;
  renderArticle();
  if (state.suggestions.length) showSuggestion();
  else say(`No suggestions left${data.rejected ? ` (${data.rejected} rejected before)` : ""}.`);
}

async function acceptSuggestion(as) {
  const s = state.suggestions[state.focus];
  if (!s) return;
  const type = as || s.type;
  const rest = state.suggestions.filter((_, i) => i !== state.focus);
  const ok = await send(suggestionEdits([s], type), `accepted ${type === "quote" ? `${s.kind} quote` : type} “${s.text}”${type !== s.type ? ` (suggested as ${s.type})` : ""}`);
  if (ok) { state.suggestions = rest; state.focus = rest.length ? Math.min(state.focus, rest.length - 1) : -1; renderArticle(); showSuggestion(); }
}

// The focused suggestion: scrolled into view, and said with its type and how many are left.
function showSuggestion() {
  const s = state.suggestions[state.focus];
  if (!s) return; // the last one taken: the message says what became of it
  const mark = $("article").querySelector(`mark.suggestion[data-index="${state.focus}"]`);
  if (mark) mark.scrollIntoView({ block: "nearest" });
  say(`Suggestion ${state.focus + 1} of ${state.suggestions.length}: ${s.type === "quote" ? `${s.kind} quote` : s.type} “${s.text}”${s.speaker ? `, speaker “${s.speaker.text}”` : ""}${s.cue ? `, cue “${s.cue.text}”` : ""} — Enter accepts${s.type === "quote" ? "" : ", a type's key accepts with that type"}, Backspace rejects.`);
}

async function acceptAllOfType() {
  const s = state.suggestions[state.focus];
  if (!s) return;
  const type = s.type;
  const chosen = state.suggestions.filter((x) => x.type === type);
  // One transaction, one edit: the server gives the ids.
  const edits = suggestionEdits(chosen, type);
  const rest = state.suggestions.filter((x) => x.type !== type);
  const ok = await send(edits, `accepted ${chosen.length} ${type} suggestion(s)`);
  if (ok) { state.suggestions = rest; state.focus = rest.length ? 0 : -1; renderArticle(); }
}

// A rejection is remembered (per document and extractor, beside the journal): the suggestion is
// not offered again, also after a reload.
async function rejectSuggestion() {
  const s = state.suggestions[state.focus];
  if (!s) return;
  const { status, data } = await api("POST", `/api/documents/${encodeURIComponent(state.id)}/rejections`, { extractor: state.extractor || $("extractor").value, start: s.start, end: s.end, type: s.type });
  if (status !== 200) return say(`Not rejected: ${data.error.message}`);
  state.suggestions.splice(state.focus, 1);
  state.focus = state.suggestions.length ? Math.min(state.focus, state.suggestions.length - 1) : -1;
  renderArticle();
  if (state.suggestions.length) showSuggestion(); else say(`Rejected ${s.type} “${s.text}”; no suggestions left.`);
}

function step(direction) {
  const all = [...$("article").querySelectorAll(state.review ? "mark.review" : "mark.mention, mark.content")];
  if (!all.length) return;
  const current = all.findIndex((el) => el.classList.contains("selected"));
  const next = all[(current + direction + all.length) % all.length];
  select(next);
  for (const el of $("article").querySelectorAll("mark[tabindex]")) el.removeAttribute("tabindex");
  next.tabIndex = 0;
  next.focus();
  next.scrollIntoView({ block: "nearest" });
}

// Undo and redo name the version the page shows: a change made elsewhere meanwhile is never undone unseen.
async function reverse(which) {
  const { status, data } = await api("POST", `/api/documents/${encodeURIComponent(state.id)}/${which}`, undefined, state.doc.version);
  const done = which === "undo" ? data.undone : data.redone;
  if (status === 200 && data.text !== undefined) { state.review = null; show(data); say(`${which === "undo" ? "undid" : "redid"} ${done}`); updateListEntry(); return; }
  if (status === 409 && data.error && data.error.code === "conflict") { await openDocument(state.id); say(`${data.error.message} — reloaded the newer version.`); return; }
  say(data.error ? data.error.message : which);
}

function undo() { return reverse("undo"); }
function redo() { return reverse("redo"); }

async function toggleStatus() {
  const next = state.doc.annotation.status === "gold" ? "draft" : "gold";
  const response = await fetch(`/api/documents/${encodeURIComponent(state.id)}/status`, { method: "PUT", headers: headers({ "Content-Type": "application/json", "If-Match": `"${state.doc.version}"` }), body: JSON.stringify({ status: next }) });
  const data = await response.json();
  if (response.status === 200) { show(data); say(`status ${next}`); loadList(); } else say(data.error.message);
}

// Every key, for the ? overlay (and the README).
const KEY_LIST = [
  ["p, o, l, digits", "add a mention of that type from the selection; on a selected mention, retype it"],
  ["q", "add a quote from the selection (its kind: the toolbar's Quote kind)"],
  ["s / c", "the selection (or a clicked mention) becomes the selected quote's speaker / cue"],
  ["Delete, Backspace", "remove the selected mention or quote; on a speaker or cue, only that part"],
  ["n / N", "focus the next / previous annotation"],
  ["Escape", "clear the selection; close this list"],
  ["x", "ask the extractor for suggestions"],
  ["Enter / Shift+Enter / Backspace", "accept the focused suggestion / all of its type / reject it"],
  ["a type's key on a suggestion", "accept it with that type"],
  ["r", "review a prediction against this annotation"],
  ["Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", "undo / redo"],
  ["?", "show or hide this list"],
];

function toggleKeys() {
  const overlay = $("keys");
  if (!overlay.hidden) { overlay.hidden = true; return; }
  const list = $("key-list");
  list.replaceChildren();
  for (const [key, does] of KEY_LIST) {
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = does;
    list.append(dt, dd);
  }
  overlay.hidden = false;
  $("keys-close").focus();
}

// Single-key shortcuts can be turned off (WCAG 2.1.4); the choice is kept in this browser.
function singleKeysOn() { return $("single-keys").checked; }

document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !$("keys").hidden) { $("keys").hidden = true; return; }
  if (!state.doc || e.target.matches("input, select, textarea")) return;
  if (e.key === "?") { e.preventDefault(); return toggleKeys(); }
  if (!singleKeysOn() && !e.ctrlKey && !e.metaKey && e.key.length === 1) return;
  state.keyAt = performance.now();
  if ((e.ctrlKey || e.metaKey) && (e.key === "y" || (e.shiftKey && (e.key === "z" || e.key === "Z")))) { e.preventDefault(); return redo(); }
  if ((e.ctrlKey || e.metaKey) && e.key === "z") { e.preventDefault(); return undo(); }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "r") { e.preventDefault(); return review(); }
  if (state.review) {
    if (e.key === "n" || e.key === "N") return step(e.key === "n" ? 1 : -1);
    if (e.key === "Escape") { state.selected = null; highlight(); renderSide(); return; }
    if (e.key.length === 1 || e.key === "Delete" || e.key === "Backspace" || e.key === "Enter") say("Review mode shows a prediction; press r to leave it and edit.");
    return;
  }
  const type = [...document.querySelectorAll("#types button")].find((b) => b.dataset.key === e.key);
  if (type) { e.preventDefault(); return typeKey(type.dataset.type); }
  if (state.focus >= 0 && e.key === "Enter" && e.shiftKey) { e.preventDefault(); return acceptAllOfType(); }
  if (state.focus >= 0 && e.key === "Enter") { e.preventDefault(); return acceptSuggestion(); }
  if (state.focus >= 0 && e.key === "Backspace") { e.preventDefault(); return rejectSuggestion(); }
  switch (e.key) {
    case "q": e.preventDefault(); return quoteKey();
    case "s": e.preventDefault(); return partKey("speaker");
    case "c": e.preventDefault(); return partKey("cue");
    case "x": e.preventDefault(); return suggest();
    case "n": return step(1);
    case "N": return step(-1);
    case "Delete": case "Backspace": e.preventDefault(); return removeSelected();
    case "Escape": state.selected = null; highlight(); renderSide(); return;
  }
});

// Hovering any part of a quote shows all three (content, speaker, cue).
function hoverQuote(event, on) {
  const mark = event.target instanceof Element ? event.target.closest("mark[data-quote]") : null;
  if (!mark) return;
  for (const el of $("article").querySelectorAll(`mark[data-quote="${CSS.escape(mark.dataset.quote)}"]`)) el.classList.toggle("hovered", on);
}

addEventListener("DOMContentLoaded", () => {
  $("article").addEventListener("mouseover", (e) => hoverQuote(e, true));
  $("article").addEventListener("mouseout", (e) => hoverQuote(e, false));
  $("filter").addEventListener("input", loadList);
  $("single-keys").checked = localStorage.getItem("attest.singleKeys") !== "off";
  $("single-keys").addEventListener("change", () => localStorage.setItem("attest.singleKeys", singleKeysOn() ? "on" : "off"));
  $("keys-button").addEventListener("click", toggleKeys);
  $("keys-close").addEventListener("click", toggleKeys);
  $("quote-filter").addEventListener("change", () => state.doc && renderSide());
  $("entity-filter").addEventListener("input", () => state.doc && renderSide());
  $("quote").addEventListener("click", quoteKey);
  $("suggest").addEventListener("click", suggest);
  $("accept-all").addEventListener("click", acceptAllOfType);
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("status").addEventListener("click", toggleStatus);
  $("review").addEventListener("click", review);
  $("pred-file").addEventListener("change", () => { state.review = null; review(); });
  // A drag that selects text is a selection, never a click on the mark it started in: the next
  // s or c goes to the quote in the panel, not to whatever mark was under the mouse.
  $("article").addEventListener("click", (e) => {
    const dragged = window.getSelection();
    if (dragged && !dragged.isCollapsed) return;
    const el = e.target.closest("mark");
    if (el) select(el);
  });
  for (const b of document.querySelectorAll("#toolbar button")) b.addEventListener("mousedown", (e) => e.preventDefault());
  loadList().then(() => {
    const wanted = new URLSearchParams(location.search).get("doc");
    if (wanted) openDocument(wanted);
  });
});
