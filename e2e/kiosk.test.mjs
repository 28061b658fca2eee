// Ready for the shop floor and the restaurant table: the kiosk's idle wipe, the guest's
// draft on their own phone, offline use after a first visit, forged QR links, the
// staff PIN and the QR sheet.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

const praiseBox = (page) => page.getByRole('textbox', { name: 'What went well?' });

describe('kiosk mode', () => {
  it('warns, then wipes an idle session from the screen and from storage', async () => {
    const config = testConfig({ kiosk: { idle_reset_seconds: 10, thank_you_seconds: 2 } });
    const { page, context } = await openPage(browser, receiver, { config });
    await praiseBox(page).fill('half-written thought');
    await page.getByRole('alertdialog').getByText('Are you still there?').waitFor({ timeout: 9_000 });
    await page.waitForFunction(() => document.querySelector('#praise')?.value === '', null, { timeout: 10_000 });
    assert.equal(await praiseBox(page).inputValue(), '', 'the text left the screen');
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    assert.ok(!stored.includes('half-written thought'), 'nothing of it stays in storage');
    await context.close();
  });

  it('keeps the session of a guest who says they are still there', async () => {
    const config = testConfig({ kiosk: { idle_reset_seconds: 10, thank_you_seconds: 2 } });
    const { page, context } = await openPage(browser, receiver, { config });
    await praiseBox(page).fill('slow writer');
    const still = page.getByRole('button', { name: "I'm still here" });
    await still.waitFor({ timeout: 9_000 });
    await still.click();
    await page.waitForTimeout(6_000);
    assert.equal(await praiseBox(page).inputValue(), 'slow writer');
    await context.close();
  });
});

describe("the guest's own phone", () => {
  it('keeps the draft across a reload and clears it once sent', async () => {
    const config = testConfig({ cooling_off_seconds: 0, cooling_off_heated_seconds: 0 });
    const { page, context } = await openPage(browser, receiver, { config, query: '?mode=personal&place=table-7' });
    await praiseBox(page).fill('Lovely dessert');
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('A bit noisy');
    await page.waitForTimeout(300);
    await page.reload();
    assert.equal(await praiseBox(page).inputValue(), 'Lovely dessert');
    assert.equal(await page.getByRole('textbox', { name: 'What could be better?' }).inputValue(), 'A bit noisy');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise.text === 'Lovely dessert'));
    const p = got.find((x) => x.payload.praise.text === 'Lovely dessert').payload;
    assert.equal(p.mode, 'personal');
    assert.equal(p.place, 'table-7');
    await page.reload();
    assert.equal(await praiseBox(page).inputValue(), '', 'the sent draft is gone');
    await context.close();
  });

  it('ignores a forged QR link that names another endpoint or config', async () => {
    const config = testConfig({ cooling_off_seconds: 0 });
    const { page, seen, context } = await openPage(browser, receiver, {
      config,
      query: '?place=table-3&endpoint=https%3A%2F%2Fevil.example%2Fsteal&config=https%3A%2F%2Fevil.example%2Fc.json&mode=personal',
    });
    await praiseBox(page).fill('forged link test');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise.text === 'forged link test'));
    assert.equal(got.find((x) => x.payload.praise.text === 'forged link test').payload.place, 'table-3');
    const origin = new URL(receiver.url).origin;
    assert.deepEqual(seen.requests.filter((u) => !u.startsWith(origin)), [], 'no request to any other origin');
    await context.close();
  });
});

/** A first visit: the service worker installs, and controls the page after a reload. */
async function firstVisit(page, url) {
  await page.goto(url);
  await praiseBox(page).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 10_000 });
}

describe('offline after the first visit', () => {
  it('loads with the network cut and queues a submission until it comes back', async () => {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    await firstVisit(page, `${receiver.url}/?place=offline`);
    await context.setOffline(true);
    await page.reload();
    await praiseBox(page).fill('written offline');
    // Guidance's word lists come from the offline cache too.
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('The host was a total idiot.');
    await page.locator('#complaint-note').getByText(/This may read as heated/).waitFor();
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await page.waitForTimeout(500);
    const before = await receiver.received();
    assert.ok(!before.some((x) => x.payload.praise.text === 'written offline'), 'not delivered while offline');
    await context.setOffline(false);
    await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise.text === 'written offline'), 30_000);
    // Only the kiosk's own files are kept for offline use, not the staff pages' bundles.
    const cached = await page.evaluate(async () => {
      const shell = (await caches.keys()).find((k) => k.startsWith('evenhand-shell-'));
      return (await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(cached.some((p) => /\/evenhand-[0-9a-f]+_bg\.wasm$/.test(p)), cached.join(' '));
    assert.ok(cached.some((p) => /\/guidance-[0-9a-f]+\.txt$/.test(p)), cached.join(' '));
    assert.deepEqual(cached.filter((p) => /\/(qr|staff)[-.]/.test(p)), []);
    await context.close();
  });
});

describe('a new build deployed while a tablet runs', () => {
  it('finishes the guest on the old build, then reloads onto the new one at a fresh session', async () => {
    // A copy of the build that this test can redeploy under the running page.
    const app = await mkdtemp(join(tmpdir(), 'evenhand-deploy-'));
    await cp(resolve(import.meta.dirname, '../dist'), app, { recursive: true });
    await writeFile(join(app, 'config.json'), JSON.stringify(testConfig({ kiosk: { idle_reset_seconds: 90, thank_you_seconds: 30 } })));
    const site = await startReceiver({ appDir: app });
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await firstVisit(page, `${site.url}/?place=till`);
      await praiseBox(page).fill('typed across a deploy');
      await page.evaluate(() => { window.__sameDocument = true; });

      // Deploy: a changed index.html and a service worker of a new version.
      const index = await readFile(join(app, 'index.html'), 'utf8');
      const next = index.replace('<meta charset=utf-8>', '<meta charset=utf-8><meta name=evenhand-build content=next>');
      assert.notEqual(next, index);
      await writeFile(join(app, 'index.html'), next);
      const sw = await readFile(join(app, 'sw.js'), 'utf8');
      const version = sw.match(/[0-9a-f]{16}/)[0];
      await writeFile(join(app, 'sw.js'), sw.replaceAll(version, 'feedfacefeedface'));
      // A tablet checks for a new build every hour; here, every two seconds until it is
      // seen (one check can land while the browser is still busy with the last one).
      await page.waitForFunction(async () => {
        if (window.evenhandUpdateReady === true) return true;
        const reg = await navigator.serviceWorker.getRegistration();
        await reg?.update().catch(() => {});
        await new Promise((r) => setTimeout(r, 2000));
        return window.evenhandUpdateReady === true;
      }, null, { timeout: 30_000, polling: 100 });

      // The guest in the middle of writing keeps their words and the page they loaded.
      assert.equal(await praiseBox(page).inputValue(), 'typed across a deploy');
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload mid-session');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { name: /Thank you/ }).waitFor();
      await waitForReceived(site, (r) => r.some((x) => x.payload.praise.text === 'typed across a deploy'));

      // The fresh session starts on the new build, whole.
      await page.getByRole('button', { name: 'Give more feedback' }).click();
      // The reload fetches and starts the new build: as long as the check above may take
      // on a machine busy with the rest of the suite.
      await page.waitForFunction(() => window.__sameDocument === undefined, null, { timeout: 30_000 });
      await praiseBox(page).waitFor();
      assert.equal(await page.locator('meta[name="evenhand-build"]').count(), 1, 'the new index.html is in use');
      const caches = await page.evaluate(() => caches.keys());
      assert.deepEqual(caches.filter((k) => k.startsWith('evenhand-shell-')), ['evenhand-shell-feedfacefeedface']);
      const received = await site.received();
      assert.equal(received.filter((x) => x.payload.praise.text === 'typed across a deploy').length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await site.stop();
      await rm(app, { recursive: true, force: true });
    }
  });
});

describe('staff', () => {
  it('opens the outbox with the right PIN only, and exports it as JSON', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
    await context.route('**/api/feedback', (route) => route.fulfill({ status: 503, body: 'down' }));
    const { page } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 0 }), context });
    await praiseBox(page).fill('waiting for export');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();

    // The staff page is its own page and bundle, in the kiosk's language and place.
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL(/\/staff\.html\?/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByLabel('Staff PIN').fill('0000');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('That PIN is not right.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Export JSON' }).count(), 0);

    await page.getByLabel('Staff PIN').fill('1234');
    await page.getByRole('button', { name: 'Open' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8'));
    assert.ok(exported.items.some((i) => i.payload.praise.text === 'waiting for export'));

    await page.getByRole('link', { name: 'Back to the form' }).click();
    await praiseBox(page).waitFor();
    await context.close();
  });

  it('keeps a guest\'s draft on a phone when the staff page is opened and left', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const { page } = await openPage(browser, receiver, { config: testConfig(), context, query: '?mode=personal&place=table-7&lang=fr' });
    await page.getByRole('textbox', { name: /Qu'est-ce qui vous a plu/ }).fill('brouillon gardé');
    await page.waitForTimeout(300);
    await page.getByRole('link', { name: 'Équipe' }).click();
    await page.getByRole('region', { name: "Boîte d'envoi" }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    await page.getByRole('link', { name: 'Retour au formulaire' }).click();
    const box = page.getByRole('textbox', { name: /Qu'est-ce qui vous a plu/ });
    await box.waitFor();
    assert.equal(await box.inputValue(), 'brouillon gardé');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('place'), 'table-7');
    assert.equal(url.searchParams.get('mode'), 'personal');
    await context.close();
  });

  it('prints a QR sheet, one code per place, each opening the form with its place', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${receiver.url}/qr.html`);
    await page.getByLabel('Staff PIN').fill('1234');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('textbox', { name: 'Places, one per line' }).fill('table-1..40\nterrace\ntill');
    await page.getByRole('button', { name: 'Make the sheet' }).click();
    await page.getByText('42 QR codes ready to print.').waitFor();
    assert.equal(await page.locator('figure.qr-card svg path').count(), 42);
    const url = await page.locator('figure.qr-card').nth(39).getAttribute('data-url');
    assert.equal(new URL(url).searchParams.get('place'), 'table-40');
    assert.equal(new URL(url).searchParams.get('mode'), 'personal');
    await page.getByRole('img', { name: 'terrace' }).waitFor();
    await context.close();
  });
});
