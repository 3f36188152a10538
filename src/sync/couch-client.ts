/**
 * A thin client of CouchDB's documented HTTP API (`_session`, `_changes`, `_bulk_docs`,
 * `_all_docs`, documents), the only calls Luoshi's sync needs. Why not PouchDB's replicator:
 * every event is an immutable document created once, so the revision trees, `_revs_diff` and
 * checkpoint documents that replication exists for have nothing to do here; a plan edit wants
 * CouchDB's 409 (a visible conflict) rather than a silent second branch; a refused record wants
 * its own 403 reason per document (`_bulk_docs` gives exactly that); and the events are already
 * stored by the app, so a second copy in PouchDB's IndexedDB would double the history on disk.
 *
 * Authentication is CouchDB's session cookie: the browser holds it (HttpOnly, never readable by
 * a script) and sends it with `credentials: 'include'`; the password is only sent to `_session`.
 * Node has no cookie store: `withCookieJar` adds a one-cookie jar around fetch for scripts.
 */

export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(`${status} ${error}${reason ? `: ${reason}` : ''}`);
    this.name = 'CouchError';
  }
}

/** The request never got an answer (no network, server down, CORS refused): the app is offline. */
export class OfflineError extends Error {
  constructor(cause: unknown) {
    super(`无法连接服务器：${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'OfflineError';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface BulkResult {
  id: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

export interface ChangesResult {
  results: Array<{ id: string; seq: unknown; deleted?: boolean; doc?: Record<string, unknown> & { _id: string; _rev?: string } }>;
  last_seq: unknown;
}

export interface Session {
  name: string | null;
  roles: string[];
}

/** `https://host/prefix/dbname` → the server's root and the database name. */
export function splitDbUrl(dbUrl: string): { server: string; db: string } {
  let u: URL;
  try {
    u = new URL(dbUrl.trim());
  } catch {
    throw new Error(`“${dbUrl}”不是网址（例如 https://couch.example.gov.cn/luoshi-seed）`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`“${dbUrl}”不是 http(s) 网址`);
  const parts = u.pathname.split('/').filter(Boolean);
  const db = parts.pop();
  if (!db) throw new Error(`“${dbUrl}”没有写数据库名（网址最后一段，例如 …/luoshi-seed）`);
  u.pathname = parts.length ? `/${parts.join('/')}/` : '/';
  u.search = '';
  u.hash = '';
  return { server: u.toString(), db: decodeURIComponent(db) };
}

export class CouchClient {
  readonly server: string;
  readonly db: string;
  private readonly fetchImpl: FetchLike;

  constructor(dbUrl: string, options: { fetch?: FetchLike } = {}) {
    const { server, db } = splitDbUrl(dbUrl);
    this.server = server;
    this.db = db;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get dbUrl(): string {
    return `${this.server}${encodeURIComponent(this.db)}`;
  }

  private async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(path.startsWith('http') ? path : `${this.server}${path}`, {
        method,
        credentials: 'include',
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new OfflineError(e);
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const j = (json ?? {}) as { error?: string; reason?: string };
      // A gateway in front of a stopped server answers 502/503/504: that is offline, not a refusal.
      if (res.status === 502 || res.status === 503 || res.status === 504) throw new OfflineError(`HTTP ${res.status}`);
      throw new CouchError(res.status, j.error ?? `http_${res.status}`, j.reason ?? text.slice(0, 200));
    }
    return json as T;
  }

  private doc(id: string): string {
    // A design document's slash stays a slash; everything else is one path segment.
    const enc = id.startsWith('_design/') ? `_design/${encodeURIComponent(id.slice(8))}` : encodeURIComponent(id);
    return `${encodeURIComponent(this.db)}/${enc}`;
  }

  async login(name: string, password: string): Promise<Session> {
    const r = await this.request<{ name: string | null; roles: string[] }>('POST', '_session', { name, password });
    return { name: r.name ?? name, roles: r.roles ?? [] };
  }

  async session(): Promise<Session> {
    const r = await this.request<{ userCtx: { name: string | null; roles: string[] } }>('GET', '_session');
    return { name: r.userCtx?.name ?? null, roles: r.userCtx?.roles ?? [] };
  }

  async logout(): Promise<void> {
    await this.request('DELETE', '_session');
  }

  async dbInfo(): Promise<{ db_name: string; update_seq: unknown; doc_count: number }> {
    return this.request('GET', encodeURIComponent(this.db));
  }

  /** One batch of changes with the documents. `longpoll` waits up to `timeoutMs` for the next one. */
  async changes(options: { since: unknown; limit: number; longpoll?: boolean; timeoutMs?: number; signal?: AbortSignal }): Promise<ChangesResult> {
    const q = new URLSearchParams({ include_docs: 'true', since: String(options.since ?? 0), limit: String(options.limit) });
    if (options.longpoll) {
      q.set('feed', 'longpoll');
      q.set('timeout', String(options.timeoutMs ?? 25_000));
    }
    return this.request('GET', `${encodeURIComponent(this.db)}/_changes?${q}`, undefined, options.signal);
  }

  /** Creates documents; each gets its own result (a 403 or 409 for one does not stop the others). */
  async bulkDocs(docs: unknown[]): Promise<BulkResult[]> {
    return this.request('POST', `${encodeURIComponent(this.db)}/_bulk_docs`, { docs });
  }

  /** Which of these ids the server has (and, with docs, their content). */
  async allDocs(keys: string[], includeDocs = false): Promise<Array<{ key: string; id?: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Record<string, unknown> | null }>> {
    const r = await this.request<{ rows: Array<{ key: string; id?: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Record<string, unknown> | null }> }>(
      'POST',
      `${encodeURIComponent(this.db)}/_all_docs${includeDocs ? '?include_docs=true' : ''}`,
      { keys },
    );
    return r.rows;
  }

  async get<T = Record<string, unknown>>(id: string): Promise<(T & { _id: string; _rev: string }) | null> {
    try {
      return await this.request('GET', this.doc(id));
    } catch (e) {
      if (e instanceof CouchError && e.status === 404) return null;
      throw e;
    }
  }

  /** Writes a document; a stale `_rev` is CouchDB's 409 conflict, thrown as CouchError. */
  async put(doc: { _id: string; _rev?: string } & Record<string, unknown>): Promise<string> {
    const r = await this.request<{ rev: string }>('PUT', this.doc(doc._id), doc);
    return r.rev;
  }
}

/**
 * fetch with a cookie jar of one cookie (CouchDB's AuthSession), for Node: scripts, benchmarks
 * and tests log in as the browser does and carry the session the same way.
 */
export function withCookieJar(base: FetchLike = (i, init) => globalThis.fetch(i, init)): FetchLike {
  let cookie: string | null = null;
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const res = await base(input, { ...init, headers });
    const set = res.headers.get('set-cookie');
    const m = set ? /AuthSession=([^;]*)/.exec(set) : null;
    if (m) cookie = m[1] ? `AuthSession=${m[1]}` : null;
    return res;
  };
}
