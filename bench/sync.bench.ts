/**
 * Sync at city scale (`npm run bench:sync`, also part of `npm run bench`): a pouchdb-server on
 * 127.0.0.1 (started here, stopped at the end), prepared by couch:setup for a 1,000-task plan,
 * the office and 100 unit accounts each logged in with its own session and running the app's
 * own sync engine. In each round every unit writes 20 records at once (2,000 in all); the time
 * is from the first write until the office holds all 2,000, each exactly once (checked, and the
 * run fails otherwise). Bounded: 3 rounds, each given at most two minutes.
 */
import { performance } from 'node:perf_hooks';
import { generateCity } from './fixtures';
import { median, type BenchRow } from './lib';
import { startPouchServer } from '../scripts/pouchdb-server';
import { couchSetup } from '../scripts/couch-setup';
import { enableRawImports } from './raw-import';
import type { SyncEngine as Engine } from '../src/sync/engine';
import { CouchClient, withCookieJar } from '../src/sync/couch-client';
import { randomUUID } from 'node:crypto';
import { FakeHost, memoryKv, until } from '../tests/sync/sync-host';
import type { Plan, Unit } from '../src/domain/model';

const UNITS = 100;
const PER_UNIT = 20;
const ROUNDS = 3;

// The engine bundles the rule file with Vite's ?raw: Node learns that first, then loads it.
enableRawImports();
const { SyncEngine } = (await import('../src/sync/engine')) as { SyncEngine: typeof Engine };

async function openBrowser(dbUrl: string, account: string, password: string, plan: Plan, units: Unit[]) {
  const host = new FakeHost(plan, units);
  const kv = memoryKv();
  const fetch = withCookieJar();
  const saved = await SyncEngine.login(dbUrl, account, password, { fetch, storage: kv });
  const engine = new SyncEngine(saved, { host, storage: kv, fetch, maxBackoffMs: 1000 });
  await engine.start();
  return { host, engine };
}

export default async function syncBench(): Promise<BenchRow[]> {
  const city = generateCity({ tasks: 1000, units: 130, events: 0 });
  const server = await startPouchServer({ inMemory: true });
  const browsers: Array<Awaited<ReturnType<typeof openBrowser>>> = [];
  try {
    const report = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: city.plan, units: city.units } });
    const owned = new Map<string, string[]>();
    for (const t of city.plan.tasks) for (const o of t.owners) owned.set(o.name, [...(owned.get(o.name) ?? []), t.id]);
    const writers = report.accounts.filter((a) => a.role.startsWith('unit:') && owned.has(a.unit)).slice(0, UNITS);
    if (writers.length < UNITS) throw new Error(`只有 ${writers.length} 个单位有任务，不足 ${UNITS}`);
    const pw = (account: string) => report.accounts.find((a) => a.account === account)!.password!;

    const office = await openBrowser(report.dbUrl, 'office', pw('office'), city.plan, city.units);
    browsers.push(office);
    const units: Array<Awaited<ReturnType<typeof openBrowser>> & { tasks: string[] }> = [];
    for (const w of writers) {
      const b = await openBrowser(report.dbUrl, w.account, pw(w.account), city.plan, city.units);
      browsers.push(b);
      units.push({ ...b, tasks: owned.get(w.unit)! });
    }
    await until('全部连接并同步', () => browsers.every((b) => b.host.status?.phase === 'synced'), 120_000);

    const times: number[] = [];
    let received = 0;
    let duplicates = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const before = office.host.data.events.length;
      const written: string[] = [];
      const t0 = performance.now();
      for (const u of units) {
        for (let i = 0; i < PER_UNIT; i++) {
          const taskId = u.tasks[i % u.tasks.length]!;
          written.push(u.host.record({ type: 'progress', taskId, percent: Math.min(100, (round * PER_UNIT + i) * 2), note: `第${round + 1}轮第${i + 1}条` }).id);
        }
      }
      const want = new Set(written);
      await until(
        `办公室收到第 ${round + 1} 轮全部 ${written.length} 条`,
        () => {
          if (office.host.data.events.length < before + written.length) return false;
          const have = new Set(office.host.data.events.map((e) => e.id));
          return written.every((id) => have.has(id));
        },
        120_000,
      );
      times.push(performance.now() - t0);
      const ids = office.host.data.events.map((e) => e.id);
      duplicates += ids.length - new Set(ids).size;
      received = ids.filter((id) => want.has(id)).length;
      if (received !== written.length || duplicates) throw new Error(`第 ${round + 1} 轮：收到 ${received} 条（应为 ${written.length}），重复 ${duplicates} 条`);
      await until('各单位发送完毕', () => units.every((u) => u.host.status?.pending === 0), 120_000);
    }
    const refused = units.reduce((n, u) => n + (u.host.status?.refused.length ?? 0), 0);
    for (const b of browsers) await b.engine.stop();

    // Baseline in the same run, same server: the same 2,000 writes as bare HTTP requests (each
    // unit two _bulk_docs, as the engine sends them), then one client reading them by _changes.
    // What the engine adds on top is the fan-out: every one of 101 browsers pulls every record.
    const clients = await Promise.all(writers.map(async (w) => {
      const c = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
      await c.login(w.account, pw(w.account));
      return { c, unit: w.unit, tasks: owned.get(w.unit)! };
    }));
    const reader = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
    await reader.login('office', pw('office'));
    const base: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let since = (await reader.changes({ since: 'now', limit: 1 })).last_seq;
      const t0 = performance.now();
      const doc = (unit: string, taskId: string, i: number) => ({ _id: randomUUID(), type: 'progress', at: new Date().toISOString(), unit, taskId, note: `基线${i}`, percent: 1 });
      await Promise.all(clients.map(async ({ c, unit, tasks }) => {
        await c.bulkDocs([doc(unit, tasks[0]!, 0)]);
        await c.bulkDocs(Array.from({ length: PER_UNIT - 1 }, (_, i) => doc(unit, tasks[(i + 1) % tasks.length]!, i + 1)));
      }));
      let got = 0;
      while (got < UNITS * PER_UNIT) {
        const r = await reader.changes({ since, limit: 500 });
        got += r.results.length;
        since = r.last_seq;
        if (!r.results.length) throw new Error(`基线第 ${round + 1} 轮只读到 ${got} 条`);
      }
      base.push(performance.now() - t0);
    }
    const m = median(times);
    return [
      {
        group: 'sync',
        name: `${UNITS} units × ${PER_UNIT} records → office, all once`,
        median: m,
        unit: 'ms',
        runs: ROUNDS,
        extra: { records: UNITS * PER_UNIT, perRecordMs: Number((m / (UNITS * PER_UNIT)).toFixed(2)), rounds: times.map((t) => Math.round(t)).join('/'), duplicates, refused, ratioToBaseline: Number((m / median(base)).toFixed(2)) },
      },
      {
        group: 'sync',
        name: `baseline: same writes as bare HTTP, one reader`,
        median: median(base),
        unit: 'ms',
        runs: ROUNDS,
        extra: { rounds: base.map((t) => Math.round(t)).join('/') },
      },
    ];
  } finally {
    for (const b of browsers) await b.engine.stop();
    await server.dispose();
  }
}
