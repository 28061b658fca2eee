// A chain's managers (SPEC §12), end to end: an account made with `add-manager --venue`
// sees its venues' submissions only, its venue filter offers those venues only, and the
// page says which venues it sees, in English and French.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, startReceiver } from './harness.mjs';

const EMAIL = 'lyon@example.org';
const PASSWORD = 'a long enough password';

let receiver;
let browser;
let page;
const errors = [];

/** Posts one submission from `venue` as its kiosk would. */
async function submit(venue, complaint) {
  const id = randomUUID();
  const payload = {
    schema: 'evenhand.feedback/1',
    id,
    created_at: new Date().toISOString(),
    venue,
    place: 'terrace',
    mode: 'kiosk',
    language: 'en',
    praise: { text: '', declined: false, staff_named: [] },
    complaint: { text: complaint },
    ratings: { service: 3 },
    contact: null,
    guidance: { names_mentioned: [], heated: false, edited_after_guidance: false },
    verified: false,
  };
  await receiver.submit(payload);
}

before(async () => {
  receiver = await startReceiver();
  await receiver.addManager(EMAIL, PASSWORD, { venues: ['bistro-lyon-1', 'bistro-lyon-2'] });
  await submit('bistro-lyon-1', 'Soup was cold in Lyon one.');
  await submit('bistro-lyon-2', 'Long wait in Lyon two.');
  await submit('bistro-paris-1', 'Paris table was sticky.');
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

describe('a manager limited to venues', () => {
  it('sees its venues only, says which, and offers only them in the venue filter', async () => {
    await page.goto(`${receiver.url}/inbox/`);
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByText('Venues: bistro-lyon-1, bistro-lyon-2').waitFor();
    await page.getByText('2 submissions').waitFor();
    await page.getByText('Soup was cold in Lyon one.').waitFor();
    await page.getByText('Long wait in Lyon two.').waitFor();
    assert.equal(await page.getByText('Paris').count(), 0, 'nothing of the other venue');

    const venue = page.getByLabel('Venue', { exact: true });
    const offered = await venue.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(offered, ['bistro-lyon-1', 'bistro-lyon-2']);
    await venue.selectOption('bistro-lyon-2');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1 submission', { exact: false }).waitFor();
    await page.getByText('Long wait in Lyon two.').waitFor();

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByText('Établissements : bistro-lyon-1, bistro-lyon-2').waitFor();
    assert.deepEqual(errors, []);
  });
});
