// bitext — the HTML report's open time in headless chromium (tests/bench/report/run.sh runs it).
//
// usage: node bench.mjs LABEL=FILE.html...
// For each file: the time from navigation start to the first frame drawn after the load event
// (the page parsed, its script run, its units laid out), performance.now() in the page, best and
// median of REPS (3) loads; a load over TIMEOUT_S (60) seconds is reported as such.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const REPS = Number(process.env.REPS || 3);
const TIMEOUT = Number(process.env.TIMEOUT_S || 60) * 1000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
         '--disable-extensions', '--no-first-run'],
});

async function openMs(file) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: TIMEOUT });
    const units = await page.evaluate(() => document.querySelectorAll('tbody.unit').length);
    const ms = await page.evaluate(() => new Promise((resolve) =>
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
    return { ms, units };
  } catch (e) {
    return { ms: Infinity, units: 0 };
  } finally {
    await page.close();
  }
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`| ${pad('page', 58)} | units drawn | best ms | median ms |`);
console.log(`| ${'-'.repeat(58)} | ---: | ---: | ---: |`);
try {
  for (const arg of process.argv.slice(2)) {
    const [label, file] = arg.split('=');
    const times = [];
    let units = 0;
    for (let i = 0; i < REPS; i++) {
      const r = await openMs(file);
      times.push(r.ms);
      units = r.units;
      if (r.ms === Infinity) break;
    }
    times.sort((a, b) => a - b);
    const fmt = (x) => (x === Infinity ? `> ${TIMEOUT}` : x.toFixed(0));
    console.log(`| ${pad(label, 58)} | ${units} | ${fmt(times[0])} | ` +
                `${fmt(times[Math.floor(times.length / 2)])} |`);
  }
} finally {
  await browser.close();
}
