// The manager's inbox (SPEC §10), end to end: sign in, read submissions with names out
// of sight, verify a complaint, search and filter, sign out, and the lockout. Controls
// are found by role and accessible name, as a screen reader would.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, startReceiver } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EMAIL = 'ana@example.org';
const PASSWORD = 'a long enough password';

let receiver;
let browser;
let context;
let page;
const errors = [];

/** Posts one submission as a kiosk would; answers its id. */
async function submit({ complaint = null, praise = '', names = [], heated = false, place = 'table-1', language = 'en' }) {
  const id = randomUUID();
  const payload = {
    schema: 'evenhand.feedback/1',
    id,
    created_at: new Date().toISOString(),
    venue: 'test-bistro',
    place,
    mode: 'kiosk',
    language,
    praise: { text: praise, declined: false, staff_named: [] },
    complaint: complaint === null ? null : { text: complaint },
    ratings: { service: 3 },
    contact: null,
    guidance: { names_mentioned: names, heated, edited_after_guidance: false },
    verified: false,
  };
  return receiver.submit(payload);
}

const XSS_IMG = '<img src=x onerror="window.__xss = 1">';
const XSS_SCRIPT = '<script>window.__xss = 2</script>';

before(async () => {
  receiver = await startReceiver();
  await receiver.addManager(EMAIL, PASSWORD);
  await submit({ praise: 'Lovely terrace', complaint: 'Jean-Marc ignored us for twenty minutes.', names: ['Jean-Marc'], place: 'terrace' });
  await submit({ complaint: `Odd order: ${XSS_IMG} then ${XSS_SCRIPT}`, place: 'bar' });
  await submit({ complaint: 'Le café était froid.', language: 'fr', heated: true, place: 'bar' });
  await submit({ praise: 'Great bread', place: 'table-2' });
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  // The API's refusals (401, 429) are expected; any other failed load is a fault.
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/inbox/')) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const alert = (text) => page.getByRole('alert').filter({ hasText: text });
const article = (text) => page.getByRole('article').filter({ hasText: text });

async function signIn(email, password) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/inbox/session') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

describe('the manager\'s inbox', () => {
  it('is not in the kiosk\'s first load nor in its offline cache', () => {
    const index = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
    assert.doesNotMatch(index, /inbox/);
    const sw = readFileSync(join(ROOT, 'dist/sw.js'), 'utf8');
    const assets = sw.match(/\[("\.\/[^\]]*)\]/);
    assert.ok(assets, 'the service worker lists its files');
    assert.ok(assets[1].includes('index.html'), 'the list is the kiosk\'s');
    assert.doesNotMatch(assets[1], /inbox/);
  });

  it('refuses a wrong password in words, then signs in and lands on the inbox', async () => {
    await page.goto(`${receiver.url}/inbox/`);
    await page.getByRole('heading', { name: 'Sign in to the inbox' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await signIn(EMAIL, 'not the password at all');
    await alert('Email or password is wrong.').waitFor();
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is emptied');
    await signIn(EMAIL, PASSWORD);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    // Focus moves to the view's heading (a tick after it is drawn).
    await page.waitForFunction(() => document.activeElement?.textContent === 'Inbox', null, { timeout: 5000 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Inbox' }).waitFor();
    await page.getByText('4 submissions').waitFor();
    // A small inbox is counted exactly, its pages known (the count stops only past
    // 10,000 matches).
    assert.equal(await page.locator('p.summary').textContent(), '4 submissions · Page 1 of 1');
    assert.equal(await page.getByRole('article').count(), 4);
    assert.equal(await alert('wrong').count(), 0, 'the failure is cleared');
  });

  it('masks staff names until "Show names", which the history records', async () => {
    const item = article('ignored us');
    await item.getByText('[staff member] ignored us for twenty minutes.').waitFor();
    assert.equal(await page.getByText('Jean-Marc').count(), 0, 'the name is nowhere on the page');
    await item.getByText('Lovely terrace').waitFor();
    await item.getByRole('button', { name: 'Show names' }).click();
    await item.getByText('Jean-Marc ignored us for twenty minutes.').waitFor();
    await item.getByRole('listitem').filter({ hasText: `${EMAIL}: Names shown` }).waitFor();
    // Only that item: the others stay as they were.
    await item.getByRole('button', { name: 'Hide names' }).click();
    await item.getByText('[staff member] ignored us').waitFor();
    await item.getByRole('listitem').filter({ hasText: 'Names shown' }).waitFor();
  });

  it('sets "Verified" with a note, and keeps it across a reload', async () => {
    const item = article('ignored us');
    await item.getByText('Status: Unverified').waitFor();
    await item.getByRole('textbox', { name: 'Note' }).fill('Checked with the team on Friday.');
    await item.getByRole('button', { name: 'Verified', exact: true }).click();
    await item.getByText('Status: Verified').waitFor();
    await page.getByRole('status').filter({ hasText: 'Status set to Verified.' }).waitFor();
    assert.equal(await item.getByRole('textbox', { name: 'Note' }).inputValue(), '');
    await page.reload();
    const again = article('ignored us');
    await again.getByText('Status: Verified').waitFor();
    await again.getByRole('listitem').filter({ hasText: 'Unverified → Verified' }).waitFor();
    await again.getByText('Note: Checked with the team on Friday.').waitFor();
    await again.getByRole('listitem').filter({ hasText: 'Names shown' }).waitFor();
    await again.getByText('[staff member] ignored us').waitFor();
  });

  it('shows markup in guest text as text and runs none of it', async () => {
    const item = article('Odd order');
    await item.getByText(`Odd order: ${XSS_IMG} then ${XSS_SCRIPT}`).waitFor();
    assert.equal(await page.locator('.items img, .items script').count(), 0);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });

  it('searches without minding accents, and filters', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('cafe');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.getByText('1 submission', { exact: false }).waitFor();
    await article('Le café était froid.').waitFor();
    assert.equal(await page.getByRole('article').count(), 1);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('4 submissions').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Verified' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1 submission', { exact: false }).waitFor();
    await article('ignored us').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('checkbox', { name: 'Heated' }).check();
    await page.getByLabel('Place', { exact: true }).selectOption('bar');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1 submission', { exact: false }).waitFor();
    await article('café').waitFor();
  });

  it('speaks French when asked, with <html lang> in step', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('4 submissions').waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Boîte de réception', level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await article('ignored us').getByText("[membre de l'équipe] ignored us").waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  });

  it('signs out: back to sign-in, and the old session cookie opens nothing', async () => {
    const [cookie] = await context.cookies();
    assert.ok(cookie, 'a session cookie');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the inbox' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'sign-in-email', null, { timeout: 5000 });
    assert.equal((await page.request.get(`${receiver.url}/api/inbox/me`)).status(), 401);
    const replay = await fetch(`${receiver.url}/api/inbox/submissions`, {
      headers: { Cookie: `${cookie.name}=${cookie.value}` },
    });
    assert.equal(replay.status, 401);
  });

  it('tells an ended session in words and goes back to sign-in', async () => {
    await signIn(EMAIL, PASSWORD);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByText('4 submissions').waitFor();
    await context.clearCookies();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await alert('Your session has ended. Please sign in again.').waitFor();
    await page.getByRole('heading', { name: 'Sign in to the inbox' }).waitFor();
  });

  it('locks an email after 5 wrong passwords, with the wait in words', async () => {
    const email = 'someone@example.org';
    for (let i = 0; i < 5; i++) {
      await signIn(email, `wrong password ${i}`);
      await alert('Email or password is wrong.').waitFor();
    }
    await signIn(email, 'wrong password again');
    await alert('Too many attempts; try again in 15 minutes.').waitFor();
  });

  it('raised no page error and no CSP violation', () => {
    assert.deepEqual(errors, []);
  });
});
