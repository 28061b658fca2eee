// The form's first screen is plain HTML in index.html (SPEC §9): a guest on a slow link
// types before the app's wasm arrives, the app takes over what was typed, and says so
// plainly when it cannot start. The wasm is held back (or refused) by route interception.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, startReceiver, testConfig, waitForReceived } from './harness.mjs';

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

const WASM = /\/evenhand-[0-9a-f]+_bg\.wasm$/;

/**
 * Opens the kiosk with its wasm held back until `release()` (or refused with `fail`),
 * serving `config`; records CSP violations and page errors.
 */
async function openHeld({ config = testConfig(), query = '', locale = 'en-GB', fail = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }),
  );
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(WASM, async (route) => {
    if (fail) return route.abort('blockedbyclient');
    await held;
    return route.continue();
  });
  await page.goto(`${receiver.url}/${query}`, { waitUntil: 'commit' });
  const csp = () => page.evaluate(() => window.__csp);
  return { page, context, errors, csp, release };
}

describe('the first screen, before the app', () => {
  it('takes what the guest typed into the app, focus and caret too, and sends those words', async () => {
    const { page, context, errors, csp, release } = await openHeld({ query: '?place=table-3' });
    const praise = page.getByRole('textbox', { name: 'What went well?' });
    const review = page.getByRole('button', { name: 'Review' });
    await praise.click();
    await page.keyboard.type('Warm bread, thank you');
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('A draught by the front door');
    await review.click({ force: true });
    assert.equal(await page.getByRole('heading', { name: 'Check your feedback' }).count(), 0, 'the waiting button does nothing');
    // Pressed too soon: the status says it again (its words come back into the live region).
    await page.getByRole('status').filter({ hasText: 'Getting the form ready…' }).waitFor();
    await praise.click();
    await page.keyboard.press('End');
    // Still the first screen: the button waits for the app and says why, politely.
    assert.equal(await page.locator('#first-screen').count(), 1, 'the app has not started');
    assert.equal(await review.getAttribute('aria-disabled'), 'true');
    const status = page.getByRole('status').filter({ hasText: 'Getting the form ready…' });
    assert.ok(await status.isVisible(), 'a polite status says the form is getting ready');
    assert.equal(await review.getAttribute('aria-describedby'), 'form-status form-failed');
    assert.equal(await page.getByText('0 / 4000').count(), 0, 'the counters follow the typing');
    assert.ok(await page.locator('#praise-count').getByText('21 / 4000').isVisible());
    assert.ok(await page.locator('#complaint-count').getByText('27 / 4000').isVisible());
    const boxBefore = await praise.boundingBox();

    // Every frame until the app is up shows a praise box holding the words: the
    // hand-over happens within one task, never a frame without the form.
    await page.evaluate(() => {
      window.__frames = { all: 0, bare: 0 };
      const watch = () => {
        const box = document.querySelector('textarea#praise');
        window.__frames.all += 1;
        if (!box || box.value !== 'Warm bread, thank you') window.__frames.bare += 1;
        if (!document.querySelector('button[aria-disabled="true"]') && !document.getElementById('first-screen')) return;
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    release();
    await page.getByRole('button', { name: 'Review', disabled: false }).waitFor({ timeout: 15_000 });
    const frames = await page.evaluate(() => window.__frames);
    assert.ok(frames.all > 0, 'frames were watched');
    assert.equal(frames.bare, 0, `no frame without the form and its words (${frames.all} watched)`);
    assert.equal(await page.locator('#first-screen').count(), 0, 'the app replaced the first screen');
    assert.equal(await page.getByRole('textbox', { name: 'What went well?' }).count(), 1);
    assert.equal(await praise.inputValue(), 'Warm bread, thank you');
    assert.equal(await page.getByRole('textbox', { name: 'What could be better?' }).inputValue(), 'A draught by the front door');
    assert.ok(await page.getByText('Test Bistro').isVisible(), "the venue's name came with the app");
    const boxAfter = await praise.boundingBox();
    assert.ok(Math.abs(boxAfter.y - boxBefore.y) <= 1, `the box did not move: ${boxBefore.y} → ${boxAfter.y}`);
    // Focus and caret came along: the next keystrokes land at the end of the words.
    await page.keyboard.type(' and butter');
    assert.equal(await praise.inputValue(), 'Warm bread, thank you and butter');

    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Check your feedback' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).click({ timeout: 10_000 });
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.place === 'table-3'));
    const { payload } = got.find((x) => x.payload.place === 'table-3');
    assert.equal(payload.praise.text, 'Warm bread, thank you and butter');
    assert.deepEqual(payload.complaint, { text: 'A draught by the front door' });
    assert.deepEqual(await csp(), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('speaks French, with <html lang="fr">, to a French browser or ?lang=fr', async () => {
    for (const [locale, query] of [['fr-FR', ''], ['en-GB', '?lang=fr']]) {
      const { page, context, release } = await openHeld({ locale, query });
      const praise = page.getByRole('textbox', { name: "Qu'est-ce qui vous a plu ?" });
      await praise.waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr', `${locale} ${query}`);
      assert.equal(await page.title(), 'Votre avis');
      assert.equal(await page.getByRole('textbox', { name: 'What went well?' }).count(), 0, 'no English label');
      assert.ok(await page.getByRole('textbox', { name: "Qu'est-ce qui pourrait être mieux ?" }).isVisible());
      assert.equal(await page.getByRole('button', { name: 'Relire' }).getAttribute('aria-disabled'), 'true');
      assert.ok(await page.getByRole('status').filter({ hasText: 'Préparation du formulaire…' }).isVisible());
      assert.equal(await page.getByText('Getting the form ready…').isVisible(), false);
      await praise.fill('Un accueil chaleureux');
      release();
      await page.getByRole('button', { name: 'Relire', disabled: false }).waitFor({ timeout: 15_000 });
      assert.equal(await praise.inputValue(), 'Un accueil chaleureux');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await context.close();
    }
  });

  it("puts a phone's unsent draft back before the app starts; a kiosk drops it", async () => {
    for (const [mode, kept] of [['personal', 'Le pain chaud'], ['kiosk', '']]) {
      const { page, context, release } = await openHeld({ config: testConfig({ mode }), locale: 'fr-FR' });
      await page.evaluate(() => localStorage.setItem('evenhand.draft', JSON.stringify({ praise: 'Le pain chaud', complaint: '' })));
      await page.reload({ waitUntil: 'commit' });
      const praise = page.getByRole('textbox', { name: "Qu'est-ce qui vous a plu ?" });
      await praise.waitFor();
      assert.equal(await praise.inputValue(), 'Le pain chaud', `${mode}: the draft shows at once`);
      release();
      await page.getByRole('button', { name: 'Relire', disabled: false }).waitFor({ timeout: 15_000 });
      assert.equal(await praise.inputValue(), kept, `${mode}: the app's draft rule decides`);
      await context.close();
    }
  });

  it('tells the guest, in their language, when the app cannot start, keeping their words', async () => {
    for (const [locale, words] of [
      ['en-GB', /This form cannot start in this browser/],
      ['fr-FR', /Ce formulaire ne peut pas démarrer dans ce navigateur/],
    ]) {
      const { page, context } = await openHeld({ locale, fail: true });
      const box = page.getByRole('textbox').first();
      await box.fill('Still here');
      const alert = page.getByRole('alert').filter({ hasText: words });
      await alert.waitFor({ timeout: 10_000 });
      assert.equal(await page.getByRole('status').filter({ hasText: /ready|Préparation/ }).count(), 0, 'no longer "getting ready"');
      assert.equal(await box.inputValue(), 'Still here');
      await context.close();
    }
  });
});
