// What a real browser moves before the kiosk's form takes input (SPEC §9): headless
// Chromium against the receiver serving the release build, cold cache, no service worker.
// Sums CDP `encodedDataLength` (bytes on the wire, headers included) of what has arrived
// at two moments, once as Chromium asks (brotli where served) and once accepting gzip
// only:
// - the form takes input: the first text box is present, visible and enabled, and the
//   page has painted (its render-blocking CSS and script are in). The app's code (glue
//   and wasm) is held back until then, so this counts what the form needs, not what a
//   fast loopback link happens to bring alongside;
// - the app is interactive: its "Review" button is enabled (the first screen's says
//   the form is getting ready, aria-disabled), with everything let through but
//   guidance's word lists, which the app asks for only once it has announced itself
//   ready (src/app.rs): held until then, so a fast loopback link does not count them.
import { launchBrowser, startReceiver } from '../e2e/harness.mjs';

const BUDGET = 120 * 1024;
const APP_CODE = /\/evenhand-[0-9a-f]+(?:_bg\.wasm|\.js)$/;
const AFTER_READY = /\/guidance-[0-9a-f]+\.txt$/;

async function firstLoad(browser, url, encodings) {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    ...(encodings && { extraHTTPHeaders: { 'Accept-Encoding': encodings } }),
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, partial: 0 }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encoding = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '';
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.partial += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r && r.bytes === undefined) r.bytes = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(APP_CODE, async (route) => {
    await held;
    await route.continue();
  });
  const snapshot = () => {
    const all = [...requests.values()];
    const done = all.filter((r) => r.bytes !== undefined).map((r) => ({ ...r }));
    const pending = all.filter((r) => r.bytes === undefined);
    const total = done.reduce((s, r) => s + r.bytes, 0) + pending.reduce((s, r) => s + r.partial, 0);
    return { done, pending: pending.map((r) => r.url), total };
  };

  let ready;
  const interactive = new Promise((resolve) => (ready = resolve));
  await page.route(AFTER_READY, async (route) => {
    await interactive;
    await route.continue();
  });
  await page.goto(`${url}/?place=table-4`, { waitUntil: 'commit' });
  await page.getByRole('textbox', { name: 'What went well?' }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  // Painted: a frame renders only once render-blocking CSS and scripts are in.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const input = snapshot();
  release();
  await page.getByRole('button', { name: 'Review', disabled: false }).waitFor({ timeout: 30_000 });
  const app = snapshot();
  ready();
  await context.close();
  return { input, app };
}

function print(label, moment, { done, pending, total }) {
  console.log(`\nbrowser, ${label}, until ${moment}:`);
  for (const r of done) console.log(`  ${new URL(r.url).pathname.padEnd(42)} ${String(r.bytes).padStart(9)} ${r.encoding || '-'}`);
  if (pending.length) console.log(`  still loading (bytes so far counted): ${pending.map((u) => new URL(u).pathname).join(', ')}`);
}

const kb = (n) => `${n} bytes (${(n / 1024).toFixed(1)} KB)`;
const receiver = await startReceiver({ appDir: 'dist' });
const browser = await launchBrowser();
let verdict = true;
try {
  for (const [label, encodings] of [['as Chromium asks (brotli)', null], ['gzip only', 'gzip, deflate']]) {
    const { input, app } = await firstLoad(browser, receiver.url, encodings);
    print(label, 'the form takes input', input);
    print(label, 'the app is interactive', app);
    const within = input.total <= BUDGET;
    if (!encodings) verdict = within;
    console.log(
      `size: a browser moves ${kb(input.total)}, ${label}, before the form takes input; budget 120 KB: ${within ? 'within' : 'OVER'}`,
    );
    console.log(`size: ${kb(app.total)}, ${label}, before the app is interactive (its "Review" enabled)`);
  }
} finally {
  await browser.close();
  await receiver.stop();
}
process.exit(verdict ? 0 : 1);
