// 1,000 kiosk sessions in one page of a release build (SPEC §9: heap growth ≤ 1 MB).
// Each session writes praise and a complaint-free rating, reviews, sends, and starts a
// fresh form. Prints JS heap and wasm memory growth after garbage collection, and the
// DOM nodes and JS event listeners left at the end, against a warmed-up baseline.
import { launchBrowser, startReceiver } from '../e2e/harness.mjs';

const SESSIONS = Number(process.env.SESSIONS || 1000);
const WARMUP = 20;
const BUDGET_BYTES = 1024 * 1024;

const receiver = await startReceiver({ appDir: 'dist' });
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
const page = await context.newPage();
await page.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__evenhandWasm = e.detail.wasm;
  });
});
let loads = 0;
page.on('load', () => loads++);
const cdp = await context.newCDPSession(page);
await cdp.send('HeapProfiler.enable');

async function measure() {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const wasm = await page.evaluate(() => window.__evenhandWasm?.memory?.buffer?.byteLength ?? 0);
  return { js: heap.usedSize, wasm, nodes: dom.nodes, listeners: dom.jsEventListeners };
}

async function session(i) {
  await page.getByRole('textbox', { name: 'What went well?' }).fill(`Session ${i}: warm welcome, quick service.`);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: /Thank you/ }).waitFor();
  await page.getByRole('button', { name: 'Give more feedback' }).click();
  await page.getByRole('textbox', { name: 'What went well?' }).waitFor();
}

const started = Date.now();
try {
  await page.goto(`${receiver.url}/?place=soak`);
  for (let i = 0; i < WARMUP; i++) await session(i);
  const before = await measure();
  for (let i = 0; i < SESSIONS; i++) {
    await session(WARMUP + i);
    if ((i + 1) % 250 === 0) {
      const m = await measure();
      console.log(`  ${i + 1} sessions: JS heap ${(m.js / 1024).toFixed(0)} KB, wasm memory ${(m.wasm / 1024).toFixed(0)} KB, ${m.nodes} DOM nodes, ${m.listeners} listeners`);
    }
  }
  // Let the outbox finish delivering before the final reading.
  await page.waitForTimeout(2000);
  const after = await measure();
  const received = (await receiver.received()).length;
  const growth = after.js - before.js + (after.wasm - before.wasm);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`soak: ${SESSIONS} sessions in ${((Date.now() - started) / 1000).toFixed(0)} s, ${received} submissions received`);
  console.log(`soak: JS heap ${kb(before.js)} -> ${kb(after.js)} (${kb(after.js - before.js)})`);
  console.log(`soak: wasm memory ${kb(before.wasm)} -> ${kb(after.wasm)} (${kb(after.wasm - before.wasm)})`);
  console.log(`soak: DOM nodes ${before.nodes} -> ${after.nodes}; JS event listeners ${before.listeners} -> ${after.listeners}`);
  console.log(`soak: page loads ${loads} (the kiosk reloads itself at a fresh session every 200 sessions)`);
  console.log(`soak: heap growth ${kb(growth)}, budget ${kb(BUDGET_BYTES)}: ${growth <= BUDGET_BYTES ? 'within' : 'OVER'}`);
  process.exitCode = growth <= BUDGET_BYTES && received >= SESSIONS + WARMUP ? 0 : 1;
} finally {
  await browser.close();
  await receiver.stop();
}
