// bitext — the review page's speed in headless chromium (tests/bench/review/run.sh runs it).
//
// usage: node bench.mjs BIG_URL SMALL_URL
// Prints the open time of both pages (best of REPS loads), the time to fetch and parse the big
// pair's JSON alone, and the latency of key presses: moving between beads, and edits (merge, undo,
// split, redo), from the keydown event to the page drawn after the server's answer.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const [big, small] = process.argv.slice(2);
const REPS = Number(process.env.REPS || 5);
const EDITS = Number(process.env.EDITS || 20);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x) => x.toFixed(1).padStart(8);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
         '--disable-extensions', '--no-first-run'],
});

async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.openMs !== undefined,
                             null, { timeout: 60000 });
  const ms = Number(await page.evaluate(() => document.documentElement.dataset.openMs));
  return { page, ms };
}

async function openTimes(url) {
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const { page, ms } = await open(url);
    times.push(ms);
    await page.close();
  }
  return times;
}

// The key's latency: keydown (capture, before the page's handler) to the next drawn frame after
// the page's 'review:rendered' event.
async function keyLatency(page, key) {
  await page.evaluate(() => {
    window.__t = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('keydown', () => { t0 = performance.now(); }, { once: true, capture: true });
      document.addEventListener('review:rendered', () =>
        requestAnimationFrame(() => resolve(performance.now() - t0)), { once: true });
    });
  });
  await page.keyboard.press(key);
  const ms = await page.evaluate(() => window.__t);
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
  return ms;
}

try {
  const bigOpen = await openTimes(big);
  const smallOpen = await openTimes(small);
  const { page } = await open(big);
  const n = await page.evaluate(() => document.querySelectorAll('.bead').length);
  const fetchParse = [];
  for (let i = 0; i < REPS; i++)
    fetchParse.push(await page.evaluate(async () => {
      const token = new URLSearchParams(location.search).get('token');
      const t0 = performance.now();
      const r = await fetch('/api/pair', { headers: { 'X-Bitext-Token': token } });
      const m = await r.json();
      return m.beads.length > 0 ? performance.now() - t0 : -1;
    }));
  const beads = await page.evaluate(async () => {
    const token = new URLSearchParams(location.search).get('token');
    const r = await fetch('/api/pair', { headers: { 'X-Bitext-Token': token } });
    return (await r.json()).beads.length;
  });
  // To the middle of the pair, then edits there.
  await page.keyboard.press('End');
  for (let i = 0; i < 10; i++) await page.keyboard.press('PageUp');
  const move = [], merge = [], undo = [], split = [], redo = [];
  for (let i = 0; i < EDITS; i++) {
    move.push(await keyLatency(page, 'j'));
    merge.push(await keyLatency(page, 'm'));
    undo.push(await keyLatency(page, 'Control+z'));
    redo.push(await keyLatency(page, 'Control+y'));
    await page.keyboard.press('l');            // the second source sentence of the merged bead
    split.push(await keyLatency(page, 's'));
  }
  console.log(`review page, ${beads} beads (${n} drawn), chromium headless, ms (median; best for opening)`);
  console.log(`  open, ${beads} beads                  ${fmt(Math.min(...bigOpen))}   (median ${median(bigOpen).toFixed(1)}, ${REPS} loads)`);
  console.log(`  open, 80 beads (the speech)           ${fmt(Math.min(...smallOpen))}`);
  console.log(`  fetch + JSON.parse of the pair alone   ${fmt(Math.min(...fetchParse))}   (the floor)`);
  console.log(`  move to the next bead (j)             ${fmt(median(move))}   (max ${Math.max(...move).toFixed(1)})`);
  console.log(`  merge (m)                             ${fmt(median(merge))}   (max ${Math.max(...merge).toFixed(1)})`);
  console.log(`  undo (Ctrl+Z)                         ${fmt(median(undo))}   (max ${Math.max(...undo).toFixed(1)})`);
  console.log(`  redo (Ctrl+Y)                         ${fmt(median(redo))}   (max ${Math.max(...redo).toFixed(1)})`);
  console.log(`  split (s)                             ${fmt(median(split))}   (max ${Math.max(...split).toFixed(1)})`);
  console.log(`targets: open < 1000 ms, edit < 100 ms`);
} finally {
  await browser.close();
}
