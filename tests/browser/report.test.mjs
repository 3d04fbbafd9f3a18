// bitext — the HTML report in a real browser: Debian's chromium, headless, driven by playwright-core.
//
// usage: node report.test.mjs REPORT.html FINDINGS.json SCREENSHOT.png
// REPORT.html and FINDINGS.json are `bitext check --format html` and `--format json` of the same
// run. Prints TAP. Checks that every finding's flagged text is in a <mark> of its pair, that the
// character offsets of the JSON agree with the DOM, that the filters hide and show rows, pairs and
// highlights, that the page asks for nothing over the network, and writes a screenshot.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [reportPath, jsonPath, screenshotPath] = process.argv.slice(2);
if (!screenshotPath) {
  console.error('usage: node report.test.mjs REPORT.html FINDINGS.json SCREENSHOT.png');
  process.exit(2);
}
const findings = JSON.parse(readFileSync(jsonPath, 'utf8')).findings;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const assert = (cond, message) => { if (!cond) throw new Error(message); };
const eq = (got, want, what) =>
  assert(JSON.stringify(got) === JSON.stringify(want),
         `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);

// The text of finding k's marks, joined (a mark split where two spans cross has several pieces).
const markText = (page, k, side) => page.evaluate(([k, side]) =>
  Array.from(document.querySelectorAll(`td.${side} mark[data-finding="${k}"]`))
    .map((m) => m.textContent).join(''), [k, side]);
const visibleRows = (page, check) =>
  page.locator(`tr.finding[data-check="${check}"]:visible`).count();
const setBox = (page, name, value, on) =>
  page.locator(`#filters input[name="${name}"][value="${value}"]`).setChecked(on);

test('a mark with the text "13" for the number check, error, message on hover', async (page) => {
  const m = page.locator('td.tgt mark[data-check="number"]', { hasText: /^13$/ });
  eq(await m.count(), 1, 'marks "13"');
  eq(await m.getAttribute('class'), 'check-number sev-error', 'class');
  assert((await m.getAttribute('title')).includes("'30' in the source became '13'"), 'title');
});

test('a mark with the text "NATO" for untranslated-term, in source and target', async (page) => {
  for (const side of ['src', 'tgt']) {
    const m = page.locator(`td.${side} mark[data-check="untranslated-term"]`, { hasText: /^NATO$/ });
    eq(await m.count(), 1, `${side} marks "NATO"`);
  }
});

test('Cyrillic spans: «марта», «НАТО и Россией», «три» highlighted exactly', async (page) => {
  for (const [check, text] of [['number', 'марта'], ['inconsistency', 'НАТО и Россией'],
                               ['number', 'три']]) {
    const texts = await page.locator(`td.tgt mark[data-check="${check}"]`).allTextContents();
    assert(texts.includes(text), `no ${check} mark "${text}" in ${JSON.stringify(texts)}`);
  }
});

test('every finding: its marks hold the JSON text and sit at its character offsets', async (page) => {
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    for (const [side, span, whole] of [['src', f.source_span, f.source],
                                       ['tgt', f.target_span, f.target]]) {
      if (span === null || span[0] === span[1])
        continue;
      const chars = Array.from(whole);
      const want = chars.slice(span[0], span[1]).join('');
      eq(await markText(page, k, side), want, `finding ${k} (${f.check}) ${side}`);
      const text = await page.locator(`#f-${k}`).evaluate((row, side) =>
        row.parentElement.querySelector(`tr.pair td.${side}`).textContent, side);
      eq(text, whole, `finding ${k} ${side} cell text`);
    }
  }
});

test('one row per finding under its pair, with its check and severity', async (page) => {
  eq(await page.locator('tr.finding').count(), findings.length, 'rows');
  const rows = await page.locator('tr.finding').evaluateAll((rs) => rs.map((r) =>
    [r.dataset.check, r.dataset.severity, r.parentElement.querySelector('tr.pair') !== null]));
  eq(rows, findings.map((f) => [f.check, f.severity, true]), 'rows');
});

test('unticking "number" hides its rows, its marks and pairs left empty; ticking shows them', async (page) => {
  const n = findings.filter((f) => f.check === 'number').length;
  eq(await visibleRows(page, 'number'), n, 'number rows before');
  const pair = page.locator('tbody.unit', { has: page.locator('mark', { hasText: /^13$/ }) });
  await setBox(page, 'check', 'number', false);
  eq(await visibleRows(page, 'number'), 0, 'number rows after unticking');
  eq(await pair.isVisible(), false, 'the pair of "13" (number findings only) visible');
  eq(await page.locator('mark.off[data-check="number"]').count(),
     await page.locator('mark[data-check="number"]').count(), 'number marks un-highlighted');
  assert(await visibleRows(page, 'glossary') > 0, 'glossary rows stay');
  await setBox(page, 'check', 'number', true);
  eq(await visibleRows(page, 'number'), n, 'number rows after ticking again');
  eq(await pair.isVisible(), true, 'the pair of "13" visible again');
  eq(await page.locator('mark.off').count(), 0, 'marks highlighted again');
});

test('unticking severity "info" hides info rows only', async (page) => {
  const info = findings.filter((f) => f.severity === 'info').length;
  const all = await page.locator('tr.finding:visible').count();
  await setBox(page, 'severity', 'info', false);
  eq(await page.locator('tr.finding[data-severity="info"]:visible').count(), 0, 'info rows');
  eq(await page.locator('tr.finding:visible').count(), all - info, 'rows left');
  await setBox(page, 'severity', 'info', true);
  eq(await page.locator('tr.finding:visible').count(), all, 'rows after ticking again');
});

test('"pairs without findings" hides and shows the clean pairs', async (page) => {
  const clean = await page.locator('tbody.unit.clean').count();
  assert(clean > 0, 'no clean pair');
  await setBox(page, 'pairs', 'clean', false);
  eq(await page.locator('tbody.unit.clean:visible').count(), 0, 'clean pairs shown');
  await setBox(page, 'pairs', 'clean', true);
  eq(await page.locator('tbody.unit.clean:visible').count(), clean, 'clean pairs after');
});

test('summary: counts by check as in the JSON, each linking to a finding row', async (page) => {
  const rows = await page.locator('table.summary tbody tr').evaluateAll((rs) => rs.map((r) => {
    const n = Array.from(r.querySelectorAll('td.n')).map((c) => Number(c.textContent));
    const a = r.querySelector('a');
    return [r.dataset.check, n[0] + n[1] + n[2], a ? a.getAttribute('href') : null];
  }));
  for (const [check, count, href] of rows) {
    eq(count, findings.filter((f) => f.check === check).length, `${check} count`);
    if (count > 0) {
      const row = page.locator(href);
      eq(await row.getAttribute('data-check'), check, `${href} check`);
    }
  }
});

const failed = [];
const requests = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(reportPath).href);
  test('no network request and no script error', async () => {
    eq(requests, [], 'requests');
    eq(errors, [], 'script errors');
  });
  console.log(`1..${tests.length + 1}`);
  for (let i = 0; i < tests.length; i++) {
    try {
      await tests[i].fn(page);
      console.log(`ok ${i + 1} - ${tests[i].name}`);
    } catch (e) {
      failed.push(i + 1);
      console.log(`not ok ${i + 1} - ${tests[i].name}`);
      console.log(String(e.stack || e).split('\n').slice(0, 6).map((l) => '# ' + l).join('\n'));
    }
  }
  /* The README's picture: the header, the summary, the filters and the first flagged pairs. */
  await setBox(page, 'pairs', 'clean', false);
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: screenshotPath });
  console.log(`ok ${tests.length + 1} - screenshot written to ${screenshotPath}`);
} finally {
  await browser.close();
}
process.exit(failed.length > 0 ? 1 : 0);
