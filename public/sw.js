// evenhand service worker: the app loads with no network after the first visit.
// The build (scripts/post-build.mjs) fills in VERSION and ASSETS.
//
// - App shell: cache-first from one cache per build, so a page never mixes files of two
//   versions. Only the kiosk's files: the staff pages are not cached for offline use. A new build installs completely (addAll is all-or-nothing) before it
//   takes over; open pages keep running the code they loaded and reload themselves at
//   the start of a fresh session (see the loader).
// - config.json: network first, so operators' edits apply at once; cached copy offline.
// - Submissions (POST) and other origins are never touched.
const VERSION = '__EVENHAND_VERSION__';
const ASSETS = __EVENHAND_ASSETS__;
const SHELL = 'evenhand-shell-' + VERSION;
const CONFIG = 'evenhand-config';

// A hashed file never changes under its name: the install takes it from the HTTP cache,
// where the page's own first load just put it, rather than downloading it a second time.
// Every other file (index.html, config.json, icon, manifest) is checked with the server.
// Trunk's hash is 64 bits in hex without leading zeros: 12 to 16 digits.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css|txt)$/;
function request(asset) {
  return HASHED.test(asset) ? asset : new Request(asset, { cache: 'no-cache' });
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(ASSETS.map(request)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('evenhand-shell-') && k !== SHELL)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const base = new URL(self.registration.scope);
  if (url.pathname === base.pathname + 'config.json') {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate' && (url.pathname === base.pathname || url.pathname === base.pathname + 'index.html')) {
    event.respondWith(
      caches
        .open(SHELL)
        .then((cache) => cache.match('./index.html'))
        .then((hit) => hit || fetch(request)),
    );
  } else {
    event.respondWith(
      caches
        .open(SHELL)
        .then((cache) => cache.match(request, { ignoreSearch: true }))
        .then((hit) => hit || fetch(request)),
    );
  }
});

async function networkFirst(request) {
  const cache = await caches.open(CONFIG);
  try {
    const response = await fetch(request, { cache: 'no-store' });
    if (response.ok) await cache.put('config.json', response.clone());
    return response;
  } catch (error) {
    const hit = (await cache.match('config.json')) || (await caches.match(request));
    if (hit) return hit;
    throw error;
  }
}
