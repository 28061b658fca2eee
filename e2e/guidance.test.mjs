// Guidance that protects staff: a calm note for names and heated words, never a block,
// never an edit of the guest's words, and the payload's guidance block.
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

const NAME_NOTE = "Please describe the role (for example 'the waiter') rather than a name.";
const config = testConfig({ cooling_off_seconds: 1, cooling_off_heated_seconds: 2 });

async function send(page) {
  await page.getByRole('button', { name: 'Review' }).click();
  const sendButton = page.getByRole('button', { name: 'Send' });
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent.trim() === 'Send');
    return b && !b.disabled;
  }, null, { timeout: 10_000 });
  await sendButton.click();
  await page.getByRole('heading', { name: /Thank you/ }).waitFor();
}

async function arrived(text) {
  const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.complaint?.text === text));
  return got.find((x) => x.payload.complaint?.text === text).payload;
}

describe('guidance', () => {
  it('points out a staff name typed in lower case, and the payload lists it', async () => {
    const { page, context } = await openPage(browser, receiver, { config });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('Nice terrace.');
    const complaint = 'jean-marc forgot our order twice';
    await page.getByRole('textbox', { name: 'What could be better?' }).fill(complaint);
    await page.getByRole('status').filter({ hasText: NAME_NOTE }).waitFor();
    await send(page);
    const p = await arrived(complaint);
    assert.deepEqual(p.guidance.names_mentioned, ['Jean-Marc']);
    assert.equal(p.guidance.heated, false);
    await context.close();
  });

  it('lets a heated complaint through unaltered, marked heated, after a longer pause', async () => {
    const { page, context } = await openPage(browser, receiver, { config });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('The bread.');
    const complaint = 'The manager is a STUPID PIG and I will get you fired!!!';
    await page.getByRole('textbox', { name: 'What could be better?' }).fill(complaint);
    await page.getByText(/This may read as heated/).first().waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText(/a longer pause, as some words may read as heated/).waitFor();
    await page.getByRole('status').filter({ hasText: /You can send in 2 s/ }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await send(page);
    const p = await arrived(complaint);
    assert.equal(p.complaint.text, complaint, 'the words arrive exactly as written');
    assert.equal(p.guidance.heated, true);
    await context.close();
  });

  it('records that the guest edited after a note', async () => {
    const { page, context } = await openPage(browser, receiver, { config });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('Fast service.');
    const box = page.getByRole('textbox', { name: 'What could be better?' });
    await box.fill('Amy was so slow');
    await page.getByRole('status').filter({ hasText: NAME_NOTE }).waitFor();
    const complaint = 'The waitress was slow to bring the bill';
    await box.fill(complaint);
    await page.waitForTimeout(500);
    assert.equal(await page.getByText(NAME_NOTE).count(), 0, 'the note goes once the name is gone');
    await send(page);
    const p = await arrived(complaint);
    assert.deepEqual(p.guidance, { names_mentioned: [], heated: false, edited_after_guidance: true });
    await context.close();
  });

  it('gives an ordinary polite complaint no note', async () => {
    const { page, context } = await openPage(browser, receiver, { config });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('Friendly welcome.');
    const complaint = "L'attente était trop longue et la soupe était froide.";
    await page.getByRole('textbox', { name: 'What could be better?' }).fill(complaint);
    await page.waitForTimeout(800);
    assert.equal(await page.locator('.guidance .note').count(), 0);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Check your feedback' }).waitFor();
    assert.equal(await page.locator('.guidance .note').count(), 0);
    assert.equal(await page.getByText(/as some words may read as heated/).count(), 0);
    await page.getByRole('button', { name: 'Edit' }).click();
    await send(page);
    const p = await arrived(complaint);
    assert.deepEqual(p.guidance, { names_mentioned: [], heated: false, edited_after_guidance: false });
    await context.close();
  });
});
