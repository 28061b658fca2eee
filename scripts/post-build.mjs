// Trunk post_build hook. Trunk injects its wasm loader as an inline <script>, which
// a strict Content-Security-Policy (SPEC §8: no 'unsafe-inline') refuses. This moves
// the loader into its own file, named by a hash of its content, and loads it with
// <script type="module" src>, so the CSP stays `script-src 'self' 'wasm-unsafe-eval'`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}
const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
// Quotes are optional: Trunk's release minifier drops them.
const inline = /<script type="?module"?[^>]*>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('post-build: no inline module script found in index.html');
  process.exit(1);
}
// Relative URLs, so the app also works from a sub-folder of a static host. The inbox is
// the exception: the receiver serves it at the path /inbox/ with its files at the root,
// where `./` would point into /inbox/.
const rooted = basename(process.env.TRUNK_HTML_FILE || '') === 'inbox.html';
const here = rooted ? '/' : './';
const loader = match[1].replace(/(['"])\/(?=[^'"\/]+\.(?:js|wasm)\1)/g, `$1${here}`).trim() + '\n';
// Ahead of the app's loader: fetch config.json, and register the service worker
// (offline use) and tell the app when a new build has taken over, so it reloads at the
// start of a fresh session.
const appPrelude = `
// Fetch config.json alongside the wasm rather than after it: one round trip less on a
// slow phone. The app takes this promise once (src/config_load.rs) and reports its failure.
window.evenhandConfig = fetch('./config.json', { cache: 'no-store' }).then((r) =>
  r.ok ? r.text() : Promise.reject(\`HTTP \${r.status} \${r.statusText}\`));
window.evenhandConfig.catch(() => {});
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const sw = navigator.serviceWorker;
  sw.addEventListener('controllerchange', () => {
    if (window.evenhandHadController) window.evenhandUpdateReady = true;
    window.evenhandHadController = true;
  });
  window.evenhandHadController = !!sw.controller;
  // Offline support registers once the form is painted and the browser is idle, so its
  // install never competes with the first load on a slow link. The app announces the
  // form with 'evenhand-ready' (src/browser.rs, announce_ready).
  const register = () => sw.register('./sw.js', { updateViaCache: 'none' }).then((reg) => {
    setInterval(() => reg.update().catch(() => {}), 60 * 60 * 1000);
  }).catch((e) => console.warn('evenhand: offline support unavailable:', e));
  const whenIdle = () => 'requestIdleCallback' in window
    ? requestIdleCallback(register, { timeout: 3000 })
    : setTimeout(register, 1000);
  addEventListener('evenhand-ready', () => requestAnimationFrame(() => setTimeout(whenIdle)), { once: true });
}
`;
const isApp = existsSync(join(dir, 'sw.js'));
// Guidance's word lists, out of the wasm a guest waits for (SPEC §9): every list file
// of core/guidance/ in one file named by its hash (immutable, precached by the service
// worker below), each as a record separator, its name and its text
// (core/src/guidance/lists.rs, in_bundle). The app fetches it once the form is up.
let guidance = '';
if (isApp) {
  const lists = join(import.meta.dirname, '../core/guidance');
  const bundle = readdirSync(lists).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => `\u001e${f}\n${readFileSync(join(lists, f), 'utf8')}`).join('');
  const file = `guidance-${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}.txt`;
  writeFileSync(join(dir, file), bundle);
  guidance = `window.evenhandGuidance = './${file}';\n`;
}
const loaderWithSw = (isApp ? appPrelude + guidance : '') + loader;
const name = `loader-${createHash('sha256').update(loaderWithSw).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), loaderWithSw);
let out = html
  .replace(inline, `<script type="module" src="${here}${name}"></script>`)
  .replace(/(href|src)=("?)\/(?!\/)/g, `$1=$2${here}`);

// Minify the wasm-bindgen glue (SPEC §9 first-load budget) and keep its
// subresource-integrity hash in step.
const { minify } = await import(join(import.meta.dirname, '../e2e/node_modules/terser/main.js'));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') && !f.startsWith('loader-'))) {
  const path = join(dir, file);
  // The service worker and the first screen's script are classic scripts.
  const isModule = file !== 'sw.js' && !file.startsWith('first_screen-');
  const result = await minify(readFileSync(path, 'utf8'), { module: isModule, compress: true, mangle: true });
  writeFileSync(path, result.code);
  const sri = 'sha384-' + createHash('sha384').update(result.code).digest('base64');
  // The tag naming the file, whichever order the minifier left its attributes in.
  const tag = new RegExp(`<[^>]*(?:href|src)="?\\.?/${file.replace(/[.]/g, '\\.')}"?[^>]*>`);
  out = out.replace(tag, (t) => t.replace(/integrity=("?)[^" >]+/, `integrity=$1${sri}`));
}
writeFileSync(indexPath, out);
console.log(`post-build: loader moved to ${name}`);

// Fill the service worker's version and asset list from this build's files.
// Only the kiosk's own files: other pages (qr.html, staff.html) are built into their own
// staging folders and copied beside it later, and a guest never needs them offline.
const assets = ['./', ...readdirSync(dir)
  .filter((f) => f !== 'sw.js' && !f.startsWith('.') && !f.startsWith('_') && !f.endsWith('.gz'))
  .sort()
  .map((f) => './' + f)];
const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 16);
const swPath = join(dir, 'sw.js');
if (existsSync(swPath)) {
  const swSource = readFileSync(swPath, 'utf8')
    .replace('__EVENHAND_VERSION__', version)
    .replace('__EVENHAND_ASSETS__', JSON.stringify(assets));
  writeFileSync(swPath, swSource);
  console.log(`post-build: service worker ${version} caches ${assets.length} files`);
}
