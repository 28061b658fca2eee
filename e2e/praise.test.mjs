// Praise reaches the people it names (SPEC §11), end to end: praise from the kiosk and
// from the API lands under the person it names with the right count on the team page
// a manager's link opens without signing in; no complaint ever shows there; a revoked
// or unknown link says it is no longer valid. The manager is made with `add-manager`
// (password on standard input) and signs in through the API, and through the inbox's
// form for its "Praise", "Team links" and "Overview" views.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, startReceiver, testConfig, waitForReceived } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RECEIVER = join(ROOT, 'target/release/evenhand-receiver');
const EMAIL = 'manager@example.org';
const PASSWORD = 'a long enough password';
const COMPLAINT = 'COMPLAINT-never-on-team-page: the soup was cold';

let receiver;
let browser;
let cookie;

before(async () => {
  receiver = await startReceiver();
  browser = await launchBrowser();
  const added = spawnSync(RECEIVER, ['add-manager', '--db', receiver.db, EMAIL], { input: `${PASSWORD}\n` });
  assert.equal(added.status, 0, String(added.stderr));
  const res = await fetch(`${receiver.url}/api/inbox/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  assert.equal(res.status, 204, await res.text());
  cookie = res.headers.get('set-cookie').split(';')[0];
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

/** Stores a submission as a kiosk would send it. */
async function submit({ praise, named, complaint = null }) {
  const id = randomUUID();
  const res = await fetch(`${receiver.url}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id },
    body: JSON.stringify({
      schema: 'evenhand.feedback/1',
      id,
      created_at: new Date().toISOString(),
      venue: 'test-bistro',
      place: 'table-9',
      mode: 'kiosk',
      language: 'en',
      praise: { text: praise, declined: false, staff_named: named },
      complaint: complaint && { text: complaint },
      ratings: { service: 2 },
      contact: { email: 'guest-never-shown@example.org', consent: true },
      guidance: { names_mentioned: [], heated: false, edited_after_guidance: false },
      verified: false,
    }),
  });
  assert.equal(res.status, 201, await res.text());
}

async function inbox(method, path) {
  const res = await fetch(`${receiver.url}${path}`, { method, headers: { Cookie: cookie } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe('the team page', () => {
  let link;

  it('shows praise under the person it names, with the right count, and no complaint', async () => {
    // One through the kiosk: the app finds the name and records it in staff_named.
    const kiosk = await openPage(browser, receiver, { config: testConfig({ cooling_off_seconds: 0 }) });
    await kiosk.page.getByRole('textbox', { name: 'What went well?' }).fill('Jean-Marc made our evening, thank you!');
    await kiosk.page.getByRole('button', { name: 'Review' }).click();
    await kiosk.page.getByRole('button', { name: 'Send' }).click();
    await kiosk.page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise.text.startsWith('Jean-Marc made')));
    assert.deepEqual(got.at(-1).payload.praise.staff_named, ['Jean-Marc']);
    await kiosk.context.close();

    await submit({ praise: 'Thanks to Jean-Marc for the wine advice.', named: ['Jean-Marc'], complaint: COMPLAINT });
    await submit({ praise: 'Jean-Marc and Amy were wonderful.', named: ['Jean-Marc', 'Amy'] });
    await submit({ praise: 'Everything was delicious.', named: [], complaint: COMPLAINT });

    const made = await inbox('POST', '/api/inbox/team-links');
    assert.equal(made.status, 201);
    link = made.json;
    assert.match(link.url, /^\/team\/[0-9a-f]{64}$/);

    // Opened without a session (a fresh context has no cookie).
    const { page, context, cspViolations } = await openPage(browser, receiver, { query: link.url.slice(1) });
    await page.getByRole('heading', { level: 1, name: 'Praise for the team' }).waitFor();
    const jm = page.getByRole('region', { name: 'Jean-Marc (3)' });
    await jm.waitFor();
    assert.equal(await jm.getByRole('listitem').count(), 3);
    await jm.getByText('Jean-Marc made our evening, thank you!').waitFor();
    await jm.getByText('Thanks to Jean-Marc for the wine advice.').waitFor();
    const amy = page.getByRole('region', { name: 'Amy (1)' });
    await amy.getByText('Jean-Marc and Amy were wonderful.').waitFor();
    const team = page.getByRole('region', { name: 'Whole team (1)' });
    await team.getByText('Everything was delicious.').waitFor();
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('Loading'), 'the loading notice is gone');
    for (const never of ['COMPLAINT', 'soup', 'guest-never-shown', 'table-9', 'test-bistro']) {
      assert.ok(!text.includes(never), `${never} shows on the team page`);
    }
    assert.deepEqual(await cspViolations(), []);
    // The print preview, for a look by eye (A4 digest of names and quotes).
    mkdirSync(join(ROOT, 'e2e/artifacts'), { recursive: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ROOT, 'e2e/artifacts/team-print.png'), fullPage: true });
    await context.close();
  });

  it('speaks French', async () => {
    const { page, context } = await openPage(browser, receiver, { query: `${link.url.slice(1)}?lang=fr`, locale: 'fr-FR' });
    await page.getByRole('heading', { level: 1, name: "Les compliments pour l'équipe" }).waitFor();
    await page.getByRole('region', { name: "Toute l'équipe (1)" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await context.close();
  });

  it('says a revoked or unknown link is no longer valid', async () => {
    const listed = await inbox('GET', '/api/inbox/team-links');
    assert.deepEqual(listed.json.links.map((l) => l.id), [link.id]);
    assert.equal((await inbox('DELETE', `/api/inbox/team-links/${link.id}`)).status, 204);
    for (const path of [link.url.slice(1), `team/${'0'.repeat(64)}`]) {
      const { page, context } = await openPage(browser, receiver, { query: path });
      await page.getByRole('alert').getByText('This link is no longer valid.').waitFor();
      assert.equal(await page.getByRole('region').count(), 0, 'no praise shows');
      await context.close();
    }
    const api = await fetch(`${receiver.url}/api${link.url}`);
    assert.equal(api.status, 404);
  });
});

describe("the inbox's praise views", () => {
  /** The inbox in a fresh context, signed in as the manager would (the form), on the "Inbox" view. */
  async function signedIn() {
    const opened = await openPage(browser, receiver, { query: 'inbox/', viewport: { width: 1100, height: 900 } });
    const { page } = opened;
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    return opened;
  }

  /** Follows the navigation's link to a view: its heading has focus, the link says it is current. */
  async function go(page, name) {
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.waitForFunction((n) => document.activeElement?.id === 'view-heading' && document.activeElement.textContent === n, name, {
      timeout: 5000,
    });
    const current = await nav.locator('[aria-current="page"]').allInnerTexts();
    assert.deepEqual(current, [name], 'only the view shown is marked current');
  }

  it('groups praise by person with counts, and prints a digest without controls', async () => {
    const { page, context, cspViolations } = await signedIn();
    await go(page, 'Praise');
    const jm = page.getByRole('region', { name: 'Jean-Marc (3)' });
    await jm.waitFor();
    assert.equal(await jm.getByRole('listitem').count(), 3);
    await page.getByRole('region', { name: 'Whole team (1)' }).waitFor();
    // A period with nothing in it.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No praise in this period.').waitFor();
    await page.getByLabel('From').fill('');
    await page.getByLabel('To').fill('');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('region', { name: 'Jean-Marc (3)' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Print' }).isVisible());
    await page.emulateMedia({ media: 'print' });
    assert.ok(!(await page.getByRole('button', { name: 'Print' }).isVisible()), 'no controls on paper');
    assert.ok(!(await page.getByRole('navigation', { name: 'Views' }).isVisible()), 'no navigation on paper');
    assert.ok(!(await page.getByLabel('From').isVisible()), 'no period filter on paper');
    assert.equal(await page.locator('button:visible').count(), 0, 'no button on paper');
    await page.getByText('What our guests said').waitFor();
    await page.getByRole('region', { name: 'Jean-Marc (3)' }).waitFor();
    const printed = await page.locator('body').innerText();
    assert.ok(!printed.includes('Loading'), 'the loading notice is gone');
    for (const never of ['COMPLAINT', 'guest-never-shown', 'table-9', EMAIL]) {
      assert.ok(!printed.includes(never), `${never} on the printed digest`);
    }
    await page.screenshot({ path: join(ROOT, 'e2e/artifacts/praise-print.png'), fullPage: true });
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('makes a team link shown once, and revokes it: the team page then says it is no longer valid', async () => {
    const { page, context } = await signedIn();
    await go(page, 'Team links');
    await page.getByText('No team link yet.').waitFor();
    await page.getByRole('button', { name: 'Create team link' }).click();
    const box = page.getByRole('textbox', { name: 'New team link' });
    await box.waitFor();
    const url = await box.inputValue();
    assert.match(url, new RegExp(`^${receiver.url}/team/[0-9a-f]{64}$`));
    assert.equal((await fetch(url.replace('/team/', '/api/team/'))).status, 200);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('The link has been revoked').waitFor();
    await page.getByText('No team link yet.').waitFor();
    assert.equal(await box.count(), 0, 'the revoked URL is no longer shown');
    assert.equal((await fetch(url.replace('/team/', '/api/team/'))).status, 404);
    const team = await openPage(browser, receiver, { query: url.slice(receiver.url.length + 1) });
    await team.page.getByRole('alert').getByText('This link is no longer valid.').waitFor();
    assert.equal(await team.page.getByRole('region').count(), 0, 'no praise shows');
    await team.context.close();
    await context.close();
  });

  it('draws the weekly overview with its numbers as a table', async () => {
    const { page, context } = await signedIn();
    await go(page, 'Overview');
    await page.getByRole('img', { name: 'Submissions per week' }).waitFor();
    await page.getByRole('img', { name: 'Average rating per topic' }).waitFor();
    const table = page.getByRole('table', { name: 'Submissions per week' });
    const cells = await table.getByRole('row').last().getByRole('cell').allInnerTexts();
    // Four submissions this week: all with praise, two with a complaint, none declined.
    assert.deepEqual(cells, ['4', '4', '2', '0']);
    const ratings = page.getByRole('table', { name: 'Average rating per topic' });
    await ratings.getByRole('row', { name: /service 2\.0 3/ }).waitFor();
    await page.screenshot({ path: join(ROOT, 'e2e/artifacts/overview.png'), fullPage: true });
    // Back goes to the view before, as the address says.
    await page.goBack();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Views' });
    assert.deepEqual(await nav.locator('[aria-current="page"]').allInnerTexts(), ['Inbox']);
    await context.close();
  });

  it('speaks French, and an ended session goes back to sign-in, then to the same view', async () => {
    const { page, context } = await signedIn();
    await go(page, 'Praise');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Compliments', level: 1 }).waitFor();
    await page.getByRole('region', { name: "Toute l'équipe (1)" }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Vues' });
    assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Boîte de réception', 'Compliments', "Liens d'équipe", "Vue d'ensemble"]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Praise', level: 1 }).waitFor();

    await context.clearCookies();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your session has ended. Please sign in again.' }).waitFor();
    await page.getByRole('heading', { name: 'Sign in to the inbox' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Praise', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Jean-Marc (3)' }).waitFor();
    await context.close();
  });
});
