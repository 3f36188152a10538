/* Luoshi offline cache: the app is static, so every file it needs is kept and served when the
 * network is gone. Pages: network first (a new build is picked up), cache as fallback.
 * Assets: Vite names them by content hash, so cache first is always correct.
 *
 * Each screen is a lazily loaded chunk. Caching only what was fetched would leave every screen
 * not yet opened online broken offline ("页面加载失败"), so the whole build is precached: from
 * index.html, every file it names, then every chunk, stylesheet and worker those files name
 * (Vite writes them as quoted file names: "./lists-page-XXXX.js", `parse-worker-XXXX.js`). */
const CACHE = 'luoshi-v2';
/** A build has a few dozen files; the limit only guards against a runaway crawl. */
const MAX_FILES = 400;
/* Servers send \`Vary: Origin\`; the page asks for module scripts with an Origin header and the
 * precache without one, so a match that honoured Vary would miss every precached file. The
 * files are static: the Origin does not change them. */
const MATCH = { ignoreVary: true };
const REF_IN_HTML = /(?:src|href)="([^"]+\.(?:js|css|svg|png|ico|webmanifest))"/g;
const REF_IN_ASSET = /["'`](?:\.\/)?([\w.-]+\.(?:js|mjs|css))["'`]/g;

/** The files `text` (fetched from `base`) names, as absolute same-origin URLs. */
function referencedFiles(text, base, isHtml) {
  const out = [];
  const re = isHtml ? REF_IN_HTML : REF_IN_ASSET;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    try {
      const url = new URL(m[1], base);
      if (url.origin === self.location.origin) out.push(url.href);
    } catch {
      // not a URL: a string in the code that only looks like a file name
    }
  }
  return out;
}

/**
 * Caches index.html's files and everything they name, breadth first. Files already cached are
 * read from the cache (hashed names never change); a name that is not a real file (a string in
 * the code that looks like one) fails quietly.
 */
async function precacheFrom(indexUrl, indexHtml) {
  const cache = await caches.open(CACHE);
  const seen = new Set();
  const queue = referencedFiles(indexHtml, indexUrl, true);
  while (queue.length && seen.size < MAX_FILES) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    let res = await cache.match(url, MATCH);
    if (!res) {
      try {
        const fresh = await fetch(url);
        // A static server answers an unknown path with index.html (SPA fallback): not a file.
        if (!fresh.ok || (fresh.headers.get('content-type') ?? '').includes('text/html')) continue;
        await cache.put(url, fresh.clone());
        res = fresh;
      } catch {
        continue;
      }
    }
    if (/\.(?:js|css)$/.test(new URL(url).pathname)) queue.push(...referencedFiles(await res.text(), url, false));
  }
}

async function precacheApp() {
  const indexUrl = new URL('./index.html', self.registration.scope).href;
  const cache = await caches.open(CACHE);
  await cache.addAll(['./', './index.html']);
  const page = await cache.match(indexUrl, MATCH);
  if (page) await precacheFrom(indexUrl, await page.text());
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheApp().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          const copy = res.clone();
          const page = res.clone();
          // A new build keeps this same sw.js, so install does not run again: precache the
          // files the fresh page names (those already cached cost one cache lookup each).
          event.waitUntil(
            caches
              .open(CACHE)
              .then((c) => c.put('./index.html', copy))
              .then(() => page.text())
              .then((html) => precacheFrom(new URL('./index.html', self.registration.scope).href, html))
              .catch(() => undefined),
          );
          return res;
        })
        .catch(() => caches.match('./index.html', MATCH)),
    );
    return;
  }
  event.respondWith(
    caches.match(req, MATCH).then(
      (hit) =>
        hit ||
        fetch(req).then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(req, copy));
          }
          return res;
        }),
    ),
  );
});
