/**
 * Live sync of one browser with one plan's CouchDB database (docs/SYNC.md). Loaded only when
 * sync is switched on (a dynamic import: its own chunk).
 *
 * - Pull: `_changes` from the last checkpoint, with the documents, then long-polling; every
 *   event document is validated like a file's record and merged by id (a union: the same record
 *   arriving twice is one record). The checkpoint moves only after the app has stored what came.
 * - Push: every record written in this browser that the server lacks (a department's ticks, the
 *   office's supervision, and records the office imported from a file), in `_bulk_docs` batches.
 *   Each document gets its own answer: created; already there (409, or the rules' "immutable");
 *   or refused (403) with the rule's reason, kept here and shown.
 * - The queue of unsent ids is saved in localStorage at once with every new record, so it
 *   survives a reload or a killed tab; offline, it waits and goes when the server answers again.
 * - The office's plan and registry (its units and leaders) are documents with a revision: a save from an older revision
 *   is CouchDB's 409, shown to the office as a conflict to decide (nothing is dropped: the losing
 *   version is kept as a local backup copy and in the server's revision history).
 * - The office keeps the server's rules in step with the plan (who owns which task).
 */
import { z } from 'zod';
import validateSource from '../../couchdb/validate_doc_update.js?raw';
import { canonicalJson } from '@/domain/merge';
import { IdentitySchema, type Identity, type Plan, type PlanEvent, type Unit } from '@/domain/model';
import type { Leader } from '@/domain/leaders/leaders';
import { restorePlan, restoreRegistry } from '@/domain/restore';
import {
  buildDesignDoc,
  buildRules,
  docKind,
  docToEvent,
  eventIdProblem,
  eventToDoc,
  identityFromRoles,
  parseRefusal,
  PLAN_DOC_ID,
  RECORD_LABELS,
  REGISTRY_DOC_ID,
  DESIGN_DOC_ID,
  RETRYABLE_REFUSALS,
  type DesignDoc,
  type RefusalCode,
} from '@/domain/sync/couch';
import { CouchClient, CouchError, OfflineError, type FetchLike } from '@/sync/couch-client';
import { SYNC_KEY, type SyncPhase, type SyncStatus } from '@/sync/status';

/** What the engine needs of the app (the store, or a test's stand-in). */
export interface SyncHost {
  /** `leaders` travel in the registry document beside the units (a host without them syncs units only). */
  read(): { plan: Plan; units: Unit[]; leaders?: Leader[]; events: readonly PlanEvent[]; dropped: readonly string[] };
  /** Called after any change of the app's data. */
  subscribe(onChange: () => void): () => void;
  /** Server data in: events merged by id (undone ids stay out); plan and units replaced. */
  apply(patch: { plan?: Plan; units?: Unit[]; leaders?: Leader[]; events?: PlanEvent[] }): void;
  setIdentity(identity: Identity): void;
  setStatus(status: SyncStatus): void;
  /** Keeps a copy of local data the server's version is about to replace (a backup on 数据与备份). */
  keepCopy(data: { plan: Plan; units: Unit[]; events: readonly PlanEvent[] }, reason: string): void;
  /** Settles once what is in memory is stored (the checkpoint must not run ahead of the data). */
  saved(): Promise<void>;
  /** Settles once the stored history is loaded (before then, records are not new, only unread). */
  ready(): Promise<void>;
}

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface EngineOptions {
  host: SyncHost;
  storage: KeyValue;
  fetch?: FetchLike;
  now?: () => Date;
  /** Records per `_changes` batch and per `_bulk_docs` request. */
  batch?: number;
  /** Longest wait between tries while the server is unreachable (ms). */
  maxBackoffMs?: number;
  longpollMs?: number;
  /** After a long poll brought changes, wait this long before the next so that changes gather. */
  gatherMs?: number;
}

const RefusedSchema = z.object({ code: z.string().nullable(), reason: z.string() });
const SavedSchema = z.object({
  v: z.literal(1),
  dbUrl: z.string(),
  account: z.string(),
  identity: IdentitySchema,
  loggedIn: z.boolean(),
  since: z.union([z.string(), z.number()]).default(0),
  pending: z.array(z.string()).default([]),
  fullPush: z.boolean().default(true),
  refused: z.record(z.string(), RefusedSchema).default({}),
  planRev: z.string().nullable().default(null),
  registryRev: z.string().nullable().default(null),
  /**
   * The plan's updatedAt and the registry's text when this browser and the server last agreed:
   * a local edit since (made while online or not, even before this engine started) differs.
   */
  planSyncedAt: z.string().nullable().default(null),
  registrySyncedText: z.string().nullable().default(null),
  conflict: z
    .object({ kind: z.enum(['plan', 'registry']), by: z.string(), at: z.string(), rev: z.string() })
    .nullable()
    .default(null),
  /** Every record written here up to this time is known to be on the server. */
  confirmedAt: z.string().nullable().default(null),
  lastSyncedAt: z.string().nullable().default(null),
});
export type SavedSync = z.infer<typeof SavedSchema>;

/** The saved settings, or null (sync off, or a key this release cannot read: then off, not broken). */
export function readSaved(storage: KeyValue): SavedSync | null {
  const raw = storage.getItem(SYNC_KEY);
  if (!raw) return null;
  try {
    const r = SavedSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The registry document: the office's units and, since the 督办 cycle, its leaders (absent when an older release wrote it). */
type RegistryDoc = { _rev?: string; units: unknown; leaders?: unknown; editedBy?: string; editedAt?: string };

/** A registry document read like stored data; `leaders` null when the document has none (keep ours). */
function registryOfDoc(doc: RegistryDoc): { units: Unit[] | null; leaders: Leader[] | null } {
  const r = restoreRegistry(doc.units, doc.leaders);
  return { units: r.units, leaders: doc.leaders === undefined ? null : r.leaders };
}

/** What "the registry as agreed with the server" is compared by: the units, and the leaders when the host has them. */
function registryText(d: { units: Unit[]; leaders?: Leader[] | null }): string {
  return canonicalJson(d.leaders ? { units: d.units, leaders: d.leaders } : d.units);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

export class SyncEngine {
  private readonly host: SyncHost;
  private readonly storage: KeyValue;
  private readonly now: () => Date;
  private readonly batch: number;
  private readonly maxBackoff: number;
  private readonly longpollMs: number;
  private readonly gatherMs: number;
  private client: CouchClient;
  private s: SavedSync;
  private abort = new AbortController();
  private running = false;
  private unsubscribe: () => void = () => {};
  /** Ids this browser has (or has sent or received): a change that brings others brings new records. */
  private known = new Set<string>();
  /** Event ids seen in the server's feed during this run. */
  private onServer = new Set<string>();
  private lastPlan: Plan | null = null;
  private lastUnits: Unit[] | null = null;
  private lastLeaders: Leader[] | undefined = undefined;
  private applying = false;
  private phase: SyncPhase = 'connecting';
  private message: string | null = null;
  private caughtUp = false;
  /** Why the server refused this browser's plan; shown until the plan changes again. */
  private planProblem: string | null = null;
  private pushing: Promise<void> | null = null;
  private pushAgain = false;
  private wake: () => void = () => {};

  constructor(saved: SavedSync, o: EngineOptions) {
    this.host = o.host;
    this.storage = o.storage;
    this.now = o.now ?? (() => new Date());
    this.batch = o.batch ?? 500;
    this.maxBackoff = o.maxBackoffMs ?? 10_000;
    this.longpollMs = o.longpollMs ?? 25_000;
    this.gatherMs = o.gatherMs ?? 1000;
    this.s = saved;
    this.client = new CouchClient(saved.dbUrl, { fetch: o.fetch });
  }

  /**
   * Logs in (the password goes to `_session` only; the browser keeps the session cookie) and
   * returns the saved settings for a new engine. The account's role gives the identity.
   */
  static async login(dbUrl: string, account: string, password: string, o: { fetch?: FetchLike; storage: KeyValue }): Promise<SavedSync> {
    const client = new CouchClient(dbUrl, { fetch: o.fetch });
    let session;
    try {
      session = await client.login(account, password);
    } catch (e) {
      if (e instanceof CouchError && e.status === 401) throw new Error('账号或密码不对。');
      throw e;
    }
    const identity = identityFromRoles(session.roles);
    if (!identity) throw new Error(`账号 ${account} 没有单位或市政府办公室的角色，请联系管理员。`);
    try {
      await client.dbInfo();
    } catch (e) {
      if (e instanceof CouchError && e.status === 404) throw new Error(`服务器上没有数据库 ${client.db}，请核对地址。`);
      if (e instanceof CouchError && (e.status === 401 || e.status === 403)) throw new Error(`账号 ${account} 无权访问数据库 ${client.db}。`);
      throw e;
    }
    const prev = readSaved(o.storage);
    // The same account on the same database picks up where it left (its queue, its checkpoint).
    const same = prev && prev.dbUrl === client.dbUrl && prev.account === account;
    const saved: SavedSync = same
      ? { ...prev, identity, loggedIn: true, fullPush: true }
      : SavedSchema.parse({ v: 1, dbUrl: client.dbUrl, account, identity, loggedIn: true });
    o.storage.setItem(SYNC_KEY, JSON.stringify(saved));
    return saved;
  }

  get saved(): SavedSync {
    return this.s;
  }

  private get isOffice(): boolean {
    return this.s.identity.kind === 'office';
  }

  private save() {
    this.storage.setItem(SYNC_KEY, JSON.stringify(this.s));
  }

  // ------------------------------------------------------------------------------ status

  private report() {
    const { plan } = this.host.read();
    const titles = new Map(plan.tasks.map((t) => [t.id, t.title]));
    const events = new Map<string, PlanEvent>();
    const refusedIds = Object.keys(this.s.refused);
    if (refusedIds.length) for (const e of this.host.read().events) if (this.s.refused[e.id]) events.set(e.id, e);
    const refused = refusedIds.map((id) => {
      const e = events.get(id);
      const r = this.s.refused[id]!;
      const label = e ? `${titles.get(e.taskId) ?? e.taskId} · ${RECORD_LABELS[e.type] ?? e.type}（${e.unit}）` : id;
      return { id, label, reason: r.reason, code: r.code };
    });
    this.host.setStatus({
      phase: this.phase,
      dbUrl: this.s.dbUrl,
      account: this.s.account,
      pending: this.s.pending.length,
      refused,
      conflict: this.s.conflict ? { kind: this.s.conflict.kind, by: this.s.conflict.by, at: this.s.conflict.at } : null,
      lastSyncedAt: this.s.lastSyncedAt,
      message: this.message,
    });
  }

  private setPhase(phase: SyncPhase, message: string | null = null) {
    this.phase = phase;
    this.message = message;
    this.report();
  }

  private settledPhase(): SyncPhase {
    return this.s.pending.length || this.planDirty() || this.registryDirty() || !this.caughtUp ? 'syncing' : 'synced';
  }

  // ------------------------------------------------------------------------------ lifecycle

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.host.setIdentity(this.s.identity);
    this.setPhase('connecting');
    await this.host.ready();
    const data = this.host.read();
    for (const e of data.events) this.known.add(e.id);
    this.lastPlan = data.plan;
    this.lastUnits = data.units;
    this.lastLeaders = data.leaders;
    this.unsubscribe = this.host.subscribe(() => this.onLocalChange());
    void this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe();
    this.abort.abort();
    this.wake();
    await this.pushing?.catch(() => undefined);
  }

  /** Ends the session on the server; the queue stays for the next login of the same account. */
  async logout(): Promise<void> {
    await this.stop();
    this.s = { ...this.s, loggedIn: false };
    this.save();
    await this.client.logout().catch(() => undefined);
    this.setPhase('login', null);
  }

  /** Wakes a waiting retry at once (the browser says it is online again). */
  retryNow() {
    this.wake();
  }

  // ------------------------------------------------------------------------------ the loop

  private async run() {
    let backoff = 1000;
    const signal = this.abort.signal;
    let prepared = false;
    while (this.running) {
      try {
        if (!prepared) {
          await this.prepare();
          prepared = true;
        }
        const r = await this.client.changes({ since: this.s.since, limit: this.batch, longpoll: this.caughtUp, timeoutMs: this.longpollMs, signal });
        await this.take(r.results);
        if (!this.running) break;
        this.s.since = (typeof r.last_seq === 'number' || typeof r.last_seq === 'string' ? r.last_seq : this.s.since) as string | number;
        this.save();
        this.caughtUp = r.results.length < this.batch;
        backoff = 1000;
        if (!this.caughtUp) {
          this.setPhase('syncing');
          continue;
        }
        if (this.s.pending.length || this.s.fullPush || this.planDirty() || this.registryDirty()) this.kick();
        else if (!this.pushing) this.markSynced();
        // A city's hundred offices writing at once would each wake every other browser's long
        // poll for every request: a moment's wait gathers them into one answer (still far
        // within the seconds a dashboard may lag).
        if (r.results.length && this.gatherMs) await sleep(this.gatherMs, signal);
      } catch (e) {
        if (!this.running || signal.aborted) break;
        if (this.needsLogin(e)) return;
        if (e instanceof OfflineError) this.setPhase('offline');
        else this.setPhase('error', `同步出错：${e instanceof Error ? e.message : String(e)}`);
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          void sleep(backoff, signal).then(resolve);
        });
        backoff = Math.min(backoff * 2, this.maxBackoff);
      }
    }
  }

  private needsLogin(e: unknown): boolean {
    if (!(e instanceof CouchError) || (e.status !== 401 && e.status !== 403) || e.error === 'forbidden') return false;
    this.running = false;
    this.unsubscribe();
    this.s = { ...this.s, loggedIn: false };
    this.save();
    this.setPhase('login', '登录已过期或密码已更改，请重新登录。未发送的记录保存在本机，登录后继续发送。');
    return true;
  }

  private markSynced() {
    if (this.planProblem) {
      this.setPhase('error', this.planProblem);
      return;
    }
    const phase = this.settledPhase();
    if (phase === 'synced') {
      this.s.lastSyncedAt = this.now().toISOString();
      this.save();
    }
    this.setPhase(phase);
  }

  /**
   * Before the first pull: take the server's plan and registry (a department, or an office that
   * has not edited since), and queue what may have been written while no engine watched.
   */
  private async prepare() {
    const planDoc = await this.client.get<{ plan: unknown; editedBy?: string; editedAt?: string }>(PLAN_DOC_ID);
    const regDoc = await this.client.get<RegistryDoc>(REGISTRY_DOC_ID);
    if (planDoc) this.takePlan(planDoc);
    if (regDoc) this.takeRegistry(regDoc);
    // A record written in the moment between the page's start and this engine's: check the
    // server for every record newer than the last confirmation.
    const cutoff = this.s.confirmedAt ? Date.parse(this.s.confirmedAt) - 3600_000 : null;
    if (cutoff !== null && !this.s.fullPush) {
      const queued = new Set(this.s.pending);
      const recent = this.host.read().events.filter((e) => Date.parse(e.at) >= cutoff && !queued.has(e.id) && !this.s.refused[e.id]);
      for (let i = 0; i < recent.length; i += this.batch) {
        const rows = await this.client.allDocs(recent.slice(i, i + this.batch).map((e) => e.id));
        for (const row of rows) if (row.error === 'not_found') this.s.pending.push(row.key);
      }
      this.save();
    }
    this.report();
  }

  /** A batch of the server's changes: plan and registry first, then the records, in one update. */
  private async take(results: Array<{ id: string; deleted?: boolean; doc?: Record<string, unknown> & { _id: string; _rev?: string } }>) {
    const events: PlanEvent[] = [];
    let rulesChanged = false;
    for (const r of results) {
      if (r.deleted || !r.doc) continue;
      const kind = docKind(r.id);
      if (kind === 'plan') this.takePlan(r.doc as unknown as { _rev?: string; plan: unknown; editedBy?: string; editedAt?: string });
      else if (kind === 'registry') this.takeRegistry(r.doc as unknown as RegistryDoc);
      else if (kind === 'design') rulesChanged = true;
    }
    let cleared = false;
    for (const r of results) {
      if (r.deleted || !r.doc || docKind(r.id) !== 'event') continue;
      const got = docToEvent(r.doc);
      this.onServer.add(r.id);
      if (this.s.refused[r.id]) {
        // Someone entitled to (the office, passing on a file) put it there: no longer refused.
        delete this.s.refused[r.id];
        cleared = true;
      }
      if (got.ok) events.push(got.event);
    }
    if (events.length) {
      const fresh = events.filter((e) => !this.known.has(e.id));
      for (const e of events) this.known.add(e.id);
      if (fresh.length) {
        this.applying = true;
        try {
          this.host.apply({ events: fresh });
        } finally {
          this.applying = false;
        }
        await this.host.saved();
      }
    }
    if (rulesChanged) this.requeueRefused();
    if (cleared) this.save();
  }

  /** The office changed the plan here since it last agreed with the server. */
  private planDirty(): boolean {
    return this.isOffice && this.s.planSyncedAt !== null && this.host.read().plan.updatedAt !== this.s.planSyncedAt;
  }

  private registryDirty(): boolean {
    return this.isOffice && this.s.registrySyncedText !== null && registryText(this.host.read()) !== this.s.registrySyncedText;
  }

  private takePlan(doc: { _rev?: string; plan: unknown; editedBy?: string; editedAt?: string }) {
    if (doc._rev && doc._rev === this.s.planRev) return;
    const plan = restorePlan(doc.plan, { now: this.now() });
    if (!plan) return;
    const local = this.host.read();
    if (this.planDirty() && local.plan.id === plan.id) {
      // Our unsaved edit and someone else's saved one: the office decides.
      this.s.conflict = { kind: 'plan', by: doc.editedBy ?? '', at: doc.editedAt ?? '', rev: doc._rev ?? '' };
      this.save();
      this.report();
      return;
    }
    if (local.plan.id !== plan.id) {
      // Another plan: the local one (with its records) is kept as a backup copy, never lost.
      this.host.keepCopy(local, `同步前的自动备份（${local.plan.title || '未命名计划'}）`);
      this.known.clear();
      this.s.fullPush = false;
      this.s.pending = [];
    } else if (this.isOffice && this.s.planSyncedAt === null && Date.parse(local.plan.updatedAt) > Date.parse(plan.updatedAt)) {
      // The office's first connection, with a plan edited after the server's copy: it goes up.
      this.s.planRev = doc._rev ?? null;
      this.s.planSyncedAt = plan.updatedAt;
      this.save();
      return;
    }
    this.applyRemote({ plan });
    this.s.planRev = doc._rev ?? null;
    this.s.planSyncedAt = this.host.read().plan.updatedAt;
    this.save();
  }

  private takeRegistry(doc: RegistryDoc) {
    if (doc._rev && doc._rev === this.s.registryRev) return;
    const { units, leaders } = registryOfDoc(doc);
    if (!units) return;
    const local = this.host.read();
    const text = registryText({ units, leaders: local.leaders && (leaders ?? local.leaders) });
    if (this.registryDirty()) {
      if (!this.s.conflict) this.s.conflict = { kind: 'registry', by: doc.editedBy ?? '', at: doc.editedAt ?? '', rev: doc._rev ?? '' };
      this.save();
      this.report();
      return;
    }
    if (this.isOffice && this.s.registrySyncedText === null && this.planDirty() && text !== registryText(local)) {
      // Taken with the office's newer plan on its first connection (units travel with the plan).
      this.s.registryRev = doc._rev ?? null;
      this.s.registrySyncedText = text;
      this.save();
      return;
    }
    this.applyRemote(leaders && local.leaders ? { units, leaders } : { units });
    this.s.registryRev = doc._rev ?? null;
    this.s.registrySyncedText = registryText(this.host.read());
    this.save();
  }

  private applyRemote(patch: { plan?: Plan; units?: Unit[]; leaders?: Leader[] }) {
    this.applying = true;
    try {
      this.host.apply(patch);
    } finally {
      this.applying = false;
    }
    const d = this.host.read();
    this.lastPlan = d.plan;
    this.lastUnits = d.units;
    this.lastLeaders = d.leaders;
  }

  // ------------------------------------------------------------------------------ local changes

  private onLocalChange() {
    if (this.applying || !this.running) return;
    const d = this.host.read();
    let queued = false;
    if (d.events.length !== this.known.size || d.events.some((e) => !this.known.has(e.id))) {
      for (const e of d.events) {
        if (this.known.has(e.id)) continue;
        this.known.add(e.id);
        this.s.pending.push(e.id);
        queued = true;
      }
    }
    if (d.plan !== this.lastPlan || d.units !== this.lastUnits || d.leaders !== this.lastLeaders) {
      this.planProblem = null;
      this.lastPlan = d.plan;
      this.lastUnits = d.units;
      this.lastLeaders = d.leaders;
      if (this.isOffice) queued = true;
    }
    if (queued) {
      // Saved before anything is sent: a reload or a killed tab keeps the queue.
      this.save();
      this.kick();
      this.setPhase(this.phase === 'offline' || this.phase === 'login' ? this.phase : 'syncing');
    }
  }

  /** Starts a push unless one runs (then it runs once more after it). */
  kick() {
    if (!this.running) return;
    if (this.pushing) {
      this.pushAgain = true;
      return;
    }
    this.pushing = (async () => {
      try {
        do {
          this.pushAgain = false;
          await this.pushAll();
        } while (this.pushAgain && this.running);
        if (this.running) this.markSynced();
      } catch (e) {
        if (!this.running) return;
        if (this.needsLogin(e)) return;
        if (e instanceof OfflineError) this.setPhase('offline');
        else this.setPhase('error', `发送出错：${e instanceof Error ? e.message : String(e)}`);
        // The pull loop's retry wakes us again through kick() once the server answers.
        setTimeout(() => this.kick(), Math.min(this.maxBackoff, 3000));
      } finally {
        this.pushing = null;
      }
    })();
  }

  private async pushAll() {
    if (!this.caughtUp) return; // the first pull decides which plan this is and what the server has
    if (this.isOffice && !this.s.conflict) {
      if (this.planDirty()) await this.pushPlan();
      if (this.registryDirty() && !this.s.conflict) await this.pushRegistry();
      await this.ensureRules();
    }
    if (this.s.fullPush) {
      // After a login: every record here that the server lacks (work done before sync was on,
      // or while logged out, or imported from files meanwhile). Ids first, cheaply, in batches.
      const queued = new Set(this.s.pending);
      const unknown: string[] = [];
      for (const e of this.host.read().events) {
        if (this.onServer.has(e.id) || this.s.refused[e.id] || queued.has(e.id)) continue;
        // An id the server cannot take goes straight to the queue, which refuses it with the reason.
        if (eventIdProblem(e.id)) this.s.pending.push(e.id);
        else unknown.push(e.id);
      }
      for (let i = 0; i < unknown.length && this.running; i += this.batch) {
        const rows = await this.client.allDocs(unknown.slice(i, i + this.batch));
        for (const row of rows) {
          if (row.error === 'not_found') this.s.pending.push(row.key);
          else this.onServer.add(row.key);
        }
      }
      this.s.fullPush = false;
      this.save();
    }
    while (this.s.pending.length && this.running) {
      const ids = this.s.pending.slice(0, this.batch);
      await this.pushBatch(ids);
    }
    if (!this.s.pending.length) {
      this.s.confirmedAt = this.now().toISOString();
      this.save();
    }
  }

  private async pushBatch(ids: string[]) {
    const byId = new Map<string, PlanEvent>();
    const want = new Set(ids);
    for (const e of this.host.read().events) if (want.has(e.id)) byId.set(e.id, e);
    const done = new Set<string>();
    const docs = [];
    for (const id of ids) {
      const e = byId.get(id);
      // Gone from here (an import taken back): nothing to send.
      if (!e) {
        done.add(id);
        continue;
      }
      const problem = eventIdProblem(id);
      if (problem) {
        this.s.refused[id] = { code: null, reason: problem };
        done.add(id);
        continue;
      }
      docs.push(eventToDoc(e));
    }
    const check: string[] = [];
    if (docs.length) {
      const results = await this.client.bulkDocs(docs);
      for (const r of results) {
        if (r.ok) done.add(r.id);
        else if (r.error === 'conflict') check.push(r.id);
        else if (r.error === 'forbidden') {
          const { code, message } = parseRefusal(r.reason);
          if (code === 'immutable') check.push(r.id);
          else {
            this.s.refused[r.id] = { code, reason: message || '服务器拒收' };
            done.add(r.id);
          }
        }
        // Anything else (a server error for one document) stays queued for the next try.
      }
    }
    if (check.length) {
      // Already on the server under this id: the same record (sent before a reload, or passed
      // on by the office from a file) is done; different content is a refusal, not an overwrite.
      const rows = await this.client.allDocs(check, true);
      for (const row of rows) {
        const local = byId.get(row.key);
        const remote = row.doc ? docToEvent(row.doc) : null;
        if (remote?.ok && local && canonicalJson(remote.event) !== canonicalJson(local)) {
          this.s.refused[row.key] = { code: null, reason: '服务器上已有同一编号但内容不同的记录' };
        }
        done.add(row.key);
        this.onServer.add(row.key);
      }
    }
    this.s.pending = this.s.pending.filter((id) => !done.has(id));
    this.save();
    this.report();
    // No record of the batch was settled (the server failed each): try again later, not at once.
    if (!done.size) throw new Error('服务器暂时未能接收这批记录，稍后重试');
  }

  private async pushPlan(): Promise<void> {
    const { plan } = this.host.read();
    const doc = { _id: PLAN_DOC_ID, ...(this.s.planRev ? { _rev: this.s.planRev } : {}), plan, editedBy: this.s.account, editedAt: this.now().toISOString() };
    try {
      this.s.planRev = await this.client.put(doc);
      this.s.planSyncedAt = plan.updatedAt;
      this.save();
    } catch (e) {
      if (e instanceof CouchError && e.status === 403) {
        // The rules refuse this plan (another plan than the database's): not retried until the
        // plan changes again; the status says why.
        this.s.planSyncedAt = plan.updatedAt;
        this.save();
        this.planProblem = `服务器拒收计划：${parseRefusal(e.reason).message || e.reason}`;
        return;
      }
      if (!(e instanceof CouchError) || e.status !== 409) throw e;
      const cur = await this.client.get<{ plan: unknown; editedBy?: string; editedAt?: string }>(PLAN_DOC_ID);
      if (!cur) {
        this.s.planRev = null;
        return this.pushPlan();
      }
      const theirs = restorePlan(cur.plan, { now: this.now() });
      if (theirs && canonicalJson(theirs) === canonicalJson(plan)) {
        this.s.planRev = cur._rev;
        this.s.planSyncedAt = plan.updatedAt;
      } else {
        this.s.conflict = { kind: 'plan', by: cur.editedBy ?? '', at: cur.editedAt ?? '', rev: cur._rev };
      }
      this.save();
    }
  }

  private async pushRegistry() {
    const { units, leaders } = this.host.read();
    const mine = registryText({ units, leaders });
    const doc = {
      _id: REGISTRY_DOC_ID,
      ...(this.s.registryRev ? { _rev: this.s.registryRev } : {}),
      units,
      ...(leaders ? { leaders } : {}),
      editedBy: this.s.account,
      editedAt: this.now().toISOString(),
    };
    try {
      this.s.registryRev = await this.client.put(doc);
      this.s.registrySyncedText = mine;
      this.save();
    } catch (e) {
      if (!(e instanceof CouchError) || e.status !== 409) throw e;
      const cur = await this.client.get<RegistryDoc>(REGISTRY_DOC_ID);
      const theirs = cur ? registryOfDoc(cur) : null;
      if (cur && theirs?.units && registryText({ units: theirs.units, leaders: leaders && (theirs.leaders ?? leaders) }) === mine) {
        this.s.registryRev = cur._rev;
        this.s.registrySyncedText = mine;
      } else if (cur) {
        this.s.conflict = { kind: 'registry', by: cur.editedBy ?? '', at: cur.editedAt ?? '', rev: cur._rev };
      } else this.s.registryRev = null;
      this.save();
    }
  }

  /** The office keeps the server's rules in step with the plan's owners (and this release's rules). */
  private async ensureRules() {
    const want = buildDesignDoc(validateSource, buildRules(this.host.read().plan));
    const cur = await this.client.get<DesignDoc>(DESIGN_DOC_ID);
    if (cur && (cur.luoshi?.rulesVersion ?? 0) > want.luoshi.rulesVersion) return;
    if (cur && cur.luoshi?.planId !== want.luoshi.planId) return;
    if (cur && cur.validate_doc_update === want.validate_doc_update) return;
    try {
      await this.client.put({ ...want, ...(cur ? { _rev: cur._rev } : {}) });
    } catch (e) {
      // Another office computer wrote the rules a moment ago: the next change compares again.
      if (!(e instanceof CouchError) || e.status !== 409) throw e;
    }
  }

  /** The rules changed (an owner added, a newer release): refusals they may lift are tried again. */
  private requeueRefused() {
    let n = 0;
    for (const [id, r] of Object.entries(this.s.refused)) {
      if (r.code && RETRYABLE_REFUSALS.has(r.code as RefusalCode)) {
        delete this.s.refused[id];
        this.s.pending.push(id);
        n++;
      }
    }
    if (n) {
      this.save();
      this.kick();
    }
  }

  // ------------------------------------------------------------------------------ the office decides

  /**
   * Another office user saved the plan (or registry) first. 'theirs': take it; this browser's
   * version is kept as a backup copy. 'mine': save this version over it; theirs is kept as a
   * backup copy here and stays in the server's revision history.
   */
  async resolveConflict(choice: 'theirs' | 'mine'): Promise<void> {
    const c = this.s.conflict;
    if (!c) return;
    const local = this.host.read();
    const theirs = c.kind === 'plan' ? await this.client.get<{ plan: unknown }>(PLAN_DOC_ID) : await this.client.get<RegistryDoc>(REGISTRY_DOC_ID);
    const theirPlan = c.kind === 'plan' && theirs ? restorePlan((theirs as { plan: unknown }).plan, { now: this.now() }) : null;
    const theirRegistry = c.kind === 'registry' && theirs ? registryOfDoc(theirs as RegistryDoc) : null;
    const theirUnits = theirRegistry?.units ?? null;
    const theirLeaders = local.leaders ? (theirRegistry?.leaders ?? null) : null;
    const rev = theirs?._rev ?? c.rev;
    const who = `${c.by || '另一位办公室用户'}${c.at ? `，${c.at.slice(0, 16).replace('T', ' ')}` : ''}`;
    if (choice === 'theirs') {
      this.host.keepCopy(local, `同步冲突时本机未上传的${c.kind === 'plan' ? '计划' : '单位名录'}（已采用 ${who} 的版本）`);
      if (theirPlan) this.applyRemote({ plan: theirPlan });
      if (theirUnits) this.applyRemote(theirLeaders ? { units: theirUnits, leaders: theirLeaders } : { units: theirUnits });
      if (c.kind === 'plan') Object.assign(this.s, { planRev: rev, planSyncedAt: this.host.read().plan.updatedAt });
      else Object.assign(this.s, { registryRev: rev, registrySyncedText: registryText(this.host.read()) });
    } else {
      this.host.keepCopy({ ...local, plan: theirPlan ?? local.plan, units: theirUnits ?? local.units }, `同步冲突时被覆盖的服务器版本（${who}）`);
      // Still differing from the agreed mark, so the next push saves it over theirs.
      if (c.kind === 'plan') this.s.planRev = rev;
      else this.s.registryRev = rev;
    }
    this.s.conflict = null;
    this.save();
    this.report();
    this.kick();
  }

  /** Takes the refused records out of this browser (they were never accepted anywhere else). */
  dismissRefused(): string[] {
    const ids = Object.keys(this.s.refused);
    this.s.refused = {};
    this.save();
    this.report();
    return ids;
  }
}
