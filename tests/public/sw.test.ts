/**
 * The service worker (public/sw.js) run against a fake build, a fake Cache Storage and a fake
 * network: every screen must load offline after the first visit, not only the screens that were
 * opened while online.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';

const ORIGIN = 'http://127.0.0.1:4173';
const SCOPE = `${ORIGIN}/`;
const swSource = readFileSync('public/sw.js', 'utf8');

/** A small Vite build: index.html → entry → lazy screens (with their CSS), a nested chunk, a worker. */
const build: Record<string, { body: string; type: string }> = {
  '/': { body: '', type: 'text/html' },
  '/index.html': {
    body: '<script type="module" crossorigin src="./assets/index-aaaa1111.js"></script><link rel="stylesheet" crossorigin href="./assets/index-bbbb2222.css"><link rel="icon" href="./favicon.svg">',
    type: 'text/html',
  },
  '/favicon.svg': { body: '<svg/>', type: 'image/svg+xml' },
  '/assets/index-aaaa1111.js': {
    // Vite's shapes: a __vite__mapDeps list, import(`./x.js`), and a string that only looks like a file.
    body: 'const m=["./lists-page-cccc3333.js","./lists-dddd4444.css"];const p=()=>import(`./lists-page-cccc3333.js`);register("sw.js");',
    type: 'text/javascript',
  },
  '/assets/index-bbbb2222.css': { body: 'body{}', type: 'text/css' },
  '/assets/lists-page-cccc3333.js': { body: 'import{x}from"./format-eeee5555.js";new Worker(new URL(`parse-worker-ffff6666.js`,import.meta.url));', type: 'text/javascript' },
  '/assets/lists-dddd4444.css': { body: '.lists{}', type: 'text/css' },
  '/assets/format-eeee5555.js': { body: 'export const x=1;', type: 'text/javascript' },
  '/assets/parse-worker-ffff6666.js': { body: 'onmessage=()=>{};', type: 'text/javascript' },
};

let online = true;
/** What a static server does: a file, or index.html for any unknown path (SPA fallback). */
async function fakeFetch(input: string | Request): Promise<Response> {
  if (!online) throw new TypeError('Failed to fetch');
  const path = new URL(typeof input === 'string' ? input : input.url, SCOPE).pathname;
  const file = build[path] ?? build['/index.html']!;
  return new Response(file.body, { status: 200, headers: { 'content-type': file.type, vary: 'Origin' } });
}

/**
 * Cache Storage that honours `Vary: Origin` as browsers do: a response stored for a request
 * without an Origin header does not match one with it, unless the match ignores Vary.
 */
class FakeCache {
  entries = new Map<string, { res: Response; origin: string | null }>();
  private key(req: string | Request) {
    return new URL(typeof req === 'string' ? req : req.url, SCOPE).href;
  }
  async match(req: string | Request, opts?: { ignoreVary?: boolean }) {
    const hit = this.entries.get(this.key(req));
    if (!hit) return undefined;
    const origin = typeof req === 'string' ? null : req.headers.get('origin');
    if (!opts?.ignoreVary && hit.origin !== origin) return undefined;
    return hit.res.clone();
  }
  async put(req: string | Request, res: Response) {
    this.entries.set(this.key(req), { res: res.clone(), origin: typeof req === 'string' ? null : req.headers.get('origin') });
  }
  async addAll(urls: string[]) {
    for (const u of urls) await this.put(u, await fakeFetch(u));
  }
  async keys() {
    return [...this.entries.keys()].map((k) => new Request(k));
  }
}

function loadWorker() {
  const stores = new Map<string, FakeCache>();
  const caches = {
    open: async (name: string) => {
      if (!stores.has(name)) stores.set(name, new FakeCache());
      return stores.get(name)!;
    },
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (req: string | Request, opts?: { ignoreVary?: boolean }) => {
      for (const c of stores.values()) {
        const hit = await c.match(req, opts);
        if (hit) return hit;
      }
      return undefined;
    },
  };
  const listeners = new Map<string, (e: unknown) => void>();
  const self = {
    location: { origin: ORIGIN },
    registration: { scope: SCOPE },
    addEventListener: (type: string, fn: (e: unknown) => void) => listeners.set(type, fn),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  // The worker is a classic script: give it the globals it uses, nothing else.
  new Function('self', 'caches', 'fetch', swSource)(self, caches, fakeFetch);
  const waitFor = async (type: string, extra: Record<string, unknown> = {}) => {
    const pending: Promise<unknown>[] = [];
    let response: Promise<Response | undefined> | undefined;
    listeners.get(type)!({
      ...extra,
      waitUntil: (p: Promise<unknown>) => pending.push(p),
      respondWith: (p: Promise<Response | undefined>) => (response = p),
    });
    const res = response ? await response : undefined;
    await Promise.all(pending);
    return res;
  };
  return { stores, waitFor };
}

/** A module script or stylesheet request from the page: CORS mode, so it carries an Origin. */
const pageRequest = (path: string) => new Request(`${ORIGIN}${path}`, { headers: { origin: ORIGIN } });

beforeEach(() => {
  online = true;
});

describe('service worker (public/sw.js)', () => {
  it('precaches the whole build on install: every lazy screen, its CSS, nested chunks and the worker', async () => {
    const sw = loadWorker();
    await sw.waitFor('install');
    const cached = [...[...sw.stores.values()][0]!.entries.keys()].map((k) => new URL(k).pathname).sort();
    expect(cached).toEqual(
      [
        '/',
        '/index.html',
        '/favicon.svg',
        '/assets/index-aaaa1111.js',
        '/assets/index-bbbb2222.css',
        '/assets/lists-page-cccc3333.js',
        '/assets/lists-dddd4444.css',
        '/assets/format-eeee5555.js',
        '/assets/parse-worker-ffff6666.js',
      ].sort(),
    );
  });

  it('offline, serves a never-opened screen from the precache to a request that carries an Origin (Vary: Origin)', async () => {
    const sw = loadWorker();
    await sw.waitFor('install');
    await sw.waitFor('activate');
    online = false;
    for (const path of ['/assets/lists-page-cccc3333.js', '/assets/lists-dddd4444.css', '/assets/parse-worker-ffff6666.js']) {
      const res = await sw.waitFor('fetch', { request: pageRequest(path) });
      expect(res?.status, path).toBe(200);
    }
    // A navigation (a Request cannot be built with mode 'navigate', so a look-alike) gets index.html.
    const page = await sw.waitFor('fetch', { request: { method: 'GET', mode: 'navigate', url: `${ORIGIN}/`, headers: new Headers() } });
    expect(await page?.text()).toContain('index-aaaa1111.js');
  });

  it('a new build (same sw.js, so no new install) is precached when a page is opened online', async () => {
    const sw = loadWorker();
    await sw.waitFor('install');
    const saved = { ...build };
    try {
      build['/index.html'] = { body: '<script type="module" src="./assets/index-new99999.js"></script>', type: 'text/html' };
      build['/'] = build['/index.html'];
      build['/assets/index-new99999.js'] = { body: 'import(`./targets-page-new88888.js`)', type: 'text/javascript' };
      build['/assets/targets-page-new88888.js'] = { body: '', type: 'text/javascript' };
      await sw.waitFor('fetch', { request: { method: 'GET', mode: 'navigate', url: `${ORIGIN}/`, headers: new Headers() } });
      online = false;
      const res = await sw.waitFor('fetch', { request: pageRequest('/assets/targets-page-new88888.js') });
      expect(res?.status).toBe(200);
    } finally {
      for (const k of Object.keys(build)) if (!(k in saved)) delete build[k];
      Object.assign(build, saved);
    }
  });
});
