// Peak memory of the receiver while it exports many submissions. A database of ROWS
// submissions (default 20,000, about 4 KB each) is filled through the receiver's own
// POST, then a fresh receiver under `/usr/bin/time -v` answers both exports once, and
// one more only a health check: the two peaks (maximum resident set size) are printed.
// The exports are streamed from the database, so the first stays near the second
// whatever the number of rows.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

const ROOT = resolve(import.meta.dirname, '..');
const RECEIVER = process.env.RECEIVER || join(ROOT, 'target/release/evenhand-receiver');
const ROWS = Number(process.env.ROWS || 20000);
const TOKEN = 'bench-export-token-0123456789abcdef';

const dir = mkdtempSync(join(tmpdir(), 'evenhand-export-'));
const db = join(dir, 'feedback.sqlite');
mkdirSync(join(dir, 'app'));

/** Starts the receiver (under `/usr/bin/time -v`); resolves with its URL and a stop(). */
async function start() {
  const child = spawn('/usr/bin/time', ['-v', RECEIVER, 'serve', '--addr', '127.0.0.1:0', '--db', db, '--app', join(dir, 'app'), '--rate-limit-per-minute', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EVENHAND_EXPORT_TOKEN: TOKEN },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  const exited = new Promise((r) => child.on('exit', r));
  const url = await new Promise((ok, fail) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) ok(m[1]);
    });
    child.on('exit', () => fail(new Error(`receiver exited:\n${err}`)));
  });
  return {
    url,
    /** Stops it (SIGTERM to the receiver, not to `time`) and returns its peak RSS in KiB. */
    async stop() {
      const receiverPid = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim());
      process.kill(receiverPid, 'SIGTERM');
      await exited;
      const m = err.match(/Maximum resident set size \(kbytes\): (\d+)/);
      if (!m) throw new Error(`no figure from /usr/bin/time:\n${err}`);
      return Number(m[1]);
    },
  };
}

function payload(i) {
  const id = randomUUID();
  return {
    schema: 'evenhand.feedback/1',
    id,
    created_at: new Date().toISOString(),
    venue: 'bench-bistro',
    place: `table-${i % 40}`,
    mode: 'kiosk',
    language: 'fr',
    praise: { text: `Service rapide, merci ${i}. `.repeat(60), declined: false },
    complaint: { text: `Attente un peu longue à la caisse ${i}. `.repeat(45) },
    ratings: { service: 4, food: 5, waiting: 2 },
    contact: null,
    guidance: { names_mentioned: [], heated: false, edited_after_guidance: false },
    verified: false,
  };
}

async function fill(url) {
  let next = 0;
  const worker = async () => {
    while (next < ROWS) {
      const i = next++;
      const res = await fetch(`${url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload(i)),
      });
      if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Downloads an export, returning its size in bytes and its text. */
async function download(url, path) {
  const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  const text = await res.text();
  return { bytes: Buffer.byteLength(text), text };
}

try {
  const filling = await start();
  const t0 = performance.now();
  await fill(filling.url);
  await filling.stop();
  const dbMiB = statSync(db).size / 1048576;
  console.log(`filled ${ROWS} submissions in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${dbMiB.toFixed(1)} MiB`);

  const idle = await start();
  await fetch(`${idle.url}/api/health`);
  const idleKiB = await idle.stop();

  const exporting = await start();
  const json = await download(exporting.url, '/api/feedback.json');
  const rows = JSON.parse(json.text).length;
  const csv = await download(exporting.url, '/api/feedback.csv');
  const exportKiB = await exporting.stop();
  if (rows !== ROWS) throw new Error(`the JSON export has ${rows} rows, not ${ROWS}`);

  const mib = (kib) => (kib / 1024).toFixed(1);
  console.log(`JSON export ${(json.bytes / 1048576).toFixed(1)} MiB (${rows} rows), CSV export ${(csv.bytes / 1048576).toFixed(1)} MiB`);
  console.log(`peak RSS, health check only:   ${mib(idleKiB)} MiB`);
  console.log(`peak RSS, both exports:        ${mib(exportKiB)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
