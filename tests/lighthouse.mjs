// Lighthouse on several pages in one go: one Node process and one Chromium (Debian's, from CHROME_PATH)
// for all of them, each page audited in a fresh tab with Lighthouse's defaults (mobile form factor).
// Usage: node tests/lighthouse.mjs OUT.json CATEGORY,… URL…   OUT.json gets {url: {category: score}}.
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';  // Lighthouse's own launcher (package-lock.json pins it)

const [out, categories, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const scores = {};
try {
  for (const url of urls) {
    const result = await lighthouse(url, {port: chrome.port, logLevel: 'error', onlyCategories: categories.split(',')});
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    scores[url] = Object.fromEntries(Object.entries(result.lhr.categories).map(([id, c]) => [id, c.score]));
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(out, JSON.stringify(scores, null, 1));
