// Reads every page of built sites the way a reader's phone does (issue 17): Debian's headless
// Chromium, through a local HTTP server that answers a missing address with the 404 page as a
// configured server would. Runs axe-core on every page and the checks axe cannot make (tap
// target, focus ring contrast, skip link, fonts drawn, language of every text, first screen at
// 240×320, unbreakable sizes, 404 links at any depth, favicon and font requests), and prints one
// JSON report; `tests/browser.rs` turns it into one test per item.
//
// Usage: node check.js INPUT.json  (INPUT: {chromium, sites: [{name, out, langs, vi}]})
'use strict';

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAI_VIET = /[\uAA80-\uAADF]/;
const FONT_BUDGET = 15 * 1024;

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const report = { pages: 0, findings: [], evidence: { tai_drawn: 0, sizes: 0, tel_names: [], first_screen: [], fonts: [], not_found: 0, described_marks: 0 } };
const find = (item, page, detail) => report.findings.push({ item, page, detail });

const TYPES = { '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.pdf': 'application/pdf' };

// A static server over one OUT folder; `log` collects [path, status, bytes] of every request.
function serve(site) {
  const log = [];
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(site.out, rel);
    if (!file.startsWith(site.out)) file = '';
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!file || !fs.existsSync(file)) {
      // As `error_page 404 /LANG/404.html;` in a server block per language folder.
      status = 404;
      const first = rel.split('/')[1];
      const own = site.langs.includes(first) && path.join(site.out, first, '404.html');
      file = own && fs.existsSync(own) ? own : path.join(site.out, '404.html');
    }
    const body = fs.readFileSync(file);
    log.push([rel, status, body.length]);
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, log, port: server.address().port })));
}

function htmlPages(dir, rel = '') {
  let out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out = out.concat(htmlPages(dir, r));
    else if (e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

// Address of an HTML file: folders end in `/`, the 404 pages are reached at a missing address.
function address(rel) {
  if (rel.endsWith('index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: input.chromium,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
  });
  try {
    for (const site of input.sites) {
      const { server, log, port } = await serve(site);
      const origin = `http://127.0.0.1:${port}`;
      try {
        const page = await browser.newPage();
        for (const rel of htmlPages(site.out)) {
          // A redirect page (aliases) only forwards the reader.
          const text = fs.readFileSync(path.join(site.out, rel), 'utf8');
          if (/http-equiv="refresh"/i.test(text)) continue;
          const at = rel.endsWith('404.html') ? address(rel).replace(/404\.html$/, '') + 'a/b/c/khong-co-trang-nay/' : address(rel);
          const name = `${site.name}:/${rel}`;
          await checkPage(page, origin + at, name, log, site, text);
          report.pages++;
        }
        await page.close();
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report, null, 1));
}

async function load(page, url, log, width, height) {
  await page.setViewport({ width, height, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  log.length = 0;
  const res = await page.goto(url, { waitUntil: 'networkidle0' });
  await page.evaluate(() => document.fonts.ready);
  return res;
}

async function checkPage(page, url, name, log, site, text) {
  const res = await load(page, url, log, 320, 640);
  const notFound = url.endsWith('/khong-co-trang-nay/');
  if (notFound) {
    report.evidence.not_found++;
    if (res.status() !== 404) find('not-found', name, `answered ${res.status()}`);
  }
  await axe(page, name);
  await requests(page, name, log, text, notFound);
  await fonts(page, name);
  await hotline(page, name);
  await focusRing(page, name);
  await skipLink(page, name);
  await languages(page, name, site);
  await links(page, name, notFound, site);
  await marks(page, name);
  await sizes(page, name);
  await telNames(page, name);
  await load(page, url, log, 240, 320);
  await firstScreen(page, name);
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations) {
    find('axe', name, `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

// No /favicon.ico; what the theme loads is there (every request of a 404 page shown at a deep
// address, fonts everywhere; a missing picture in the content is `loa check`'s to report);
// fonts only for Tai Viet letters, and small.
async function requests(page, name, log, text, notFound) {
  const body = text.slice(text.indexOf('<body'));
  for (const [rel, status, bytes] of log.slice(1)) {
    if (rel === '/favicon.ico') find('favicon', name, 'the browser asked for /favicon.ico');
    else if (status >= 400 && (notFound || rel.endsWith('.woff2'))) find('broken-request', name, `${rel} answered ${status}`);
    if (rel.endsWith('.woff2')) {
      report.evidence.fonts.push({ page: name, font: rel, bytes });
      if (!TAI_VIET.test(body)) find('font-only-where-needed', name, `${rel} fetched by a page without Tai Viet letters`);
      if (bytes > FONT_BUDGET) find('font-size', name, `${rel} is ${bytes} bytes`);
    }
  }
  // Vietnamese never waits for a web font: no face may cover Latin letters.
  const latin = await page.evaluate(() => [...document.fonts].filter((f) => f.unicodeRange.split(',').some((r) => {
    const [lo, hi] = r.trim().replace(/^U\+/i, '').split('-').map((x) => parseInt(x.replace(/\?/g, '0'), 16));
    return lo <= 0x1EF9 && (hi === undefined ? lo : hi) >= 0x41;
  })).map((f) => f.family));
  for (const family of latin) find('font-only-where-needed', name, `the web font ${family} covers Latin letters`);
}

// Every text holding Tai Viet letters is drawn with a font that has them, not as boxes: its
// letters, laid out where they stand, are as wide as in Noto Sans Tai Viet and not as wide as
// the boxes of a font that lacks them. (DevTools' platform-font report names the wrong font for
// bold text drawn with a synthesised bold, so the layout is measured instead.)
async function fonts(page, name) {
  const r = await page.evaluate(() => {
    const out = { drawn: 0, boxes: [] };
    const width = (parent, text, family) => {
      const s = document.createElement('span');
      s.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:0;top:0';
      if (family) s.style.fontFamily = family;
      s.textContent = text;
      parent.appendChild(s);
      const w = s.getBoundingClientRect().width;
      s.remove();
      return w;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const tai = (node.data.match(/[\uAA80-\uAADF]+/g) || []).join('');
      const el = node.parentElement;
      if (!tai || !el.getClientRects().length) continue;
      const shown = width(el, tai, '');
      const real = width(el, tai, '"Noto Sans Tai Viet"');
      const boxes = width(el, tai, '"loa-no-such-font"');
      if (Math.abs(shown - real) < 0.5 && Math.abs(shown - boxes) > 0.5) out.drawn++;
      else out.boxes.push(`<${el.tagName.toLowerCase()}> "${node.data.trim().slice(0, 30)}": ${shown.toFixed(1)} px wide, ${real.toFixed(1)} in Noto Sans Tai Viet, ${boxes.toFixed(1)} as boxes`);
    }
    return out;
  });
  report.evidence.tai_drawn += r.drawn;
  for (const b of r.boxes) find('tai-viet-font', name, b);
}

// The whole red hotline box calls the number: every point of it is inside the tel: link.
async function hotline(page, name) {
  const misses = await page.evaluate(() => {
    const out = [];
    const red = [...document.body.querySelectorAll('*')].filter((e) => getComputedStyle(e).backgroundColor === 'rgb(179, 18, 27)');
    if (!red.length) out.push('no red hotline box');
    for (const box of red) {
      box.scrollIntoView({ block: 'center' });
      const r = box.getBoundingClientRect();
      for (const [fx, fy] of [[0.02, 0.1], [0.98, 0.1], [0.02, 0.9], [0.98, 0.9], [0.5, 0.5], [0.9, 0.5], [0.1, 0.5]]) {
        const x = r.left + fx * r.width, y = r.top + fy * r.height;
        const hit = document.elementFromPoint(x, y);
        if (!hit || !hit.closest('a[href^="tel:"]')) out.push(`${box.className} at (${Math.round(x - r.left)}, ${Math.round(y - r.top)}) hits <${hit && hit.tagName.toLowerCase()}>`);
      }
      if (!box.closest('main, header, footer, nav, aside, [role]')) out.push(`${box.className} is outside every landmark`);
    }
    window.scrollTo(0, 0);
    return out;
  });
  for (const m of misses) find('hotline-tap', name, m);
}

function luminance([r, g, b]) {
  const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// The next Tab goes to the first element of the page, as after loading it.
async function focusStart(page) {
  await page.evaluate(() => {
    const t = document.createElement('span');
    t.tabIndex = -1;
    document.body.prepend(t);
    t.focus();
    t.remove();
    window.scrollTo(0, 0);
  });
}

// Tab through the page: every focused element shows a ring of >= 3:1 against what is behind it.
async function focusRing(page, name) {
  await focusStart(page);
  const seen = new Set();
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      let bg = [255, 255, 255];
      for (let p = el.parentElement; p; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) { bg = c.slice(0, 3); break; }
      }
      const id = el.outerHTML.slice(0, 70);
      return { id, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: rgb(s.outlineColor).slice(0, 3), bg };
    });
    if (!f || seen.has(f.id)) break;
    seen.add(f.id);
    const ratio = contrast(f.color, f.bg);
    if (f.style === 'none' || f.width < 2 || ratio < 3) find('focus-ring', name, `${f.id}: ${f.style} ${f.width}px, ${ratio.toFixed(2)}:1`);
  }
}

// Tab, Enter on the skip link, Tab: the next stop is the hotline.
async function skipLink(page, name) {
  await focusStart(page);
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
  if (!skip || !skip.startsWith('#')) return find('skip-link', name, `first Tab stop is ${skip}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
  if (!next || !next.startsWith('tel:')) find('skip-link', name, `after the skip link, Tab goes to ${next}, not the hotline`);
}

// No Vietnamese interface or site text inside a region of another language.
async function languages(page, name, site) {
  const wrong = await page.evaluate((vi) => {
    const out = [];
    const langOf = (el) => { const l = el.closest('[lang]'); return l ? l.getAttribute('lang') : ''; };
    // Interface strings stand alone in their element or open it ("Mã QR dẫn tới https://…");
    // a Hmong sentence that quotes a Vietnamese law's name is the writer's text, not loa's.
    const test = (where, el, raw) => {
      const s = (raw || '').replace(/^[\s*(·:]+|[\s)·:.]+$/g, '');
      if (!s || langOf(el) === 'vi') return;
      const hit = vi.find((v) => s.startsWith(v));
      if (hit) out.push(`${where} (lang=${langOf(el)}): "${s.slice(0, 60)}" has "${hit}"`);
    };
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (el && !['STYLE', 'SCRIPT'].includes(el.tagName)) test(`<${el.tagName.toLowerCase()}>`, el, walker.currentNode.data);
    }
    for (const el of document.querySelectorAll('[alt], [aria-label], [title], meta[content]')) {
      for (const a of ['alt', 'aria-label', 'title', 'content']) if (el.hasAttribute(a)) test(`${a} of <${el.tagName.toLowerCase()}>`, el, el.getAttribute(a));
    }
    return out;
  }, site.vi);
  for (const w of wrong) find('language', name, w);
}

// Every link on the page leads somewhere (on a 404 page shown at a deep address too).
async function links(page, name, notFound, site) {
  if (!notFound) return;
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')]
    .filter((a) => !a.getAttribute('href').startsWith('#'))
    .map((a) => a.href)
    .filter((h) => h.startsWith(location.origin)));
  const bad = await page.evaluate(async (urls) => {
    const out = [];
    for (const u of urls) { const r = await fetch(u); if (r.status !== 200) out.push(`${u} → ${r.status}`); }
    return out;
  }, [...new Set(hrefs)]);
  for (const b of bad) find('not-found', name, `broken link ${b}`);
  const langs = await page.evaluate(() => document.querySelectorAll('.langs a, .langs [aria-current]').length);
  if (site.langs.length > 1 && langs < site.langs.length) find('not-found', name, 'no language switcher');
}

// A switcher mark (`*`) is explained in text the page shows, not in a tooltip.
async function marks(page, name) {
  const bad = await page.evaluate(() => {
    const out = [];
    for (const a of document.querySelectorAll('nav a')) {
      if (!a.textContent.trim().endsWith('*')) continue;
      const id = a.getAttribute('aria-describedby');
      const note = id && document.getElementById(id);
      const shown = note && note.getClientRects().length && note.innerText.trim().length > 2;
      if (!shown) out.push(`${a.textContent.trim()}: its mark is not explained on the page${a.title ? ' (only in a tooltip)' : ''}`);
    }
    return out;
  });
  for (const b of bad) find('not-translated-mark', name, b);
  report.evidence.described_marks += await page.evaluate(() => [...document.querySelectorAll('nav a[aria-describedby]')].length);
}

// A size (`40 KB`) never breaks between number and unit, however narrow its line.
async function sizes(page, name) {
  const r = await page.evaluate(() => {
    const out = { found: 0, broken: [] };
    const re = /\d[\d.,]*\s+(?:B|KB|MB)\b/g;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      for (const m of node.data.matchAll(re)) {
        out.found++;
        const el = node.parentElement;
        const saved = el.getAttribute('style');
        el.setAttribute('style', 'display:inline-block;width:1px;overflow-wrap:normal;word-break:normal');
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((q) => Math.round(q.top)));
        if (tops.size > 1) out.broken.push(m[0]);
        if (saved === null) el.removeAttribute('style'); else el.setAttribute('style', saved);
      }
    }
    return out;
  });
  report.evidence.sizes += r.found;
  for (const b of r.broken) find('size-break', name, `"${b}" can break between number and unit`);
}

// What a screen reader says for the hotline links the theme writes (header box and footer).
async function telNames(page, name) {
  const handles = await page.$$('a.hotline[href^="tel:"], footer a[href^="tel:"]');
  for (const h of handles) {
    const snap = await page.accessibility.snapshot({ root: h, interestingOnly: false });
    const lang = await h.evaluate((a) => { const l = a.querySelector('[lang]') || a.closest('[lang]'); return l ? l.getAttribute('lang') : ''; });
    const number = await h.evaluate((a) => a.getAttribute('href').slice(4));
    report.evidence.tel_names.push({ page: name, name: snap ? snap.name : '', lang, number });
  }
}

// At 240×320 the first screen shows a line of the page's own text (not only title bars).
async function firstScreen(page, name) {
  const r = await page.evaluate(() => {
    const blocks = [...document.querySelectorAll('main h1 ~ *, main h1 ~ * *')].filter((b) => b.matches('p, li, td, dd, blockquote, h2, h3, h4, h5, h6'));
    for (const b of blocks) {
      const shows = b.innerText.trim() || b.querySelector('img');
      if (b.closest('a.hotline, details, header, footer') || b.querySelector('time') || !shows) continue;
      const rect = b.getClientRects()[0];
      if (!rect) continue;
      const line = parseFloat(getComputedStyle(b).lineHeight) || 24;
      return { text: b.innerText.trim().slice(0, 40), bottom: rect.top + window.scrollY + Math.min(line, rect.height) };
    }
    return null;
  });
  report.evidence.first_screen.push({ page: name, bottom: r && Math.round(r.bottom) });
  if (!r) find('first-screen', name, 'no body text at all');
  else if (r.bottom > 320) find('first-screen', name, `the first line of body text ("${r.text}") ends at ${Math.round(r.bottom)} px, below 320`);
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(2); });
