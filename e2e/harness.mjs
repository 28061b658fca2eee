// Shared set-up for the end-to-end tests and benches: the real receiver serving the
// release build (dist/), Debian's Chromium driven by playwright-core, and pages whose
// config.json a test chooses.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const RECEIVER = join(ROOT, 'target/release/evenhand-receiver');

/** The flags this machine's Chromium needs (no sandbox as root, no background network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Starts the receiver on a free port with a fresh database (or `db`, to restart on the
 * same one). Resolves once it prints its address. The export token goes in the
 * environment (the receiver refuses it on the command line) and is 32 characters or more.
 */
export async function startReceiver({ appDir = 'dist', exportToken = 'e2e-export-token-0123456789abcdef', db, args = [] } = {}) {
  const dir = db ? null : mkdtempSync(join(tmpdir(), 'evenhand-e2e-'));
  const dbPath = db || join(dir, 'feedback.sqlite');
  const child = spawn(
    RECEIVER,
    // The suites and benches post and sign in far faster than a shop: no rate limit
    // unless `args` sets one.
    ['serve', '--addr', '127.0.0.1:0', '--db', dbPath, '--app', resolve(ROOT, appDir),
      '--rate-limit-per-minute', '0', '--sign-in-limit-per-minute', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EVENHAND_EXPORT_TOKEN: exportToken } },
  );
  let log = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`receiver did not start:\n${log}`)), 15_000);
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`receiver exited (${code}):\n${log}`));
    });
  });
  const exited = new Promise((r) => child.on('exit', r));
  return {
    url,
    db: dbPath,
    /** Every stored submission, in arrival order: `[{ received_at, payload }]`. */
    async received() {
      const res = await fetch(`${url}/api/feedback.json`, { headers: { Authorization: `Bearer ${exportToken}` } });
      if (!res.ok) throw new Error(`export answered ${res.status}`);
      return res.json();
    },
    /** `add-manager --db DB [--venue ID]... EMAIL`, the password on standard input. */
    addManager(email, password, { venues = [] } = {}) {
      const args = ['add-manager', '--db', dbPath, ...venues.flatMap((v) => ['--venue', v]), email];
      return new Promise((done, reject) => {
        const add = spawn(RECEIVER, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        add.stdout.on('data', (c) => (out += c));
        add.stderr.on('data', (c) => (out += c));
        add.on('exit', (code) => (code === 0 ? done(out) : reject(new Error(`add-manager exited ${code}: ${out}`))));
        add.stdin.end(`${password}\n`);
      });
    },
    /** Posts a payload v1 as a kiosk would; throws unless it is stored (201). */
    async submit(payload) {
      const res = await fetch(`${url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': payload.id },
        body: JSON.stringify(payload),
      });
      if (res.status !== 201) throw new Error(`the submission answered ${res.status}: ${await res.text()}`);
      return payload.id;
    },
    async stop({ keepDb = false } = {}) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (dir && !keepDb) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid config for tests; `overrides` replace top-level keys. */
export function testConfig(overrides = {}) {
  return {
    venue: { id: 'test-bistro', name: 'Test Bistro' },
    endpoint: { url: '/api/feedback', format: 'json' },
    languages: ['en', 'fr'],
    mode: 'kiosk',
    cooling_off_seconds: 2,
    cooling_off_heated_seconds: 3,
    topics: ['service', 'food'],
    staff_names: ['Amy', 'Jean-Marc'],
    contact: 'optional',
    kiosk: { idle_reset_seconds: 90, thank_you_seconds: 8 },
    staff: { pin_sha256: '03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4' },
    ...overrides,
  };
}

/**
 * Opens the kiosk in a fresh context. `config` (an object, or a raw string for broken
 * files) is served in place of dist/config.json. Records CSP violations, page errors,
 * console errors, every request and every submission POST.
 */
export async function openPage(browser, receiver, { config, query = '', viewport, locale, context: existing, serviceWorkers = 'block' } = {}) {
  const context =
    existing ||
    (await browser.newContext({
      viewport: viewport || { width: 1280, height: 800 },
      locale: locale || 'en-GB',
      serviceWorkers,
    }));
  const page = await context.newPage();
  const seen = { csp: [], errors: [], requests: [], posts: [] };
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (config !== undefined) {
    const body = typeof config === 'string' ? config : JSON.stringify(config);
    await page.route('**/config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
  }
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) seen.errors.push(m.text());
  });
  page.on('request', (r) => {
    seen.requests.push(r.url());
    if (r.method() === 'POST') seen.posts.push({ url: r.url(), headers: r.headers(), body: r.postData() });
  });
  await page.goto(`${receiver.url}/${query}`);
  return {
    page,
    context,
    seen,
    async cspViolations() {
      const inPage = await page.evaluate(() => window.__csp || []).catch(() => []);
      return [...inPage, ...seen.errors.filter((e) => /Content Security Policy/i.test(e))];
    },
  };
}

/** Waits until `predicate(received)` holds, polling the receiver. */
export async function waitForReceived(receiver, predicate, timeoutMs = 20_000) {
  const start = Date.now();
  for (;;) {
    const got = await receiver.received();
    if (predicate(got)) return got;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; received ${got.length}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
