// Privacy by default (SPEC §13), end to end: the kiosk's privacy line under the email
// field (the default, and the operator's own words), and a manager erasing a
// submission from the inbox after a confirmation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, startReceiver, testConfig } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RECEIVER = join(ROOT, 'target/release/evenhand-receiver');
const EMAIL = 'ana@example.org';
const PASSWORD = 'a long enough password';

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

describe('the privacy line under the contact field', () => {
  it('says what is kept and for how long, tied to the email field', async () => {
    const { page, context } = await openPage(browser, receiver, { config: testConfig() });
    const email = page.getByRole('textbox', { name: 'Email address' });
    await email.waitFor();
    const line = page.locator('#privacy-note');
    assert.equal(
      await line.textContent(),
      'Your email is erased within 90 days, your words within a year; they are used only to answer you and to improve.',
    );
    assert.equal(await email.getAttribute('aria-describedby'), 'privacy-note');
    await context.close();
  });

  it('in the operator\'s words and the guest\'s language when the config has them', async () => {
    const config = testConfig({ privacy_note: { fr: 'Effacé sous 30 jours, promis.' } });
    const fr = await openPage(browser, receiver, { config, query: '?lang=fr' });
    await fr.page.getByRole('textbox', { name: 'Adresse e-mail' }).waitFor();
    assert.equal(await fr.page.locator('#privacy-note').textContent(), 'Effacé sous 30 jours, promis.');
    await fr.context.close();
    // English has no line of the operator's: the default.
    const en = await openPage(browser, receiver, { config });
    await en.page.getByRole('textbox', { name: 'Email address' }).waitFor();
    assert.match(await en.page.locator('#privacy-note').textContent(), /^Your email is erased within 90 days/);
    await en.context.close();
  });
});

/** Posts one submission as a kiosk would; answers its id. */
async function submit(complaint) {
  const id = randomUUID();
  const payload = {
    schema: 'evenhand.feedback/1',
    id,
    created_at: new Date().toISOString(),
    venue: 'test-bistro',
    place: 'table-1',
    mode: 'kiosk',
    language: 'en',
    praise: { text: '', declined: true, staff_named: [] },
    complaint: { text: complaint },
    ratings: {},
    contact: { email: 'guest@example.org', consent: true },
    guidance: { names_mentioned: [], heated: false, edited_after_guidance: false },
    verified: false,
  };
  return receiver.submit(payload);
}

describe('"Erase" in the inbox', () => {
  it('asks first, cancels on Escape, then erases for good', async () => {
    await receiver.addManager(EMAIL, PASSWORD);
    const gone = await submit('Please erase my complaint about the soup');
    await submit('The music was too loud');
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${receiver.url}/inbox/`);
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('2 submissions').waitFor();

    const item = page.getByRole('article').filter({ hasText: 'the soup' });
    await item.getByRole('button', { name: 'Erase', exact: true }).click();
    const dialog = item.getByRole('alertdialog', { name: /Erase this submission for good\?/ });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel', 'the safe choice has focus');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Erase', 'focus back on "Erase"');

    await item.getByRole('button', { name: 'Erase', exact: true }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/inbox/submissions/${gone}/erase`) && r.status() === 200),
      dialog.getByRole('button', { name: 'Erase for good' }).click(),
    ]);
    await page.getByText('1 submission', { exact: false }).waitFor();
    assert.equal(await page.getByRole('article').filter({ hasText: 'the soup' }).count(), 0);
    assert.equal(await page.getByRole('article').count(), 1);
    // Gone from the receiver too, across a reload.
    await page.reload();
    await page.getByRole('article').filter({ hasText: 'too loud' }).waitFor();
    assert.equal(await page.getByRole('article').filter({ hasText: 'the soup' }).count(), 0);
    const stored = (await receiver.received()).map((r) => r.payload.id);
    assert.ok(!stored.includes(gone), 'not in the export');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('refuses without a session', async () => {
    const id = await submit('Another one');
    const res = await fetch(`${receiver.url}/api/inbox/submissions/${id}/erase`, { method: 'POST' });
    assert.equal(res.status, 401);
    // The command line says how many it erased.
    const out = spawnSync(RECEIVER, ['erase', '--db', receiver.db, '--id', id], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout.trim(), 'Erased 1 submission, with its history and search entry.');
  });
});
