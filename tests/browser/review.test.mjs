// bitext — `bitext review` in a real browser: Debian's chromium, headless, driven by playwright-core.
//
// usage: node review.test.mjs URL1 DIR1 CHECK.json GOLD SRC.sent TGT.sent URL2 URL3 HOSTILE.src
//        HOSTILE.tgt SHOT
// URL1 serves the speech with two beads broken (DIR1 is its folder; CHECK.json is `bitext check
// --format json` of the same broken pair), URL2 the speech on its gold
// alignment, URL3 a pair of hostile segments (the texts of HOSTILE.src and HOSTILE.tgt). Prints TAP
// (tests 1-9; tests/cli/review-browser.sh adds 10 and 11). Every action on the page is a key press.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url1, dir1, checkPath, goldPath, srcPath, tgtPath, url2, url3, hostileSrc, hostileTgt, shot] =
  process.argv.slice(2);
if (!shot) {
  console.error('usage: node review.test.mjs URL1 DIR1 CHECK GOLD SRC TGT URL2 URL3 HSRC HTGT SHOT');
  process.exit(2);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const assert = (cond, message) => { if (!cond) throw new Error(message); };
const eq = (got, want, what) =>
  assert(JSON.stringify(got) === JSON.stringify(want),
         `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);

const lines = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
// "[1,2]:[3]" -> [[1,2],[3]]
const parseBead = (l) => l.split(':').map((s) => JSON.parse(s));
const gold = lines(goldPath).map(parseBead);
const src = lines(srcPath), tgt = lines(tgtPath);

// The page's beads as the server has them, through the page's own token.
const serverBeads = (page) => page.evaluate(async () => {
  const token = new URLSearchParams(location.search).get('token');
  const r = await fetch('/api/pair', { headers: { 'X-Bitext-Token': token } });
  const m = await r.json();
  return m.beads.map((b) => [Array.from({ length: b[1] }, (_, i) => b[0] + i),
                             Array.from({ length: b[3] }, (_, i) => b[2] + i)]);
});
const rendered = (page) => page.evaluate(() => Number(document.body.dataset.version));
// Press keys one at a time, waiting for each edit's answer to be drawn.
async function press(page, ...keys) {
  for (const k of keys) {
    await page.keyboard.press(k);
    await page.waitForFunction(() => document.body.dataset.busy !== '1');
  }
}
async function waitVersion(page, v) {
  await page.waitForFunction((v) => Number(document.body.dataset.version) >= v, v);
}
const focusedType = (page) => page.locator('.bead.focus .num .type').textContent();

// The units of a TMX as [source, target], inline codes' tags dropped (their text kept).
function tmxUnits(path) {
  const text = readFileSync(path, 'utf8');
  const unescape = (s) => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return Array.from(text.matchAll(/<tu[ >][\s\S]*?<\/tu>/g), (m) =>
    Array.from(m[0].matchAll(/<seg>([\s\S]*?)<\/seg>/g), (s) => unescape(s[1])));
}

let speech, tabA, tabB, hostile;
const errors = [];
const requests = [];

test('speech: the page opens with no script error and asks only its own server', async () => {
  eq(errors, [], 'script errors');
  const own = [url1, url2, url3].map((u) => new URL(u).origin + '/');
  eq(requests.filter((u) => !own.some((o) => u.startsWith(o))), [], 'requests elsewhere');
  assert(await speech.locator('.bead').count() > 0, 'no bead drawn');
  assert(await speech.locator('.bead').count() < 80, 'every bead drawn: no virtual scrolling');
});

test('speech: the findings are bitext check\'s, with its spans, and marked on the page', async () => {
  const check = JSON.parse(readFileSync(checkPath, 'utf8')).findings;
  const page = await speech.evaluate(async () => {
    const token = new URLSearchParams(location.search).get('token');
    const r = await fetch('/api/findings', { headers: { 'X-Bitext-Token': token } });
    return (await r.json()).findings;
  });
  const span = (s) => (s === null ? [-1, -1] : s);
  eq(page.map((f) => [f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]]),
     check.map((f) => [f.unit, f.check, f.severity, f.message, ...span(f.source_span),
                       ...span(f.target_span)]), 'findings');
  assert(check.some((f) => f.unit === 17), 'no finding on the broken 1-3 bead');
  // The marks of bead 17 (drawn once it is in view) hold the flagged text; the space that joins
  // two sentences in the unit is drawn as a separator, not as text, so spaces are not compared.
  await press(speech, ...Array(17).fill('j'));
  await speech.waitForFunction(() => document.querySelector('.bead[data-bead="17"] mark') !== null);
  const marks = await speech.locator('.bead[data-bead="17"] .side.tgt mark').allTextContents();
  const want = check.filter((f) => f.unit === 17 && f.target_span !== null)
    .map((f) => Array.from(f.target).slice(f.target_span[0], f.target_span[1]).join(''));
  assert(want.some((w) => w.replace(/\s/g, '') === marks.join('').replace(/\s/g, '')),
         `marked ${JSON.stringify(marks)}, flagged ${JSON.stringify(want)}`);
  await press(speech, 'Home');
});

test('speech: the broken beads are on the page', async () => {
  const beads = await serverBeads(speech);
  eq(beads[10], [[10, 11], [10, 11]], 'bead 10');
  eq(beads[17], [[18], [18, 19, 20]], 'bead 17');
  await press(speech, ...Array(10).fill('j'));
  eq(await focusedType(speech), '#10 2-2', 'focused bead');
  await speech.screenshot({ path: shot });
});

test('speech: split and move with the keyboard give the gold alignment', async () => {
  // On bead 10: the second source sentence, split; the other side is cut at the same share.
  await press(speech, 'l', 's');
  eq(await focusedType(speech), '#10 1-1', 'bead 10 after the split');
  // Bead 18 now: its target side, last sentence down into bead 19.
  await press(speech, ...Array(8).fill('j'));
  eq(await focusedType(speech), '#18 1-3', 'bead 18 before the move');
  await press(speech, 'Tab', ']');
  eq(await focusedType(speech), '#18 1-2', 'bead 18 after the move');
  eq(await serverBeads(speech), gold, 'beads');
});

test('speech: Ctrl+E writes the TMX, whose units are the gold alignment\'s', async () => {
  await press(speech, 'Control+e');
  const status = await speech.locator('#status').textContent();
  const error = await speech.locator('#error').textContent();
  const tmx = join(dir1, 'tm', 'speech.en-ru.tmx');
  assert(existsSync(tmx), `no ${tmx} (status: ${status}; error: ${error})`);
  const want = gold.filter(([s, t]) => s.length > 0 && t.length > 0)
    .map(([s, t]) => [s.map((i) => src[i]).join(' '), t.map((i) => tgt[i]).join(' ')]);
  const got = tmxUnits(tmx);
  eq(got.length, want.length, 'units');
  for (let i = 0; i < want.length; i++) eq(got[i], want[i], `unit ${i}`);
});

test('speech: Ctrl+E also saved the pair file, and the page says so', async () => {
  eq(await speech.locator('#error').textContent(), '', 'error');
  eq(await speech.locator('#status').textContent(),
     'saved speech.en-ru.pair.json, tm/speech.en-ru.tmx', 'status');
  assert(existsSync(join(dir1, 'speech.en-ru.pair.json')), 'no pair file');
});

test('two tabs: an edit based on an old version gets the conflict message, not a lost edit', async () => {
  const before = (await serverBeads(tabA)).length;
  await press(tabA, 'j', 'j', 'm');
  eq((await serverBeads(tabA)).length, before - 1, 'tab A merged');
  await press(tabB, 'j', 'j', 'j', 'j', 'j', 'm');
  await tabB.locator('#conflict').waitFor({ state: 'visible' });
  const text = await tabB.locator('#conflict').textContent();
  assert(/changed in another tab/.test(text) && /not applied/.test(text), `message: ${text}`);
  eq((await serverBeads(tabA)).length, before - 1, 'beads after the refused edit');
  eq(await tabB.locator('.bead').filter({ hasText: '#2 2-2' }).count(), 0, 'tab B shows the merge');
});

test('two tabs: R reloads the current alignment and the next edit goes through', async () => {
  const v = await rendered(tabA);
  await press(tabB, 'r');
  await tabB.locator('#conflict').waitFor({ state: 'hidden' });
  await waitVersion(tabB, v);
  eq(await tabB.locator('.bead .num .type').filter({ hasText: /^#2 2-2$/ }).count(), 1, 'merge shown');
  const n = (await serverBeads(tabB)).length;
  await press(tabB, 'Control+z');
  eq((await serverBeads(tabB)).length, n + 1, 'undo from tab B');
  eq(await tabB.locator('#conflict').isVisible(), false, 'no conflict');
});

test('hostile text: every segment shows exactly as text', async () => {
  const want = [lines(hostileSrc), lines(hostileTgt)];
  await hostile.waitForFunction(() => !document.querySelector('.sent.loading'));
  const got = await hostile.evaluate(() => [0, 1].map((s) =>
    Array.from(document.querySelectorAll(`.side.${s ? 'tgt' : 'src'} .sent`), (e) => e.textContent)));
  eq(got, want, 'texts');
});

test('hostile text: no script ran, no element came from the data, overrides are isolated', async () => {
  eq(await hostile.evaluate(() => window.__pwned), undefined, 'window.__pwned');
  eq(await hostile.locator('#rows img, #rows script, #rows style, #rows b, #rows i').count(), 0,
     'elements from the data');
  eq(await hostile.evaluate(() => document.scripts.length), 1, 'scripts');
  eq(await hostile.evaluate(() => getComputedStyle(document.querySelector('.side')).unicodeBidi),
     'isolate', 'unicode-bidi of a side');
  assert(await hostile.locator('body').isVisible(), 'the page is hidden');
  eq(dialogs, [], 'dialogs');
});

const dialogs = [];
const failed = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
         '--disable-extensions', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const open = async (url) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.waitForSelector('.bead');
    await page.waitForFunction(() => document.activeElement.id === 'list');
    return page;
  };
  speech = await open(url1);
  tabA = await open(url2);
  tabB = await open(url2);
  hostile = await open(url3);
  console.log(`1..${tests.length + 2}`);
  for (let i = 0; i < tests.length; i++) {
    try {
      await tests[i].fn();
      console.log(`ok ${i + 1} - ${tests[i].name}`);
    } catch (e) {
      failed.push(i + 1);
      console.log(`not ok ${i + 1} - ${tests[i].name}`);
      console.log(String(e.stack || e).split('\n').slice(0, 6).map((l) => '# ' + l).join('\n'));
    }
  }
} finally {
  await browser.close();
}
process.exit(failed.length > 0 ? 1 : 0);
