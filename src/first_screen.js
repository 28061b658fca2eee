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
  // The counter under each box, as the app shows it: characters, not UTF-16 units.
  function count(box) {
    var counter = box && box.id && document.getElementById(box.id + '-count');
    if (counter && box.closest('#first-screen')) counter.textContent = Array.from(box.value).length + ' / 4000';
  }
  document.addEventListener('input', function (e) { count(e.target); });
  // "Review" pressed before the app is up: say again, politely, that the form is getting
  // ready (a live region speaks when its words come back).
  document.addEventListener('click', function (e) {
    var status = document.getElementById('form-status');
    if (!status || status.hidden || !e.target.closest || !e.target.closest('#first-screen [aria-disabled="true"]')) return;
    var words = Array.prototype.slice.call(status.childNodes);
    status.textContent = '';
    setTimeout(function () {
      words.forEach(function (w) { status.appendChild(w); });
    }, 150);
  });
  // Once the page is parsed (before the app's modules run): a guest's unsent draft
  // (personal mode, src/draft.rs) goes back in its boxes, marked as such, so the app
  // tells it from new words and kiosk mode still drops it.
  document.addEventListener('readystatechange', function () {
    if (document.readyState !== 'interactive') return;
    if (typeof WebAssembly !== 'object' || !('noModule' in document.createElement('script'))) failed();
    var draft = null;
    try {
      draft = JSON.parse(localStorage.getItem('evenhand.draft'));
    } catch (e) {}
    ['praise', 'complaint'].forEach(function (id) {
      var box = document.getElementById(id);
      var text = draft && draft[id];
      if (!box || typeof text !== 'string' || box.value) return;
      box.value = text;
      box.setAttribute('data-draft', text);
      count(box);
    });
  });
})();
