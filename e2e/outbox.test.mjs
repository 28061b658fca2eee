// Never lose a submission: the outbox against the real receiver, with the endpoint
// down, refusing, slow, two tabs at once, and storage cleared underneath the app.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, startReceiver, testConfig, waitForReceived } from './harness.mjs';

let receiver;
let browser;

before(async () => {
  receiver = await startReceiver();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const config = testConfig({ cooling_off_seconds: 0, cooling_off_heated_seconds: 0 });

/** One praise-only session; returns once the thank-you shows. */
async function sendPraise(page, text) {
  await page.getByRole('textbox', { name: 'What went well?' }).fill(text);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: /Thank you/ }).waitFor();
  await page.getByRole('button', { name: 'Give more feedback' }).click();
  await page.getByRole('textbox', { name: 'What went well?' }).waitFor();
}

/** Controls the endpoint as the browser sees it; counts requests per submission id. */
async function endpoint(context) {
  const state = { mode: 'up', perId: new Map(), inFlight: new Map(), overlap: 0, delayFirstMs: 0 };
  await context.route('**/api/feedback', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST') return route.continue();
    const id = JSON.parse(req.postData() || '{}').id;
    state.perId.set(id, (state.perId.get(id) || 0) + 1);
    const n = (state.inFlight.get(id) || 0) + 1;
    state.inFlight.set(id, n);
    if (n > 1) state.overlap++;
    try {
      if (state.mode === 'down') {
        await route.fulfill({ status: 503, headers: { 'Retry-After': '1' }, body: 'down for maintenance' });
      } else if (state.mode === 'refuse') {
        await route.fulfill({ status: 422, contentType: 'application/json', body: '{"error":"venue is not known here"}' });
      } else if (state.mode === 'slow-once') {
        state.mode = 'up';
        // The receiver stores it, but the answer comes after the app's 15 s timeout.
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 16_500));
        await route.fulfill({ response }).catch(() => {});
      } else {
        await route.continue();
      }
    } finally {
      state.inFlight.set(id, state.inFlight.get(id) - 1);
    }
  });
  return state;
}

async function idsOf(received) {
  return received.map((r) => r.payload.id);
}

function countBy(list) {
  const m = new Map();
  for (const x of list) m.set(x, (m.get(x) || 0) + 1);
  return m;
}

/** Opens the staff view with the sample PIN and reads the outbox figures. */
async function staffFigures(page) {
  await page.getByRole('button', { name: 'Staff' }).click();
  await page.getByLabel('Staff PIN').fill('1234');
  await page.getByRole('button', { name: 'Open' }).click();
  const dialog = page.getByRole('dialog', { name: 'Outbox' });
  await dialog.waitFor();
  const value = async (term) =>
    (await dialog.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent()).trim();
  const figures = {
    pending: Number(await value('Waiting to be delivered')),
    rejected: Number(await value('Refused by the endpoint')),
    lastError: await value('Last error'),
    text: await dialog.textContent(),
  };
  await dialog.getByRole('button', { name: 'Close' }).click();
  return figures;
}

describe('the outbox', () => {
  it('keeps submissions through an outage and a reload, then delivers each exactly once', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.mode = 'down';
    const { page } = await openPage(browser, receiver, { config, context, query: '?place=outage' });
    const texts = ['outage one', 'outage two', 'outage three'];
    for (const t of texts) await sendPraise(page, t);
    await page.waitForTimeout(1500);
    const during = await staffFigures(page);
    assert.equal(during.pending, 3, 'three waiting while the endpoint is down');
    assert.match(during.lastError, /503/);
    await page.reload();
    await page.getByRole('textbox', { name: 'What went well?' }).waitFor();
    ep.mode = 'up';
    const got = await waitForReceived(
      receiver,
      (r) => texts.every((t) => r.some((x) => x.payload.praise.text === t)),
      45_000,
    );
    const mine = got.filter((x) => texts.includes(x.payload.praise.text));
    assert.equal(mine.length, 3, 'each arrived exactly once');
    assert.equal(ep.overlap, 0, 'never two requests for one submission at once');
    for (const [, n] of countBy(await idsOf(mine))) assert.equal(n, 1);
    await page.waitForTimeout(500);
    assert.equal((await staffFigures(page)).pending, 0, 'nothing left waiting');
    await context.close();
  });

  it('keeps a refused submission as rejected and does not retry it', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.mode = 'refuse';
    const { page } = await openPage(browser, receiver, { config, context });
    await sendPraise(page, 'refused one');
    await page.waitForTimeout(6000);
    const posts = [...ep.perId.values()].reduce((a, b) => a + b, 0);
    assert.equal(posts, 1, 'a 422 is not retried');
    const figures = await staffFigures(page);
    assert.equal(figures.rejected, 1);
    assert.match(figures.lastError, /422/);
    await context.close();
  });

  it('retries a request that outlives the timeout; the receiver keeps one copy', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.mode = 'slow-once';
    const { page } = await openPage(browser, receiver, { config, context });
    await sendPraise(page, 'slow endpoint');
    const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise.text === 'slow endpoint'));
    const id = got.find((x) => x.payload.praise.text === 'slow endpoint').payload.id;
    const start = Date.now();
    while ((ep.perId.get(id) || 0) < 2 && Date.now() - start < 40_000) await page.waitForTimeout(250);
    assert.ok(ep.perId.get(id) >= 2, 'the timed-out request was retried');
    await page.waitForTimeout(1000);
    const after = await receiver.received();
    assert.equal(after.filter((x) => x.payload.id === id).length, 1, 'de-duplicated on id');
    assert.equal((await staffFigures(page)).pending, 0);
    await context.close();
  });

  it('sends each item once with two tabs open', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.mode = 'down';
    const a = await openPage(browser, receiver, { config, context });
    const b = await openPage(browser, receiver, { config, context });
    await sendPraise(a.page, 'tab A');
    await sendPraise(b.page, 'tab B');
    await a.page.waitForTimeout(1000);
    ep.mode = 'up';
    const got = await waitForReceived(receiver, (r) => ['tab A', 'tab B'].every((t) => r.some((x) => x.payload.praise.text === t)), 45_000);
    await a.page.waitForTimeout(3000);
    const mine = (await receiver.received()).filter((x) => x.payload.praise.text.startsWith('tab '));
    assert.equal(mine.length, 2);
    assert.equal(ep.overlap, 0, 'never two requests for one submission at once, across tabs');
    for (const x of got.filter((x) => x.payload.praise.text.startsWith('tab '))) {
      assert.ok(ep.perId.get(x.payload.id) >= 1);
    }
    await context.close();
  });

  it('reports storage cleared by the browser and still delivers what it held', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.mode = 'down';
    const { page } = await openPage(browser, receiver, { config, context });
    await sendPraise(page, 'survives a wipe');
    await page.waitForTimeout(500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: new URL(receiver.url).origin,
      storageTypes: 'indexeddb,local_storage',
    });
    ep.mode = 'up';
    await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise.text === 'survives a wipe'), 45_000);
    const figures = await staffFigures(page);
    assert.match(figures.text, /storage was cleared/, 'staff are told');
    await context.close();
  });
});
