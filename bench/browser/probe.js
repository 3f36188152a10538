/* Injected into every benchmark page before any of its own scripts (page.addInitScript).
 * Plain JavaScript on purpose: it is sent to the browser as text, untouched by tsx/esbuild.
 * All timings are performance.now() inside the page, so the CDP round-trips of the driver never
 * count; the runner only reads the numbers back. */
/* global window, document, performance, requestAnimationFrame, requestIdleCallback, MessageChannel, MutationObserver, Storage, HTMLInputElement, IDBDatabase */
(() => {
  if (window.__bench) return;

  /** Resolves just after the next paint: the rAF callback runs before the frame is painted, and a
   * message posted from it is delivered after that frame's paint task. */
  let lastFrame = NaN;
  const afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        // When the frame began: paint minus this is the frame's style, layout and paint work.
        lastFrame = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      }),
    );

  const b = {
    clicks: [],
    writes: [],
    inClick: false,
    current: null,
    afterPaint,
  };
  window.__bench = b;

  // Every localStorage write: when, how long the synchronous setItem took, how big, and whether
  // it happened inside the click's own event dispatch (i.e. on the click's critical path).
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const s = performance.now();
    try {
      return setItem.call(this, key, value);
    } finally {
      b.writes.push({ key: String(key), at: s, dur: performance.now() - s, chars: String(value).length, inClick: b.inClick });
    }
  };

  // Every IndexedDB write transaction: when it began and when it was committed (the app's log
  // writes a tick as its own record; "tick → persisted" is the click to that commit).
  b.commits = [];
  if (typeof IDBDatabase !== 'undefined') {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, mode, options) {
      const tx = transaction.call(this, stores, mode, options);
      if (mode === 'readwrite') {
        const began = performance.now();
        tx.addEventListener('complete', () => b.commits.push({ began, done: performance.now() }));
      }
      return tx;
    };
  }

  const isCheckbox = (t) => t instanceof HTMLInputElement && t.type === 'checkbox';

  // Capturing listener on window: the first script to see the click.
  window.addEventListener(
    'click',
    (e) => {
      if (!isCheckbox(e.target)) return;
      const rec = { t0: performance.now(), handler: NaN, frame: NaN, paint: NaN, writesBefore: b.writes.length, writesInClick: 0 };
      b.current = rec;
      b.inClick = true;
      afterPaint().then((t1) => {
        rec.frame = lastFrame - rec.t0;
        rec.paint = t1 - rec.t0;
        b.clicks.push(rec);
      });
    },
    true,
  );
  // React 19 handles a checkbox's onChange from the click event at the root container, so a
  // bubbling listener on window runs after the app's synchronous handling of the click.
  window.addEventListener('click', (e) => {
    if (!isCheckbox(e.target) || !b.current) return;
    b.current.handler = performance.now() - b.current.t0;
    b.current.writesInClick = b.writes.length - b.current.writesBefore;
    b.inClick = false;
  });

  /** An element matching `selector` (optionally whose text includes `text`) that is not disabled. */
  const find = (selector, text) => {
    for (const el of document.querySelectorAll(selector)) {
      if (el.disabled) continue;
      if (text && !(el.textContent || '').includes(text)) continue;
      return el;
    }
    return null;
  };

  /** Resolves with the time the element first appeared, and the time of the paint after it. */
  b.waitFor = (selector, text) =>
    new Promise((resolve) => {
      const done = () => {
        const ready = performance.now();
        afterPaint().then((painted) => resolve({ ready, painted }));
      };
      if (find(selector, text)) return done();
      const mo = new MutationObserver(() => {
        if (find(selector, text)) {
          mo.disconnect();
          done();
        }
      });
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });

  /** In-app navigation: set the hash and time until the target screen's element is painted. */
  b.navigate = (hash, selector, text) => {
    const t0 = performance.now();
    window.location.hash = hash;
    return b.waitFor(selector, text).then((r) => ({ ready: r.ready - t0, painted: r.painted - t0 }));
  };

  /** Resolves when the main thread has been idle (pending debounced saves have run). */
  b.idle = () => new Promise((resolve) => requestIdleCallback(() => resolve(performance.now()), { timeout: 2000 }));

  // First load: if the runner named a ready element, start watching for it at document start, so
  // `ready` is measured from the navigation's time origin.
  if (window.__benchReady) b.load = b.waitFor(window.__benchReady.selector, window.__benchReady.text);
})();
