// Screenshots of the form on a tablet and a phone, for a look by eye (not a test):
// node e2e/screenshots.mjs  → e2e/artifacts/*.png
import { mkdirSync } from 'node:fs';
import { launchBrowser, openPage, startReceiver, testConfig } from './harness.mjs';

mkdirSync('e2e/artifacts', { recursive: true });
const receiver = await startReceiver();
const browser = await launchBrowser();
for (const [name, viewport] of [
  ['tablet', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
]) {
  const { page, context } = await openPage(browser, receiver, { config: testConfig(), viewport, query: '?place=table-12' });
  await page.getByRole('textbox', { name: 'What went well?' }).waitFor();
  await page.screenshot({ path: `e2e/artifacts/${name}-form.png`, fullPage: true });
  await page.getByRole('textbox', { name: 'What could be better?' }).fill('jean-marc forgot our order');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `e2e/artifacts/${name}-nudge.png`, fullPage: true });
  await page.getByRole('textbox', { name: 'What went well?' }).fill('Lovely terrace and a warm welcome.');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('heading', { name: 'Check your feedback' }).waitFor();
  await page.screenshot({ path: `e2e/artifacts/${name}-review.png`, fullPage: true });
  await context.close();
}
await browser.close();
await receiver.stop();
console.log('screenshots in e2e/artifacts/');
