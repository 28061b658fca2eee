// Guidance that protects staff: a calm note for names and heated words in the complaint,
// a warm word for names in the praise, never a block, never an edit of the guest's
// words, and the payload's guidance block and praise.staff_named.
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

async function arrivedPraise(text) {
  const got = await waitForReceived(receiver, (r) => r.some((x) => x.payload.praise?.text === text));
  return got.find((x) => x.payload.praise?.text === text).payload;
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

  it('welcomes staff names in the praise: passed on, no role note', async () => {
    const { page, context } = await openPage(browser, receiver, { config });
    const praise = 'jean-marc and Amy looked after us so well';
    await page.getByRole('textbox', { name: 'What went well?' }).fill(praise);
    const passOn = page.locator('#praise-note').getByText("We'll pass this on to Amy and Jean-Marc.");
    await passOn.waitFor();
    assert.equal(await page.locator('#praise-note').getAttribute('role'), 'status', 'a polite live region');
    assert.equal(await page.getByText(NAME_NOTE).count(), 0, 'no role note for praise');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Check your feedback' }).waitFor();
    await page.locator('.panel.praise').getByText("We'll pass this on to Amy and Jean-Marc.").waitFor();
    assert.equal(await page.getByText(NAME_NOTE).count(), 0, 'no role note on the review either');
    await page.getByRole('button', { name: 'Edit' }).click();
    await send(page);
    const p = await arrivedPraise(praise);
    assert.deepEqual(p.praise.staff_named, ['Amy', 'Jean-Marc']);
    assert.deepEqual(p.guidance, { names_mentioned: [], heated: false, edited_after_guidance: false });
    await context.close();
  });

  it('says it in French, and keeps the role note for a name in the complaint', async () => {
    const { page, context } = await openPage(browser, receiver, { config, query: '?lang=fr' });
    const praise = 'Merci à Amy, adorable.';
    await page.getByRole('textbox', { name: /vous a plu/ }).fill(praise);
    await page.locator('#praise-note').getByText('Nous transmettrons à Amy.').waitFor();
    const complaint = 'Jean-Marc a oublié notre commande.';
    await page.getByRole('textbox', { name: /pourrait être mieux/ }).fill(complaint);
    await page
      .locator('#complaint-note')
      .getByText(/Merci de décrire le rôle/)
      .waitFor();
    assert.equal(await page.locator('#praise-note .note').count(), 0);
    await context.close();
  });

  it('reads capitals and "!!!" as joy in the praise and as heated in the complaint', async () => {
    const { page, context } = await openPage(browser, receiver, { config });
    const praise = 'THANK YOU SO MUCH!!! BEST DINNER EVER!!!';
    await page.getByRole('textbox', { name: 'What went well?' }).fill(praise);
    await page.waitForTimeout(800);
    assert.equal(await page.locator('#praise-note .note').count(), 0, 'no heated note for joy');
    await send(page);
    const joy = await arrivedPraise(praise);
    assert.equal(joy.guidance.heated, false);
    assert.deepEqual(joy.praise.staff_named, []);

    const second = await openPage(browser, receiver, { config });
    await second.page.getByRole('textbox', { name: 'What went well?' }).fill('The bread.');
    const complaint = 'WE WAITED AN HOUR FOR THE BILL!!!';
    await second.page.getByRole('textbox', { name: 'What could be better?' }).fill(complaint);
    await second.page.locator('#complaint-note').getByText(/This may read as heated/).waitFor();
    await send(second.page);
    const loud = await arrived(complaint);
    assert.equal(loud.guidance.heated, true);
    await context.close();
    await second.context.close();
  });

  it('fetches its word lists once the form is up, and checks what was typed when they arrive', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const lists = [];
    await context.route(/\/guidance-[0-9a-f]+\.txt$/, async (route) => {
      lists.push(new URL(route.request().url()).pathname);
      await held;
      await route.continue();
    });
    const { page } = await openPage(browser, receiver, { config, context });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('The bread.');
    const complaint = 'The waiter was a complete idiot.';
    await page.getByRole('textbox', { name: 'What could be better?' }).fill(complaint);
    await page.waitForTimeout(800);
    assert.equal(lists.length, 1, 'one hashed file of lists, asked for once');
    assert.equal(await page.locator('#complaint-note .note').count(), 0, 'no note before the lists');
    release();
    await page.locator('#complaint-note').getByText(/This may read as heated/).waitFor();
    await send(page);
    assert.equal((await arrived(complaint)).guidance.heated, true);
    await context.close();
  });

  it('gives the review its heated note and longer pause when the lists arrive after it opened', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route(/\/guidance-[0-9a-f]+\.txt$/, async (route) => {
      await held;
      await route.continue();
    });
    const { page } = await openPage(browser, receiver, { config, context });
    await page.getByRole('textbox', { name: 'What went well?' }).fill('The bread.');
    const complaint = 'The cashier was a complete idiot.';
    await page.getByRole('textbox', { name: 'What could be better?' }).fill(complaint);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Edit' }).waitFor();
    assert.equal(await page.getByText(/as some words may read as heated/).count(), 0, 'nothing said before the lists');
    release();
    await page.getByText(/a longer pause, as some words may read as heated/).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    assert.equal((await arrived(complaint)).guidance.heated, true);
    await context.close();
  });
});
