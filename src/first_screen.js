// The form's first screen (index.html) takes input before the app's wasm arrives
// (SPEC §9). This runs in <head>, before the first paint: it picks the language as the
// app does among those it knows (`?lang=`, then the browser's), keeps the counters in
// step while the guest types, and tells the guest, in both languages, when the app
// cannot start. The app takes the fields over with what they hold (src/first_screen.rs)
// and then announces 'evenhand-ready'.
(function () {
  var wanted = [new URLSearchParams(location.search).get('lang')]
    .concat(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
  var lang = 'en';
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i] || '').split(/[-_]/)[0].trim().toLowerCase();
    if (code === 'en' || code === 'fr') {
      lang = code;
      break;
    }
  }
  document.documentElement.lang = lang;
  document.title = lang === 'fr' ? 'Votre avis' : 'Your feedback';

  var ready = false;
  addEventListener('evenhand-ready', function () { ready = true; }, { once: true });
  // The app's loader, glue or wasm did not load or start: say so where the guest looks,
  // rather than "getting ready" for ever. What was typed stays in the boxes.
  function failed() {
    var alert = document.getElementById('form-failed');
    var copy = document.getElementById('form-failed-copy');
    if (ready || !alert || !copy || alert.firstChild) return;
    var status = document.getElementById('form-status');
    if (status) status.hidden = true;
    alert.appendChild(copy.content.cloneNode(true));
  }
  addEventListener('error', function (e) {
    var el = e.target;
    // An uncaught error, or a script, module or preload (the wasm) that failed to load.
    if (e instanceof ErrorEvent || (el && (el.tagName === 'SCRIPT' || el.tagName === 'LINK') && /preload|^$/.test(el.rel || ''))) failed();
  }, true);
  addEventListener('unhandledrejection', failed);
  document.addEventListener('DOMContentLoaded', function () {
    if (typeof WebAssembly !== 'object' || !('noModule' in document.createElement('script'))) failed();
  });
  // The counter under each box, as the app shows it: characters, not UTF-16 units.
  document.addEventListener('input', function (e) {
    var box = e.target;
    var counter = box && box.id && document.getElementById(box.id + '-count');
    if (counter && box.closest('#first-screen')) counter.textContent = Array.from(box.value).length + ' / 4000';
  });
})();
