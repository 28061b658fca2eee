// The balanced kiosk, end to end: a guest's whole visit, found by role and accessible
// name as a screen reader would, against the release build and the real receiver.
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

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RFC3339_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function byId(id) {
  const all = await waitForReceived(receiver, (r) => r.some((x) => x.payload.id === id));
  return all.filter((x) => x.payload.id === id);
}

/** The id of the latest submission this page posted (the outbox posts just after the thank-you). */
async function lastPostedId(page, seen) {
  for (let i = 0; i < 100 && !seen.posts.some((p) => p.url.endsWith('/api/feedback')); i++) {
    await page.waitForTimeout(100);
  }
  const post = seen.posts.filter((p) => p.url.endsWith('/api/feedback')).at(-1);
  assert.ok(post, 'a submission was posted');
  return JSON.parse(post.body).id;
}

describe('a guest from start to thank-you', () => {
  it('sends praise, a complaint and a rating; the payload is exact', async () => {
    const { page, seen, cspViolations, context } = await openPage(browser, receiver, {
      config: testConfig(),
      query: '?place=table-12',
    });
    const before = Date.now();
    await page.getByRole('textbox', { name: 'What went well?' }).fill('  Quick and friendly service.  ');
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('Twenty minutes to get the bill.');
    await page.getByRole('radiogroup', { name: 'Service' }).getByRole('radio', { name: '4 — Good' }).check();
    await page.getByRole('button', { name: 'Review' }).click();

    await page.getByRole('heading', { name: 'Check your feedback' }).waitFor();
    const send = page.getByRole('button', { name: 'Send' });
    await send.click({ timeout: 10_000 });
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();

    const id = await lastPostedId(page, seen);
    const post = seen.posts.find((p) => p.url.endsWith('/api/feedback'));
    assert.equal(post.headers['idempotency-key'], id, 'Idempotency-Key equals id');
    assert.equal(post.headers['content-type'], 'application/json');

    const [{ payload: p }] = await byId(id);
    assert.equal(p.schema, 'evenhand.feedback/1');
    assert.match(p.id, UUID_V4);
    assert.match(p.created_at, RFC3339_MS_UTC);
    const at = Date.parse(p.created_at);
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000, 'created_at is the send time');
    assert.equal(p.venue, 'test-bistro');
    assert.equal(p.place, 'table-12');
    assert.equal(p.mode, 'kiosk');
    assert.equal(p.language, 'en');
    assert.deepEqual(p.praise, { text: 'Quick and friendly service.', declined: false, staff_named: [] });
    assert.deepEqual(p.complaint, { text: 'Twenty minutes to get the bill.' });
    assert.deepEqual(p.ratings, { service: 4 });
    assert.equal(p.contact, null);
    assert.deepEqual(p.guidance, { names_mentioned: [], heated: false, edited_after_guidance: false });
    assert.equal(p.verified, false);
    assert.deepEqual(Object.keys(p).sort(), [
      'complaint', 'contact', 'created_at', 'guidance', 'id', 'language', 'mode', 'place',
      'praise', 'ratings', 'schema', 'venue', 'verified',
    ]);

    assert.deepEqual(await cspViolations(), [], 'no CSP violation');
    const origin = new URL(receiver.url).origin;
    const foreign = seen.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'no request to another origin');
    await context.close();
  });

  it('asks for praise when there is only a complaint, and "Nothing this time" goes on', async () => {
    const { page, seen, context } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 0, cooling_off_heated_seconds: 0 }) });
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('The soup was cold.');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText('Was there anything that went well?').waitFor();
    const praise = page.getByRole('textbox', { name: 'What went well?' });
    await assert.doesNotReject(async () => {
      for (let i = 0; i < 20 && !(await praise.evaluate((el) => el === document.activeElement)); i++) {
        await page.waitForTimeout(50);
      }
    });
    assert.ok(await praise.evaluate((el) => el === document.activeElement), 'focus moved to the praise box');
    assert.equal(await page.getByRole('heading', { name: 'Check your feedback' }).count(), 0, 'still on the form');

    await page.getByRole('button', { name: 'Nothing this time' }).click();
    await page.getByRole('heading', { name: 'Check your feedback' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const id = await lastPostedId(page, seen);
    const [{ payload }] = await byId(id);
    assert.deepEqual(payload.praise, { text: '', declined: true, staff_named: [] });
    assert.deepEqual(payload.complaint, { text: 'The soup was cold.' });
    await context.close();
  });

  it('explains there is nothing to send when both boxes are empty', async () => {
    const { page, context } = await openPage(browser, receiver, { config: testConfig() });
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nothing to send yet' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Check your feedback' }).count(), 0);
    await context.close();
  });

  it('sends praise alone without a pause', async () => {
    const { page, context } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 30, cooling_off_heated_seconds: 30 }) });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('Lovely terrace.');
    await page.getByRole('button', { name: 'Review' }).click();
    const send = page.getByRole('button', { name: 'Send' });
    await send.waitFor();
    assert.equal(await send.isEnabled(), true, 'Send is enabled at once for praise only');
    await send.click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await context.close();
  });

  it('holds "Send" during the cooling-off countdown, announced in a status region', async () => {
    const { page, context } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 3, cooling_off_heated_seconds: 3 }) });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('Nice staff.');
    await page.getByRole('textbox', { name: 'What could be better?' }).fill('Music too loud.');
    await page.getByRole('button', { name: 'Review' }).click();
    const send = page.getByRole('button', { name: 'Send' });
    await send.waitFor();
    assert.equal(await send.isDisabled(), true, 'Send starts disabled');
    const status = page.getByRole('status').filter({ hasText: 'You can send in' });
    assert.match(await status.textContent(), /You can send in [23] s/);
    await page.waitForTimeout(1200);
    assert.match(await status.textContent(), /You can send in [12] s/, 'the countdown counts down');
    await send.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent.trim() === 'Send');
      return b && !b.disabled;
    }, null, { timeout: 5000 });
    assert.equal(await send.isEnabled(), true, 'Send is enabled after the pause');

    await page.getByRole('button', { name: 'Edit' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'What went well?' }).inputValue(), 'Nice staff.');
    assert.equal(await page.getByRole('textbox', { name: 'What could be better?' }).inputValue(), 'Music too loud.');
    await context.close();
  });

  it('speaks French from ?lang=fr and from the language switch', async () => {
    const { page, seen, context } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 0 }), query: '?lang=fr' });
    await page.getByRole('textbox', { name: "Qu'est-ce qui vous a plu ?" }).fill('Accueil chaleureux.');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    await page.getByRole('textbox', { name: "Qu'est-ce qui pourrait être mieux ?" }).waitFor();
    await page.getByRole('button', { name: 'Relire' }).click();
    await page.getByRole('heading', { name: 'Relisez votre avis' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('heading', { name: /Merci/ }).waitFor();
    const [{ payload }] = await byId(await lastPostedId(page, seen));
    assert.equal(payload.language, 'fr');
    await context.close();

    const en = await openPage(browser, receiver, { config: testConfig() });
    await en.page.getByRole('textbox', { name: 'What went well?' }).fill('kept across the switch');
    await en.page.getByRole('button', { name: 'Français' }).click();
    await en.page.getByRole('textbox', { name: "Qu'est-ce qui vous a plu ?" }).waitFor();
    assert.equal(await en.page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await en.page.getByRole('textbox', { name: "Qu'est-ce qui vous a plu ?" }).inputValue(), 'kept across the switch');
    await en.page.getByRole('button', { name: 'English' }).click();
    assert.equal(await en.page.locator('html').getAttribute('lang'), 'en');
    await en.context.close();
  });

  it('shows guest text containing HTML as text, and sends it unaltered', async () => {
    const html = '<img src=x onerror=alert(1)><b>bold</b>';
    const { page, seen, context } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 0 }) });
    let dialog = false;
    page.on('dialog', async (d) => {
      dialog = true;
      await d.dismiss();
    });
    await page.getByRole('textbox', { name: 'What went well?' }).fill(html);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText(html, { exact: true }).waitFor();
    assert.equal(await page.locator('main img').count(), 0, 'no image element was created');
    assert.equal(await page.locator('main b').count(), 0, 'no bold element was created');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const [{ payload }] = await byId(await lastPostedId(page, seen));
    assert.equal(payload.praise.text, html);
    assert.equal(dialog, false, 'no script ran');
    await context.close();
  });

  it('stops text at 4,000 characters and says so', async () => {
    const { page, seen, context } = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 0 }) });
    const box = page.getByRole('textbox', { name: 'What went well?' });
    await box.fill('é'.repeat(4100));
    assert.equal([...(await box.inputValue())].length, 4000);
    await page.getByText('4000 / 4000').waitFor();
    await page.getByText('You have reached the limit of 4,000 characters.').waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const [{ payload }] = await byId(await lastPostedId(page, seen));
    assert.equal([...payload.praise.text].length, 4000);
    await context.close();
  });
});

describe('a config that cannot be used', () => {
  it('names the key at fault and shows no form', async () => {
    const { page, context } = await openPage(browser, receiver, {
      config: testConfig({ kiosk: { idle_reset_seconds: 5 } }),
    });
    await page.getByRole('heading', { name: 'This feedback form is not set up yet' }).waitFor();
    await page.getByText('kiosk.idle_reset_seconds').waitFor();
    assert.equal(await page.getByRole('textbox').count(), 0);
    await context.close();
  });

  it('explains a truncated file, in French too', async () => {
    const text = JSON.stringify(testConfig()).slice(0, 60);
    const { page, context } = await openPage(browser, receiver, { config: text, query: '?lang=fr' });
    await page.getByRole('heading', { name: "Ce formulaire d'avis n'est pas encore configuré" }).waitFor();
    await page.getByText(/config\.json n'est pas un JSON valide/).waitFor();
    await page.getByText(/le fichier s'arrête avant sa fin/).waitFor();
    assert.equal(await page.getByRole('textbox').count(), 0);
    await context.close();
  });

  it('gives a French guest every reason in French', async () => {
    const { page, context } = await openPage(browser, receiver, {
      config: testConfig({
        cooling_off_seconds: 10,
        cooling_off_heated_seconds: 5,
        languages: ['fr', 'de'],
        theme: { accent: '#ffcc00' },
      }),
      query: '?lang=fr',
    });
    await page.getByRole('heading', { name: "Ce formulaire d'avis n'est pas encore configuré" }).waitFor();
    const faults = page.getByRole('listitem');
    assert.deepEqual(await faults.allInnerTexts(), [
      '`languages[1]` : « de » n\'est pas proposé ; utilisez « en » ou « fr »',
      '`cooling_off_heated_seconds` : doit valoir au moins cooling_off_seconds (10)',
      '`theme.accent` : le contraste avec le texte blanc est de 1,5:1 ; il faut au moins 4,5:1',
    ]);
    assert.doesNotMatch((await page.locator('main').innerText()), /\b(must|use|is not|at least|offered|contrast)\b/);
    assert.equal(await page.getByRole('textbox').count(), 0);
    await context.close();
  });
});

describe('a config that is missing', () => {
  it('says it could not be loaded and why, and shows no form', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
    const { page } = await openPage(browser, receiver, { context });
    await page.getByRole('heading', { name: 'This feedback form is not set up yet' }).waitFor();
    await page.getByText('config.json could not be loaded (HTTP 404').waitFor();
    assert.equal(await page.getByRole('textbox').count(), 0);
    await context.close();
  });
});

describe('layout', () => {
  for (const [name, viewport, sideBySide] of [
    ['tablet', { width: 1280, height: 800 }, true],
    ['phone', { width: 390, height: 844 }, false],
  ]) {
    it(`puts praise first, ${sideBySide ? 'side by side' : 'stacked'} on a ${name}`, async () => {
      const { page, context } = await openPage(browser, receiver, { config: testConfig(), viewport });
      const praise = await page.getByRole('textbox', { name: 'What went well?' }).boundingBox();
      const complaint = await page.getByRole('textbox', { name: 'What could be better?' }).boundingBox();
      if (sideBySide) {
        assert.ok(Math.abs(praise.y - complaint.y) < 2, 'same top');
        assert.ok(praise.x < complaint.x, 'praise on the left');
        assert.ok(Math.abs(praise.width - complaint.width) < 2, 'equal weight');
      } else {
        assert.ok(praise.y < complaint.y, 'praise above');
        assert.ok(Math.abs(praise.width - complaint.width) < 2, 'equal weight');
      }
      const review = await page.getByRole('button', { name: 'Review' }).boundingBox();
      assert.ok(review.height >= 48, 'touch target of at least 48 px');
      await context.close();
    });
  }
});
