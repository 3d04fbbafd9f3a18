// bitext review — the page: the pair's beads side by side, rendered only where visible, edited
// with the keyboard through the server's JSON API. Every text is put in with textContent (never
// innerHTML), so a segment holding markup shows as text.
(function () {
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);
const list = $('list'), space = $('space'), rows = $('rows');

// The model, as GET /api/pair gives it. A bead is [src_first, src_count, tgt_first, tgt_count,
// score ‰, flags, length_z in hundredths, lexical ‰, anchors, dictionary hits, learned hits];
// flags: 1 low confidence, 2 confirmed, 4 crosses a paragraph. The sentences' texts come in
// blocks from GET /api/text when their rows are drawn; src_len and tgt_len give their lengths.
const LOW = 1, CONFIRMED = 2, CROSSES = 4;
const BLOCK = 256;
let M = null;              // { version, src_len, tgt_len, beads, name, tmx_path, ... }
let texts = [new Map(), new Map()];  // side -> block number -> [text, ...]
const pending = new Set();
let findings = new Map();  // bead index -> [[check, severity, message, ss, se, ts, te], ...]
let findingsVersion = -1;
let view = null;           // Int32Array of the bead indices shown (the filters), or null: all
let heights = [];          // measured or estimated height of each bead's row, by bead index
let offsets = new Float64Array(1);
let focus = 0;             // position in the view
let side = 0;              // 0: source, 1: target
let cursor = 0;            // the selected sentence within the focused bead's side
let busy = false;
const queue = [];
let openReported = false;

const viewLength = () => (view === null ? M.beads.length : view.length);
const beadAt = (pos) => (view === null ? pos : view[pos]);

function showError(text) {
  const e = $('error');
  e.textContent = text;
  e.hidden = text === '';
}

async function api(path, body) {
  const init = { headers: { 'X-Bitext-Token': token }, cache: 'no-store' };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(path, init);
  let data = null;
  try { data = await r.json(); } catch (e) { data = { error: r.statusText }; }
  return { status: r.status, data };
}

// ---- Heights and the visible window -----------------------------------------------------------

let charsPerLine = 60, lineHeight = 22, rowPad = 11;

function estimate(b) {
  const bead = M.beads[b];
  let s = 0, t = 0;
  for (let i = 0; i < bead[1]; i++) s += M.src_len[bead[0] + i] + 3;
  for (let i = 0; i < bead[3]; i++) t += M.tgt_len[bead[2] + i] + 3;
  const lines = Math.max(2, Math.ceil(Math.max(s, t) / charsPerLine));
  const f = findings.get(b);
  return rowPad + lines * lineHeight + (f ? f.length * 18 : 0);
}

function recomputeOffsets() {
  const n = viewLength();
  if (offsets.length !== n + 1) offsets = new Float64Array(n + 1);
  let y = 0;
  for (let p = 0; p < n; p++) {
    const b = beadAt(p);
    if (heights[b] === undefined) heights[b] = estimate(b);
    offsets[p] = y;
    y += heights[b];
  }
  offsets[n] = y;
  space.style.height = y + 'px';
}

// The first position whose row ends below y.
function positionAt(y) {
  let lo = 0, hi = viewLength();
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] <= y) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// ---- The texts, by blocks ---------------------------------------------------------------------

// The block of side s holding sentence k * BLOCK, asked for once; drawn again when it comes.
function fetchBlock(s, k) {
  const key = s + ':' + k;
  if (pending.has(key) || texts[s].has(k)) return;
  pending.add(key);
  const mine = texts[s];
  api('/api/text?side=' + (s ? 'tgt' : 'src') + '&from=' + k * BLOCK + '&count=' + BLOCK)
    .then((r) => {
      pending.delete(key);
      if (r.status !== 200) { showError('Could not load the text: ' + (r.data.error || r.status)); return; }
      mine.set(k, r.data.texts);
      if (M !== null && mine === texts[s]) render();
    });
}

// The text of sentence i of side s, or null while its block is on its way.
function sentence(s, i) {
  const k = Math.floor(i / BLOCK), block = texts[s].get(k);
  if (block !== undefined) return block[i - k * BLOCK];
  fetchBlock(s, k);
  return null;
}

function evidence(bead) {
  return 'length z ' + (bead[6] / 100).toFixed(2) + ' · lexical ' + (bead[7] / 1000).toFixed(2) +
    ' · anchors ' + bead[8] + ' · dictionary ' + bead[9] + ' · learned ' + bead[10] +
    ((bead[5] & CROSSES) ? ' · crosses a paragraph' : '');
}

// ---- Rendering one bead ------------------------------------------------------------------------

// The sentences of one side as spans, with the findings' character spans (code points in the
// sentences joined by one space, as bitext_qa_run saw the unit) as <mark>s.
function renderSide(el, sentences, marks, selected) {
  if (sentences.some((t) => t === null)) {
    sentences.forEach((t, k) => {
      const sent = document.createElement('span');
      sent.className = k === selected ? 'sent loading cursor' : 'sent loading';
      sent.dataset.k = k;
      sent.textContent = '…';
      el.appendChild(sent);
    });
    return false;
  }
  const chars = sentences.map((s) => Array.from(s));
  let base = 0;
  chars.forEach((cs, k) => {
    const sent = document.createElement('span');
    sent.className = k === selected ? 'sent cursor' : 'sent';
    sent.dataset.k = k;
    const cuts = new Set([0, cs.length]);
    for (const m of marks) {
      const a = m.start - base, z = m.end - base;
      if (z <= 0 || a >= cs.length) continue;
      cuts.add(Math.max(0, a));
      cuts.add(Math.min(cs.length, z));
    }
    const points = Array.from(cuts).sort((x, y) => x - y);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], z = points[i + 1];
      const text = cs.slice(a, z).join('');
      const m = marks.find((mk) => mk.start - base <= a && mk.end - base >= z);
      if (m) {
        const mark = document.createElement('mark');
        mark.className = 'sev-' + m.severity;
        mark.dataset.check = m.check;
        mark.title = m.check + ': ' + m.message;
        mark.textContent = text;
        sent.appendChild(mark);
      } else {
        sent.appendChild(document.createTextNode(text));
      }
    }
    el.appendChild(sent);
    base += cs.length + 1;
  });
  return true;
}

function beadType(bead) { return bead[1] + '-' + bead[3]; }

function renderBead(b, pos) {
  const bead = M.beads[b];
  const row = document.createElement('div');
  let cls = 'bead';
  if (bead[5] & LOW) cls += ' low';
  if (bead[5] & CONFIRMED) cls += ' confirmed';
  if (bead[1] === 0 || bead[3] === 0) cls += ' gap';
  if (pos === focus) cls += ' focus';
  row.className = cls;
  row.dataset.bead = b;
  row.setAttribute('role', 'option');
  if (pos === focus) row.setAttribute('aria-selected', 'true');
  row.title = 'bead ' + b + ' ' + beadType(bead) + ', score ' + (bead[4] / 1000).toFixed(3) +
    ((bead[5] & LOW) ? ' (low confidence)' : '') + ((bead[5] & CONFIRMED) ? ', confirmed' : '') +
    '\n' + evidence(bead);

  const num = document.createElement('div');
  num.className = 'num';
  const type = document.createElement('span');
  type.className = 'type';
  type.textContent = '#' + b + ' ' + beadType(bead);
  num.appendChild(type);
  num.appendChild(document.createTextNode((bead[4] / 1000).toFixed(3)));
  if (bead[5] & CONFIRMED) {
    const ok = document.createElement('span');
    ok.className = 'ok';
    ok.textContent = ' ✓';
    num.appendChild(ok);
  }
  row.appendChild(num);

  const f = findings.get(b) || [];
  const marksOf = (s) => f.filter((x) => x[3 + 2 * s] >= 0 && x[4 + 2 * s] > x[3 + 2 * s])
    .map((x) => ({ check: x[0], severity: x[1], message: x[2], start: x[3 + 2 * s], end: x[4 + 2 * s] }));
  for (let s = 0; s < 2; s++) {
    const el = document.createElement('div');
    el.className = 'side ' + (s === 0 ? 'src' : 'tgt');
    el.lang = (s === 0 ? M.src_lang : M.tgt_lang) || '';
    el.dir = 'auto';
    const first = bead[2 * s], count = bead[2 * s + 1];
    const t = Array.from({ length: count }, (_, i) => sentence(s, first + i));
    if (!renderSide(el, t, marksOf(s), pos === focus && side === s ? cursor : -1)) row.loading = true;
    row.appendChild(el);
  }
  if (f.length > 0) {
    const ul = document.createElement('ul');
    ul.className = 'findings';
    for (const x of f) {
      const li = document.createElement('li');
      li.className = 'sev-' + x[1];
      li.textContent = x[0] + ': ' + x[2];
      ul.appendChild(li);
    }
    row.appendChild(ul);
  }
  return row;
}

// ---- The window --------------------------------------------------------------------------------

const OVERSCAN = 6;

function render() {
  if (M === null) return;
  const n = viewLength();
  if (focus >= n) focus = Math.max(0, n - 1);
  const top = list.scrollTop, bottom = top + list.clientHeight;
  let first = Math.max(0, positionAt(top) - OVERSCAN);
  let last = Math.min(n, positionAt(bottom) + 1 + OVERSCAN);
  const frag = document.createDocumentFragment();
  let complete = true;
  for (let p = first; p < last; p++) {
    const row = renderBead(beadAt(p), p);
    if (row.loading) complete = false;
    frag.appendChild(row);
  }
  rows.replaceChildren(frag);
  rows.style.top = (n > 0 ? offsets[first] : 0) + 'px';
  // Measure what was drawn; a changed height moves the rows below it.
  let changed = false;
  for (const el of rows.children) {
    const b = Number(el.dataset.bead), h = el.offsetHeight;
    if (h > 0 && !el.loading && Math.abs(heights[b] - h) > 0.5) { heights[b] = h; changed = true; }
  }
  if (changed) {
    recomputeOffsets();
    rows.style.top = (n > 0 ? offsets[first] : 0) + 'px';
  }
  updateStats();
  document.body.dataset.version = M.version;
  if (!openReported && complete) {
    openReported = true;
    document.documentElement.dataset.openMs = performance.now().toFixed(1);
  }
  document.dispatchEvent(new CustomEvent('review:rendered', { detail: { version: M.version } }));
}

let scheduled = false;
function scheduleRender() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => { scheduled = false; render(); });
}
list.addEventListener('scroll', scheduleRender);
window.addEventListener('resize', () => { calibrate(); heights = []; recomputeOffsets(); render(); });

function scrollToFocus() {
  const n = viewLength();
  if (n === 0) return;
  const y = offsets[focus], h = offsets[focus + 1] - y;
  if (y < list.scrollTop) list.scrollTop = y;
  else if (y + h > list.scrollTop + list.clientHeight)
    list.scrollTop = Math.max(y, y + h - list.clientHeight);
}

function calibrate() {
  const probe = document.createElement('div');
  probe.className = 'bead';
  probe.style.visibility = 'hidden';
  const s = document.createElement('div');
  s.className = 'side';
  s.textContent = 'x';
  probe.append(document.createElement('div'), s, document.createElement('div'));
  rows.appendChild(probe);
  lineHeight = s.offsetHeight || lineHeight;
  rowPad = Math.max(0, probe.offsetHeight - lineHeight);
  const w = s.clientWidth || 400;
  s.textContent = 'abcdefghij'.repeat(10);
  s.style.whiteSpace = 'nowrap';
  s.style.display = 'inline-block';
  charsPerLine = Math.max(10, Math.floor(w / ((s.offsetWidth || 700) / 100)));
  probe.remove();
}

function updateStats() {
  let low = 0, confirmed = 0;
  for (const b of M.beads) { if (b[5] & LOW) low++; if (b[5] & CONFIRMED) confirmed++; }
  let nf = 0;
  for (const f of findings.values()) nf += f.length;
  $('stats').textContent = M.beads.length + ' beads · ' + low + ' low confidence · ' + nf +
    ' findings · ' + confirmed + ' confirmed' + (viewLength() !== M.beads.length
      ? ' · showing ' + viewLength() : '') + (M.unsaved ? ' · unsaved edits' : '');
}

// ---- Filters -----------------------------------------------------------------------------------

function passes(b, on) {
  const bead = M.beads[b];
  return (on.low && (bead[5] & LOW)) || (on.findings && findings.has(b)) ||
    (on.gap && (bead[1] === 0 || bead[3] === 0)) || (on.unconfirmed && !(bead[5] & CONFIRMED));
}

function applyFilters(keepBead) {
  const on = {};
  let any = false;
  for (const box of document.querySelectorAll('#filters input')) {
    on[box.name] = box.checked;
    any = any || box.checked;
  }
  if (!any) view = null;
  else {
    const v = [];
    for (let b = 0; b < M.beads.length; b++) if (passes(b, on)) v.push(b);
    view = Int32Array.from(v);
  }
  recomputeOffsets();
  if (keepBead !== undefined) {
    focus = 0;
    for (let p = 0; p < viewLength(); p++) if (beadAt(p) >= keepBead) { focus = p; break; }
  }
  scrollToFocus();
  render();
}

for (const box of document.querySelectorAll('#filters input'))
  box.addEventListener('change', () => { applyFilters(viewLength() ? beadAt(focus) : 0); list.focus(); });

// ---- Loading and edits -------------------------------------------------------------------------

async function load() {
  texts = [new Map(), new Map()];
  M = null;
  // The first blocks are needed whatever the pair: ask for them beside the pair itself.
  fetchBlock(0, 0);
  fetchBlock(1, 0);
  const r = await api('/api/pair');
  if (r.status !== 200) { showError('Could not load the pair: ' + (r.data.error || r.status)); return; }
  M = r.data;
  $('name').textContent = M.name || '';
  $('src-head').textContent = 'source' + (M.src_lang ? ' (' + M.src_lang + ')' : '');
  $('tgt-head').textContent = 'target' + (M.tgt_lang ? ' (' + M.tgt_lang + ')' : '');
  if (!$('tmx-path').value) $('tmx-path').value = M.tmx_path || '';
  heights = [];
  findings = new Map();
  calibrate();
  applyFilters(0);
  $('conflict').hidden = true;
  list.focus();
  loadFindings();
}

let findingsTimer = 0;
function scheduleFindings() {
  clearTimeout(findingsTimer);
  findingsTimer = setTimeout(loadFindings, 250);
}

async function loadFindings() {
  const want = M.version;
  const r = await api('/api/findings');
  if (r.status !== 200) return;
  if (r.data.version !== M.version || want !== M.version) {
    if (r.data.version < M.version) scheduleFindings();   // computed before the last edit
    return;
  }
  findings = new Map();
  for (const f of r.data.findings) {
    const b = f[0];
    if (!findings.has(b)) findings.set(b, []);
    findings.get(b).push(f.slice(1));
  }
  findingsVersion = r.data.version;
  for (const b of findings.keys()) heights[b] = undefined;
  if (view !== null) applyFilters(viewLength() ? beadAt(focus) : 0);
  else { recomputeOffsets(); render(); }
}

// A diff from the server: beads [from, to) became `beads`.
function applyDiff(d) {
  const removed = d.to - d.from, added = d.beads.length, delta = added - removed;
  M.beads.splice(d.from, removed, ...d.beads);
  heights.splice(d.from, removed, ...new Array(added));
  if (findings.size > 0) {
    const moved = new Map();
    for (const [b, f] of findings) {
      if (b < d.from) moved.set(b, f);
      else if (b >= d.to) moved.set(b + delta, f);
    }
    findings = moved;
  }
  M.version = d.version;
  M.can_undo = d.can_undo;
  M.can_redo = d.can_redo;
  M.unsaved = d.unsaved;
}

function conflict(data) {
  $('conflict-text').textContent = 'this pair was changed in another tab or window (it is at version ' +
    data.version + ', this tab at ' + M.version + '). Your edit was not applied. Reload to see the ' +
    'current alignment, then make the edit again.';
  $('conflict').hidden = false;
}

function status(text, isBusy) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('busy', !!isBusy);
}

// Edits go one at a time: each is based on the version the previous one returned.
function send(path, body, then) {
  queue.push({ path, body, then });
  document.body.dataset.busy = '1';
  if (!busy) drain();
}

async function drain() {
  busy = true;
  while (queue.length > 0) {
    const { path, body, then } = queue.shift();
    body.version = M.version;
    const r = await api(path, body);
    if (r.status === 409) { queue.length = 0; conflict(r.data); break; }
    if (r.status !== 200) {
      showError(r.data.error || ('HTTP ' + r.status));
      if (r.data.saved && r.data.saved.length) status('saved ' + r.data.saved.join(', '));
      else status('');
      continue;
    }
    showError(r.data.autosave_error || '');
    if (then) then(r.data);
  }
  busy = false;
  document.body.dataset.busy = '0';
}

function edited(keepBead, keepSide, keepCursor) {
  return (data) => {
    applyDiff(data);
    const pos = focusBeadPosition(keepBead);
    if (view !== null) applyFilters(keepBead); else { recomputeOffsets(); focus = pos; }
    side = keepSide;
    cursor = keepCursor;
    clampCursor();
    scrollToFocus();
    render();
    status(data.message || '');
    scheduleFindings();
  };
}

function focusBeadPosition(b) {
  if (view === null) return Math.min(b, M.beads.length - 1);
  for (let p = 0; p < view.length; p++) if (view[p] >= b) return p;
  return Math.max(0, view.length - 1);
}

function edit(op, args, keepBead, keepSide, keepCursor) {
  send('/api/edit', Object.assign({ op }, args), edited(keepBead, keepSide, keepCursor));
}

function save(withTmx) {
  const body = {};
  if (withTmx) body.tmx = $('tmx-path').value;
  status('saving…', true);
  send('/api/save', body, (data) => {
    M.unsaved = false;
    status('saved ' + data.saved.join(', '));
    updateStats();
  });
}

// ---- The keyboard ------------------------------------------------------------------------------

function focused() { return viewLength() ? beadAt(focus) : -1; }
function sideCount(b, s) { return M.beads[b][2 * s + 1]; }
function clampCursor() {
  const b = focused();
  if (b < 0) return;
  cursor = Math.max(0, Math.min(cursor, sideCount(b, side) - 1));
}

function moveFocus(to) {
  const n = viewLength();
  if (n === 0) return;
  focus = Math.max(0, Math.min(n - 1, to));
  cursor = 0;
  clampCursor();
  scrollToFocus();
  render();
}

function nextFlagged(dir) {
  for (let p = focus + dir; p >= 0 && p < viewLength(); p += dir) {
    const b = beadAt(p);
    if ((M.beads[b][5] & LOW) || findings.has(b)) return moveFocus(p);
  }
}

function moveSentence(dir) {
  const b = focused();
  if (b < 0 || sideCount(b, side) === 0) return;
  const other = b + dir;
  if (other < 0 || other >= M.beads.length) return;
  const s = side;
  edit('move', { bead: b, side: s === 0 ? 'src' : 'tgt', dir }, b, s, dir < 0 ? 0 : 99);
}

function split() {
  const b = focused();
  if (b < 0) return;
  const bead = M.beads[b];
  const n = sideCount(b, side), m = sideCount(b, 1 - side);
  if (n === 0) return;
  // Split before the selected sentence; the other side is cut at the same share of its sentences.
  let k = cursor > 0 ? cursor : (n > 1 ? 1 : 0);
  const j = n > 0 ? Math.round((k * m) / n) : 0;
  const src = side === 0 ? k : j, tgt = side === 0 ? j : k;
  if ((src === 0 && tgt === 0) || (src === bead[1] && tgt === bead[3])) return;
  edit('split', { bead: b, src, tgt }, b, side, 0);
}

const keys = {
  'ArrowDown': () => moveFocus(focus + 1), 'j': () => moveFocus(focus + 1),
  'ArrowUp': () => moveFocus(focus - 1), 'k': () => moveFocus(focus - 1),
  'PageDown': () => moveFocus(positionAt(offsets[focus] + list.clientHeight)),
  'PageUp': () => moveFocus(positionAt(Math.max(0, offsets[focus] - list.clientHeight))),
  'Home': () => moveFocus(0), 'End': () => moveFocus(viewLength() - 1),
  'n': () => nextFlagged(1), 'p': () => nextFlagged(-1),
  'ArrowRight': () => selectSentence(1), 'l': () => selectSentence(1),
  'ArrowLeft': () => selectSentence(-1), 'h': () => selectSentence(-1),
  'Tab': () => { side = 1 - side; cursor = 0; clampCursor(); render(); },
  'm': () => { const b = focused(); if (b >= 0 && b + 1 < M.beads.length) edit('merge', { bead: b }, b, side, 0); },
  'M': () => { const b = focused(); if (b > 0) edit('merge', { bead: b - 1 }, b - 1, side, 0); },
  's': split,
  '[': () => moveSentence(-1), ']': () => moveSentence(1),
  'x': () => {
    const b = focused();
    if (b >= 0 && sideCount(b, side) > 0 && sideCount(b, 0) + sideCount(b, 1) > 1)
      edit('detach', { bead: b, side: side === 0 ? 'src' : 'tgt', index: cursor }, b, side, 0);
  },
  'c': () => confirm(true), 'Enter': () => confirm(true), 'u': () => confirm(false),
  'a': () => { const b = focused(); edit('realign', {}, Math.max(0, b), side, 0); },
  'r': () => { if (!$('conflict').hidden) load(); },
  'R': () => { if (!$('conflict').hidden) load(); },
  '?': () => { document.body.classList.toggle('nohelp'); $('help').classList.toggle('hidden'); },
};

function selectSentence(dir) {
  const b = focused();
  if (b < 0) return;
  cursor += dir;
  if (cursor < 0 || cursor >= sideCount(b, side)) {
    const other = 1 - side;
    if (sideCount(b, other) > 0) { side = other; cursor = dir > 0 ? 0 : sideCount(b, other) - 1; }
    else cursor -= dir;
  }
  clampCursor();
  render();
}

function confirm(on) {
  const b = focused();
  if (b < 0) return;
  if (on && (M.beads[b][5] & CONFIRMED)) return moveFocus(focus + 1);
  send('/api/edit', { op: 'confirm', bead: b, confirmed: on }, (data) => {
    edited(b, side, cursor)(data);
    if (on) moveFocus(focusBeadPosition(b) + 1);
  });
}

function undo(redo) {
  send(redo ? '/api/redo' : '/api/undo', {}, (data) => {
    const b = viewLength() ? beadAt(focus) : 0;
    edited(Math.min(b, data.from), side, 0)(data);
  });
}

document.addEventListener('keydown', (e) => {
  if (M === null) return;
  const t = e.target;
  const typing = t && (t.tagName === 'INPUT' && t.type === 'text');
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && (e.key === 's' || e.key === 'S')) { e.preventDefault(); save(false); return; }
  if (ctrl && (e.key === 'e' || e.key === 'E')) { e.preventDefault(); save(true); return; }
  if (typing) { if (e.key === 'Enter' || e.key === 'Escape') list.focus(); return; }
  if (ctrl && !e.shiftKey && (e.key === 'z' || e.key === 'Z')) { e.preventDefault(); undo(false); return; }
  if (ctrl && (e.key === 'y' || e.key === 'Y' || (e.shiftKey && (e.key === 'z' || e.key === 'Z')))) {
    e.preventDefault(); undo(true); return;
  }
  if (e.altKey && e.key === 'ArrowUp') { e.preventDefault(); moveSentence(-1); return; }
  if (e.altKey && e.key === 'ArrowDown') { e.preventDefault(); moveSentence(1); return; }
  if (e.altKey && e.code >= 'Digit1' && e.code <= 'Digit4') {
    e.preventDefault();
    const box = document.querySelectorAll('#filters input')[Number(e.code.slice(5)) - 1];
    box.checked = !box.checked;
    applyFilters(viewLength() ? beadAt(focus) : 0);
    return;
  }
  if (ctrl || e.altKey) return;
  if (t && t.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
  const f = keys[e.key];
  if (f) { e.preventDefault(); f(); }
});

rows.addEventListener('click', (e) => {
  const row = e.target.closest('.bead');
  if (!row) return;
  const b = Number(row.dataset.bead);
  const sent = e.target.closest('.sent');
  if (sent) { side = sent.parentElement.classList.contains('tgt') ? 1 : 0; cursor = Number(sent.dataset.k); }
  focus = focusBeadPosition(b);
  render();
  list.focus();
});
$('save').addEventListener('click', () => save(false));
$('save-tmx').addEventListener('click', () => save(true));
$('reload').addEventListener('click', () => load());

load().catch((e) => showError(String(e)));
})();
