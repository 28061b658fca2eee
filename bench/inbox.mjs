// The inbox's answers over a large database. ROWS varied submissions (default 100,000:
// three venues, 40 tables, French and English, 60 % with a complaint, a tenth of those
// naming staff, 5 % heated, a year of arrivals) are written by the `inbox_fill` example
// as the receiver before the inbox stored them; the release receiver's first open
// upgrades that database in place (timed), then a signed-in client asks each case RUNS
// times, one request after the other on a kept-alive connection over loopback.
// Each time is from sending the request to the answer's last byte, read by the client:
// the server's work (query, masking, JSON) plus a loopback round trip, so an upper
// bound of the time at the server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReceiver } from '../e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RECEIVER = join(ROOT, 'target/release/evenhand-receiver');
const FILL = join(ROOT, 'target/release/examples/inbox_fill');
const ROWS = Number(process.env.ROWS || 100000);
const RUNS = Number(process.env.RUNS || 50);
const EMAIL = 'bench@example.org';
const PASSWORD = 'bench-password-not-a-secret';

const CASES = [
  ['first page (50, newest first)', ''],
  ['filtered: status + venue + period', 'status=unverified&venue=cafe-gare&from=2026-06-01&to=2026-09-30'],
  ['filtered: names staff', 'names_staff=true'],
  ['filtered: heated, page 3', 'heated=true&page=3'],
  ['search: "cafe" (common, accent-free)', 'q=cafe'],
  ['search: "ebreche" + place', 'q=ebreche&place=table-7'],
  ['search: two words', 'q=soup%20cold'],
];

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const dir = mkdtempSync(join(tmpdir(), 'evenhand-inbox-'));
const db = join(dir, 'feedback.sqlite');
mkdirSync(join(dir, 'app'));
let receiver;
try {
  let t0 = performance.now();
  run(FILL, [db, String(ROWS)]);
  console.log(`wrote ${ROWS} submissions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  t0 = performance.now();
  run(RECEIVER, ['add-manager', '--db', db, EMAIL], `${PASSWORD}\n`);
  console.log(`upgraded in place (migrations, inbox columns and search index) and added a manager in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(statSync(db).size / 1048576).toFixed(1)} MiB`);

  receiver = await startReceiver({ db, appDir: join(dir, 'app') });
  const { url } = receiver;
  const signIn = await fetch(`${url}/api/inbox/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (signIn.status !== 204) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];

  console.log(`\n${RUNS} requests per case, one at a time (ms):`);
  console.log(`${'case'.padEnd(40)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}   total    KiB`);
  const worst = [];
  for (const [name, query] of CASES) {
    const path = `/api/inbox/submissions${query ? `?${query}` : ''}`;
    const times = [];
    let total = 0;
    let bytes = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      const text = await res.text();
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text}`);
      if (i === 0) {
        // The first one warms the connection and the page cache; not counted.
        const body = JSON.parse(text);
        total = `${body.total_capped ? '>' : ''}${body.total}`;
        bytes = text.length;
        continue;
      }
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    const [p50, p95, max] = [percentile(times, 50), percentile(times, 95), times[times.length - 1]];
    worst.push(p95);
    console.log(`${name.padEnd(40)} ${p50.toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)} ${max.toFixed(1).padStart(7)} ${String(total).padStart(7)} ${(bytes / 1024).toFixed(0).padStart(6)}`);
  }
  const over = worst.filter((p) => p > 100).length;
  console.log(over ? `\n${over} case(s) over the 100 ms aim at p95` : '\nevery case within the 100 ms aim at p95');
} finally {
  await receiver?.stop();
  rmSync(dir, { recursive: true, force: true });
}
