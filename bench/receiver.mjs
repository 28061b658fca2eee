// Receivers under load (SPEC §12): sustained submissions a second and their latency
// with CLIENTS concurrent clients (default 8) for SECONDS (default 20), over loopback:
// first two receivers on one Postgres, the clients alternating between them, with one
// submission in ten sent to both (as a kiosk retrying through another receiver would);
// then one receiver on SQLite. Each run ends by counting what was stored: every id
// exactly once, or the bench fails. Then the inbox's first page over ROWS submissions
// (default 1,000,000) written straight into Postgres.
// The clients, the receivers and Postgres share this machine's cores: the figures are a
// floor for a deployment where they do not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startReceiver } from '../e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RECEIVER = join(ROOT, 'target/release/evenhand-receiver');
const CLUSTER = join(ROOT, 'scripts/pg-cluster.sh');
const CLIENTS = Number(process.env.CLIENTS || 8);
const SECONDS = Number(process.env.SECONDS_EACH || 20);
const ROWS = Number(process.env.ROWS || 1000000);
const EMAIL = 'bench@example.org';
const PASSWORD = 'bench-password-not-a-secret';

// ROWS submissions over the past year, written as the receiver writes them (its trigger
// fills the search and praise columns): three venues, 40 tables, French and English,
// 60 % with a complaint, a tenth of those naming staff, 5 % heated.
const FILL_SQL = `
INSERT INTO submissions (id, received_at, venue, place, language, payload, status, names_staff, heated)
SELECT id, received_at, venue, place, language,
       json_build_object(
         'schema', 'evenhand.feedback/1', 'id', id, 'created_at', received_at,
         'venue', venue, 'place', place, 'mode', 'kiosk', 'language', language,
         'praise', json_build_object('text', CASE WHEN language = 'fr'
             THEN 'Accueil chaleureux au café, merci ' || i ELSE 'Warm welcome, thank you ' || i END,
           'declined', false),
         'complaint', CASE WHEN complaint THEN json_build_object('text', CASE WHEN language = 'fr'
             THEN 'La soupe était froide et la tasse ébréchée ' || i ELSE 'The soup was cold ' || i END) END,
         'ratings', json_build_object('service', 1 + i % 5, 'food', 1 + (i / 7) % 5),
         'contact', NULL,
         'guidance', json_build_object('names_mentioned',
             CASE WHEN names THEN json_build_array('Amy') ELSE json_build_array() END,
           'heated', heated, 'edited_after_guidance', false),
         'verified', false)::text,
       CASE WHEN complaint THEN 'unverified' END, names, heated
FROM (
  SELECT i, md5(i::text || random()::text)::uuid::text AS id,
         to_char((now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second')
                 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
         'bistro-' || i % 3 AS venue, 'table-' || i % 40 AS place,
         CASE WHEN i % 2 = 0 THEN 'fr' ELSE 'en' END AS language,
         i % 5 < 3 AS complaint, i % 5 < 3 AND i % 10 = 0 AS names, i % 20 = 0 AS heated
  FROM generate_series(1, :rows) AS i
) AS g;
-- As autovacuum leaves a table in service: visibility known, statistics fresh.
VACUUM ANALYZE submissions;
`;

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function payload(i) {
  return {
    schema: 'evenhand.feedback/1',
    id: randomUUID(),
    created_at: new Date().toISOString(),
    venue: `bistro-${i % 3}`,
    place: `table-${i % 40}`,
    mode: 'kiosk',
    language: i % 2 ? 'fr' : 'en',
    praise: { text: i % 2 ? 'Service rapide et souriant, merci.' : 'Quick and friendly service, thank you.', declined: false },
    complaint: i % 5 ? null : { text: i % 2 ? 'Soupe un peu froide.' : 'The soup was a little cold.' },
    ratings: { service: 4, food: 5 },
    contact: null,
    guidance: { names_mentioned: [], heated: false, edited_after_guidance: false },
    verified: false,
  };
}

async function post(url, body) {
  const res = await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.text();
  return res.status;
}

/** CLIENTS loops posting for SECONDS; returns the figures and every id sent. */
async function load(urls) {
  const times = [];
  const ids = new Set();
  const refused = new Map();
  let next = 0;
  const end = performance.now() + SECONDS * 1000;
  const client = async (c) => {
    while (performance.now() < end) {
      const i = next++;
      const p = payload(i);
      const body = JSON.stringify(p);
      const url = urls[(c + i) % urls.length];
      const t = performance.now();
      const status = await post(url, body);
      times.push(performance.now() - t);
      if (status !== 201 && status !== 200) refused.set(status, (refused.get(status) || 0) + 1);
      else ids.add(p.id);
      // One in ten also reaches the other receiver: it must be stored once.
      if (urls.length > 1 && i % 10 === 0) {
        const again = await post(urls[(c + i + 1) % urls.length], body);
        if (again !== 201 && again !== 200) refused.set(again, (refused.get(again) || 0) + 1);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const secs = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { ids, secs, times, refused };
}

function report(name, r, stored) {
  const perSec = r.ids.size / r.secs;
  console.log(
    `${name.padEnd(34)} ${perSec.toFixed(0).padStart(6)}/s  p50 ${percentile(r.times, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(r.times, 99).toFixed(1).padStart(6)} ms  sent ${r.ids.size}, stored ${stored}`,
  );
  if (r.refused.size) throw new Error(`${name}: refused answers ${JSON.stringify([...r.refused])}`);
  if (stored !== r.ids.size) throw new Error(`${name}: ${r.ids.size} distinct ids sent, ${stored} stored`);
}

const dir = mkdtempSync(join(tmpdir(), 'evenhand-receivers-'));
mkdirSync(join(dir, 'app'));
const receivers = [];
let clusterDir;
try {
  // Under /tmp itself: the cluster runs as the `postgres` user, who must reach it.
  clusterDir = `/tmp/evenhand-bench-pg-${process.pid}`;
  const adminUrl = run(CLUSTER, ['start', clusterDir]).trim();
  const pgUrl = adminUrl.replace(/\/[^/?]*(\?|$)/, '/evenhand$1');
  run('psql', [adminUrl, '-qc', 'CREATE DATABASE evenhand']);

  console.log(`${CLIENTS} clients for ${SECONDS} s each, over loopback:`);
  for (let k = 0; k < 2; k++) receivers.push(await startReceiver({ db: pgUrl, appDir: join(dir, 'app') }));
  const pg = await load(receivers.map((r) => r.url));
  const pgStored = (await receivers[0].received()).length;
  report('two receivers, one Postgres', pg, pgStored);

  const sqlite = await startReceiver({ db: join(dir, 'feedback.sqlite'), appDir: join(dir, 'app') });
  receivers.push(sqlite);
  const lite = await load([sqlite.url]);
  report('one receiver, SQLite', lite, (await sqlite.received()).length);

  // The inbox's first page over ROWS submissions in Postgres.
  for (const r of receivers.splice(0)) await r.stop();
  const t0 = performance.now();
  run('psql', [pgUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-v', `rows=${ROWS}`], FILL_SQL);
  console.log(`\nwrote ${ROWS} submissions into Postgres in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  run(RECEIVER, ['add-manager', '--db', pgUrl, EMAIL], `${PASSWORD}\n`);
  const inbox = await startReceiver({ db: pgUrl, appDir: join(dir, 'app') });
  receivers.push(inbox);
  const signIn = await fetch(`${inbox.url}/api/inbox/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (signIn.status !== 204) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  for (const [name, query] of [['first page', ''], ['search "soupe"', 'q=soupe'], ['venue + status', 'venue=bistro-1&status=unverified'], ['"soupe", page 300', 'q=soupe&page=300']]) {
    const times = [];
    let total;
    for (let i = 0; i <= 30; i++) {
      const t = performance.now();
      const res = await fetch(`${inbox.url}/api/inbox/submissions${query ? `?${query}` : ''}`, { headers: { cookie } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(body)}`);
      if (i > 0) times.push(performance.now() - t);
      total = `${body.total_capped ? 'more than ' : ''}${body.total}`;
    }
    times.sort((a, b) => a - b);
    console.log(`inbox ${name.padEnd(20)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  (${total} match)`);
  }
} finally {
  for (const r of receivers) await r.stop().catch(() => {});
  if (clusterDir) spawnSync(CLUSTER, ['stop', clusterDir], { stdio: 'inherit' });
  rmSync(dir, { recursive: true, force: true });
}
