// What a real browser moves before the kiosk's form takes input (SPEC §9): headless
// Chromium against the receiver serving the release build, cold cache, no service worker.
// Sums CDP `Network.loadingFinished` encodedDataLength (bytes on the wire, headers
// included) of every response finished by the moment the first field is enabled; run
// once as Chromium asks (brotli where served) and once accepting gzip only.
import { launchBrowser, startReceiver } from '../e2e/harness.mjs';

const BUDGET = 120 * 1024;

async function firstLoad(browser, url, encodings) {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    ...(encodings && { extraHTTPHeaders: { 'Accept-Encoding': encodings } }),
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encoding = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '';
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r && r.bytes === undefined) r.bytes = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(`${url}/?place=table-4`, { waitUntil: 'commit' });
  await page.getByRole('textbox', { name: 'What went well?' }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  const done = [...requests.values()].filter((r) => r.bytes !== undefined);
  const pending = [...requests.values()].filter((r) => r.bytes === undefined).map((r) => r.url);
  await context.close();
  return { done, pending, total: done.reduce((s, r) => s + r.bytes, 0) };
}

const receiver = await startReceiver({ appDir: 'dist' });
const browser = await launchBrowser();
let verdict = true;
try {
  for (const [label, encodings] of [['as Chromium asks (brotli)', null], ['gzip only', 'gzip, deflate']]) {
    const { done, pending, total } = await firstLoad(browser, receiver.url, encodings);
    console.log(`\nbrowser, ${label}:`);
    for (const r of done) console.log(`  ${new URL(r.url).pathname.padEnd(42)} ${String(r.bytes).padStart(9)} ${r.encoding || '-'}`);
    if (pending.length) console.log(`  still loading, not counted: ${pending.map((u) => new URL(u).pathname).join(', ')}`);
    const within = total <= BUDGET;
    if (!encodings) verdict = within;
    console.log(
      `size: a browser moves ${total} bytes (${(total / 1024).toFixed(1)} KB), ${label}, before the form takes input; budget 120 KB: ${within ? 'within' : 'OVER'}`,
    );
  }
} finally {
  await browser.close();
  await receiver.stop();
}
process.exit(verdict ? 0 : 1);
