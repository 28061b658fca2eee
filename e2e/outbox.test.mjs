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

/** Sends each text from the pages in turn (A, B, A, B…). */
async function sendInTurn(pages, texts) {
  for (const [k, t] of texts.entries()) await sendPraise(pages[k % pages.length], t);
}

/**
 * Controls the endpoint as the browser sees it and records every request per submission
 * id: `statuses.get(id)` lists each request's answer (0: none), `overlap` counts
 * requests for one id that were in flight at the same time.
 */
async function endpoint(context) {
  const state = { mode: 'up', statuses: new Map(), texts: new Map(), inFlight: new Map(), overlap: 0, delayMs: 0 };
  const record = (id, status) => state.statuses.set(id, [...(state.statuses.get(id) || []), status]);
  await context.route('**/api/feedback', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST') return route.continue();
    const body = JSON.parse(req.postData() || '{}');
    const id = body.id;
    state.texts.set(id, body.praise?.text);
    const n = (state.inFlight.get(id) || 0) + 1;
    state.inFlight.set(id, n);
    if (n > 1) state.overlap++;
    try {
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (state.mode === 'down') {
        record(id, 503);
        await route.fulfill({ status: 503, headers: { 'Retry-After': '1' }, body: 'down for maintenance' });
      } else if (state.mode === 'refuse') {
        record(id, 422);
        await route.fulfill({ status: 422, contentType: 'application/json', body: '{"error":"venue is not known here"}' });
      } else if (state.mode === 'slow-once') {
        state.mode = 'up';
        // The receiver stores it, but the answer comes after the app's 15 s timeout.
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 16_500));
        record(id, 0);
        await route.fulfill({ response }).catch(() => {});
      } else {
        const response = await route.fetch();
        record(id, response.status());
        await route.fulfill({ response }).catch(() => {});
      }
    } finally {
      state.inFlight.set(id, state.inFlight.get(id) - 1);
    }
  });
  return state;
}

/** How many requests for `id` the endpoint answered with a 2xx. */
function delivered(ep, id) {
  return (ep.statuses.get(id) || []).filter((s) => s >= 200 && s < 300).length;
}

/** Waits until the submission of each text got a 2xx at the endpoint; returns their ids. */
async function waitDelivered(ep, texts, timeoutMs = 45_000) {
  const start = Date.now();
  for (;;) {
    const ids = texts.map((t) => [...ep.texts].find(([id, text]) => text === t && delivered(ep, id) > 0)?.[0]);
    if (ids.every(Boolean)) return ids;
    if (Date.now() - start > timeoutMs) throw new Error(`not delivered: ${texts.filter((_, k) => !ids[k])}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Each submission got exactly one 2xx, and nothing was sent after it. */
function assertOnceEach(ep, ids) {
  for (const id of ids) {
    const statuses = ep.statuses.get(id);
    assert.equal(delivered(ep, id), 1, `${ep.texts.get(id)}: one successful request, got ${statuses}`);
    assert.ok(statuses.at(-1) >= 200 && statuses.at(-1) < 300, `${ep.texts.get(id)}: nothing after it (${statuses})`);
  }
  assert.equal(ep.overlap, 0, 'never two requests for one submission at once');
}

/**
 * What the localStorage lease guarantees (SPEC §5: at least once, never two requests for
 * one submission at once): each submission delivered, nothing sent after a 2xx but a
 * repeat of it, never two requests at once, and stored once by the receiver.
 */
async function assertAtLeastOnceEach(ep, ids) {
  for (const id of ids) {
    const statuses = ep.statuses.get(id);
    assert.ok(delivered(ep, id) >= 1, `${ep.texts.get(id)}: delivered (${statuses})`);
    const first = statuses.findIndex((s) => s >= 200 && s < 300);
    assert.ok(
      statuses.slice(first).every((s) => s >= 200 && s < 300),
      `${ep.texts.get(id)}: no failure after a delivery (${statuses})`,
    );
  }
  assert.equal(ep.overlap, 0, 'never two requests for one submission at once');
  const stored = (await receiver.received()).map((r) => r.payload.id);
  for (const id of ids) assert.equal(stored.filter((x) => x === id).length, 1, `${ep.texts.get(id)}: stored once`);
}

/**
 * Wakes every page's outbox at once (as the browser's `online` event does), so a page
 * that would send something again does it now, then lets the requests settle.
 */
async function wakeAll(pages) {
  await Promise.all(pages.map((p) => p.evaluate(() => window.dispatchEvent(new Event('online')))));
  await pages[0].waitForTimeout(3000);
}

/** Hides the Web Locks API from every page of the context, as on plain http. */
async function withoutWebLocks(context) {
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
  });
}

/** Opens the staff page with the sample PIN, reads the outbox figures, and goes back. */
async function staffFigures(page) {
  await page.getByRole('link', { name: 'Staff' }).click();
  await page.getByLabel('Staff PIN').fill('1234');
  await page.getByRole('button', { name: 'Open' }).click();
  const outbox = page.getByRole('region', { name: 'Outbox' });
  const value = async (term) =>
    (await outbox.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent()).trim();
  const figures = {
    pending: Number(await value('Waiting to be delivered')),
    rejected: Number(await value('Refused by the endpoint')),
    lastError: await value('Last error'),
    text: await outbox.textContent(),
  };
  await outbox.getByRole('link', { name: 'Back to the form' }).click();
  await page.getByRole('textbox', { name: 'What went well?' }).waitFor();
  return figures;
}

/** Opens the French staff page and returns its text. */
async function staffTextFr(page) {
  await page.getByRole('link', { name: 'Équipe' }).click();
  await page.getByLabel("Code de l'équipe").fill('1234');
  await page.getByRole('button', { name: 'Ouvrir' }).click();
  const outbox = page.getByRole('region', { name: "Boîte d'envoi" });
  await outbox.locator('dl').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  const text = await outbox.textContent();
  await outbox.getByRole('link', { name: 'Retour au formulaire' }).click();
  return text;
}

describe('the outbox', () => {
  it('keeps submissions through an outage and a reload, then delivers each in one successful request', async () => {
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
    const ids = await waitDelivered(ep, texts);
    await wakeAll([page]);
    assertOnceEach(ep, ids);
    const rows = (await receiver.received()).filter((x) => ids.includes(x.payload.id));
    assert.equal(rows.length, 3);
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
    const posts = [...ep.statuses.values()].flat();
    assert.deepEqual(posts, [422], 'a 422 is not retried');
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
    const [id] = await waitDelivered(ep, ['slow endpoint'], 60_000);
    await page.waitForTimeout(1000);
    // The first request's answer came after the app gave up on it; the retry's counts.
    assert.deepEqual(ep.statuses.get(id), [0, 200]);
    const after = await receiver.received();
    assert.equal(after.filter((x) => x.payload.id === id).length, 1, 'de-duplicated on id');
    assert.equal((await staffFigures(page)).pending, 0);
    await context.close();
  });

  it('sends each submission in one request with two tabs open', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    const a = await openPage(browser, receiver, { config, context });
    const b = await openPage(browser, receiver, { config, context });
    const texts = ['both up A1', 'both up B1', 'both up A2', 'both up B2'];
    await sendInTurn([a.page, b.page], texts);
    const ids = await waitDelivered(ep, texts);
    await wakeAll([a.page, b.page]);
    for (const id of ids) assert.deepEqual(ep.statuses.get(id), [201], ep.texts.get(id));
    assert.equal(ep.overlap, 0);
    await context.close();
  });

  it('with two tabs and the endpoint down then up, delivers each submission in one successful request', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.mode = 'down';
    const a = await openPage(browser, receiver, { config, context });
    const b = await openPage(browser, receiver, { config, context });
    const texts = ['down A1', 'down B1', 'down A2', 'down B2'];
    await sendInTurn([a.page, b.page], texts);
    await a.page.waitForTimeout(1500);
    assert.ok([...ep.statuses.values()].flat().includes(503), 'tried while down');
    ep.mode = 'up';
    const ids = await waitDelivered(ep, texts);
    await wakeAll([a.page, b.page]);
    assertOnceEach(ep, ids);
    await context.close();
  });

  it('sends under a Web Lock in Chromium, with no lease in localStorage', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const ep = await endpoint(context);
    ep.delayMs = 2000;
    const { page } = await openPage(browser, receiver, { config, context });
    await sendPraise(page, 'under a web lock');
    while (![...ep.inFlight.values()].some((n) => n > 0)) await page.waitForTimeout(50);
    const during = await page.evaluate(async () => ({
      held: (await navigator.locks.query()).held.map((l) => l.name),
      lease: localStorage.getItem('evenhand.outbox.lease'),
    }));
    assert.deepEqual(during, { held: ['evenhand-outbox'], lease: null });
    const [id] = await waitDelivered(ep, ['under a web lock']);
    await page.waitForTimeout(500);
    const afterwards = await page.evaluate(async () => (await navigator.locks.query()).held.length);
    assert.equal(afterwards, 0, 'released once the request settled');
    assert.deepEqual(ep.statuses.get(id), [201]);
    await context.close();
  });

  it('without Web Locks, two tabs share the lease and deliver each submission, never two requests at once', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await withoutWebLocks(context);
    const ep = await endpoint(context);
    ep.mode = 'down';
    const a = await openPage(browser, receiver, { config, context });
    const b = await openPage(browser, receiver, { config, context });
    assert.equal(await a.page.evaluate(() => navigator.locks), undefined);
    const texts = ['lease A1', 'lease B1', 'lease A2', 'lease B2'];
    await sendInTurn([a.page, b.page], texts);
    await a.page.waitForTimeout(1500);
    ep.delayMs = 1000;
    ep.mode = 'up';
    while (![...ep.inFlight.values()].some((n) => n > 0)) await a.page.waitForTimeout(50);
    const lease = JSON.parse(await a.page.evaluate(() => localStorage.getItem('evenhand.outbox.lease')));
    assert.ok(lease?.owner && lease.until_ms > Date.now(), `a lease is held while sending: ${JSON.stringify(lease)}`);
    const ids = await waitDelivered(ep, texts, 60_000);
    await wakeAll([a.page, b.page]);
    await assertAtLeastOnceEach(ep, ids);
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
    await waitDelivered(ep, ['survives a wipe']);
    const figures = await staffFigures(page);
    assert.match(figures.text, /storage was cleared/, 'staff are told');
    await context.close();
  });

  it('tells staff, in their language, when storage fails', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    // The browser refuses to delete from the outbox on pages opened with ?break-delete.
    await context.addInitScript(() => {
      if (!new URLSearchParams(location.search).has('break-delete')) return;
      IDBObjectStore.prototype.delete = () => {
        throw new DOMException('the disk is on fire', 'UnknownError');
      };
    });
    const ep = await endpoint(context);
    const { page } = await openPage(browser, receiver, { config, context, query: '?break-delete' });
    await sendPraise(page, 'cannot be removed');
    const [id] = await waitDelivered(ep, ['cannot be removed']);
    await page.waitForTimeout(500);
    const figures = await staffFigures(page);
    assert.match(figures.text, /A delivered submission could not be removed from the outbox \(the disk is on fire\)/);
    await page.close();
    // Still stored, so a French page sends it again (the receiver keeps one copy) and
    // meets the same refusal.
    const fr = await openPage(browser, receiver, { config, context, query: '?break-delete&lang=fr' });
    while ((ep.statuses.get(id) || []).length < 2) await fr.page.waitForTimeout(100);
    await fr.page.waitForTimeout(500);
    assert.match(await staffTextFr(fr.page), /Un avis livré n'a pas pu être retiré de la boîte d'envoi \(the disk is on fire\)/);
    assert.equal((await receiver.received()).filter((x) => x.payload.id === id).length, 1);
    await context.close();
  });
});
