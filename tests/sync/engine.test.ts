/**
 * The sync engine against a real pouchdb-server on 127.0.0.1 (started and stopped here), with the
 * office and departments as separate "browsers" (own data, own localStorage, own session cookie):
 * records reach everyone exactly once, refusals come back with their reasons, the queue survives a
 * reload while the server is down, and two office users editing the plan at once see a conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPouchServer, type PouchServer } from '../../scripts/pouchdb-server';
import { couchSetup, type SetupReport } from '../../scripts/couch-setup';
import { SyncEngine, type KeyValue } from '@/sync/engine';
import { CouchClient, withCookieJar, type FetchLike } from '@/sync/couch-client';
import { OFFICE_NAME, type Plan } from '@/domain/model';
import { REGISTRY_DOC_ID } from '@/domain/sync/couch';
import type { Leader } from '@/domain/leaders/leaders';
import { owner } from '../domain/task-fixtures';
import { A, B, FakeHost, memoryKv, syncPlan, syncUnits, until } from './sync-host';

const units = syncUnits;
const basePlan: Plan = syncPlan('sync-e2e');

interface Browser {
  host: FakeHost;
  kv: KeyValue & { map: Map<string, string> };
  fetch: FetchLike;
  engine: SyncEngine;
}

async function open(report: SetupReport, account: string, start: Plan = basePlan, fetch: FetchLike = withCookieJar(), leaders?: Leader[]): Promise<Browser> {
  const host = new FakeHost(start, units, [], leaders);
  const kv = memoryKv();
  const password = report.accounts.find((a) => a.account === account)!.password!;
  const saved = await SyncEngine.login(report.dbUrl, account, password, { fetch, storage: kv });
  const engine = new SyncEngine(saved, { host, storage: kv, fetch, maxBackoffMs: 300, longpollMs: 2000 });
  await engine.start();
  await until(`${account} 首次同步`, () => host.status?.phase === 'synced');
  return { host, kv, fetch, engine };
}

/** A reload: the engine of the same browser made again from what it saved. */
async function reload(b: Browser): Promise<Browser> {
  await b.engine.stop();
  const saved = JSON.parse(b.kv.getItem('luoshi:sync')!);
  const engine = new SyncEngine(saved, { host: b.host, storage: b.kv, fetch: b.fetch, maxBackoffMs: 300, longpollMs: 2000 });
  await engine.start();
  return { ...b, engine };
}

const ids = (b: Browser) => b.host.data.events.map((e) => e.id);
const unique = (xs: string[]) => new Set(xs).size === xs.length;

describe('sync through a real CouchDB API (in memory)', () => {
  let server: PouchServer;
  let report: SetupReport;
  const open_: Browser[] = [];
  const openB = async (account: string, start?: Plan) => {
    const b = await open(report, account, start);
    open_.push(b);
    return b;
  };

  beforeAll(async () => {
    server = await startPouchServer({ inMemory: true });
    report = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: basePlan, units }, officeAccounts: 2 });
  }, 120_000);
  afterAll(async () => {
    for (const b of open_) await b.engine.stop();
    await server?.dispose();
  });

  it('takes the identity from the login, and a department’s tick reaches the office once', async () => {
    const office = await openB('office');
    const a = await openB('fgw');
    expect(office.host.identity).toEqual({ kind: 'office' });
    expect(a.host.identity).toEqual({ kind: 'unit', name: A });
    const tick = a.host.record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    await until('办公室收到勾选', () => office.host.data.events.some((e) => e.id === tick.id));
    expect(office.host.data.events.find((e) => e.id === tick.id)).toEqual(tick);
    await until('单位显示已同步', () => a.host.status?.phase === 'synced' && a.host.status.pending === 0);
    // The office's urge reaches the department too.
    const urge = office.host.record({ type: 'urge', taskId: 't1', note: '请加快' });
    await until('单位收到催办', () => a.host.data.events.some((e) => e.id === urge.id));
    expect(unique(ids(office)) && unique(ids(a))).toBe(true);
  });

  it('a department’s office record and another unit’s record are refused, with the reason, and stay out of everyone else’s data', async () => {
    const office = await openB('office');
    const a = await openB('fgw');
    const forged = a.host.record({ type: 'notice', taskId: 't1', kind: 'commend', note: '自己表扬自己' }, OFFICE_NAME);
    const other = a.host.record({ type: 'tick', taskId: 't2', done: true }, B);
    const notMine = a.host.record({ type: 'tick', taskId: 't2', done: true });
    await until('拒收', () => (a.host.status?.refused.length ?? 0) >= 3);
    const byId = new Map(a.host.status!.refused.map((r) => [r.id, r]));
    expect(byId.get(forged.id)).toMatchObject({ code: 'office-only', reason: `“通报/表扬”只能由${OFFICE_NAME}记录` });
    expect(byId.get(other.id)).toMatchObject({ code: 'not-own-unit' });
    expect(byId.get(other.id)!.reason).toContain(`不能以${B}的名义填写记录`);
    expect(byId.get(notMine.id)).toMatchObject({ code: 'not-owner' });
    expect(a.host.status!.pending).toBe(0);
    const ok = a.host.record({ type: 'progress', taskId: 't3', percent: 50 });
    await until('办公室收到进度', () => office.host.data.events.some((e) => e.id === ok.id));
    expect(office.host.data.events.some((e) => [forged.id, other.id, notMine.id].includes(e.id))).toBe(false);
  });

  it('a record the office passes on from a department’s file replicates once; the department’s own send later is not doubled', async () => {
    const office = await openB('office');
    const jar = withCookieJar();
    let down = false;
    const flaky: FetchLike = (input, init) => (down ? Promise.reject(new TypeError('网络断开')) : jar(input, init));
    const b = await open(report, 'jyj', basePlan, flaky);
    open_.push(b);
    down = true;
    const rec = b.host.record({ type: 'progress', taskId: 't2', percent: 70, note: '文件报送' });
    await until('单位离线待发送', () => b.host.status?.phase === 'offline' && b.host.status.pending === 1);
    // Without a connection the department sends a file; the office imports it (a local change there).
    office.host.apply({ events: [rec] });
    const c = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
    await c.login('office', report.accounts.find((x) => x.account === 'office')!.password!);
    for (let i = 0; i < 200 && !(await c.allDocs([rec.id]))[0]?.value; i++) await new Promise((r) => setTimeout(r, 25));
    down = false;
    b.engine.retryNow();
    await until('单位发送完毕', () => b.host.status?.phase === 'synced' && b.host.status.pending === 0, 20_000);
    expect(b.host.status!.refused).toEqual([]);
    const [row] = await c.allDocs([rec.id], true);
    expect(row?.value?.rev?.startsWith('1-')).toBe(true);
    expect(row?.doc).toMatchObject({ unit: B, percent: 70 });
    expect(office.host.data.events.filter((e) => e.id === rec.id)).toHaveLength(1);
    expect(b.host.data.events.filter((e) => e.id === rec.id)).toHaveLength(1);
  });

  it('two office users saving the plan at once: the second sees a conflict and decides; nothing is dropped', async () => {
    const o1 = await openB('office');
    const o2 = await openB('office2');
    await o2.engine.stop();
    o1.host.editPlan((p) => ({ ...p, title: '一号改的标题' }));
    await until('一号保存', () => o1.host.status?.phase === 'synced' && !!o1.engine.saved.planSyncedAt && o1.host.data.plan.title === '一号改的标题');
    await new Promise((r) => setTimeout(r, 300));
    o2.host.editPlan((p) => ({ ...p, title: '二号改的标题' }));
    const o2b = await reload(o2);
    open_.push(o2b);
    await until('二号看到冲突', () => o2b.host.status?.conflict);
    expect(o2b.host.status!.conflict).toMatchObject({ kind: 'plan', by: 'office' });
    expect(o2b.host.data.plan.title).toBe('二号改的标题');
    // Nothing was overwritten on the server meanwhile.
    await new Promise((r) => setTimeout(r, 300));
    expect(o1.host.data.plan.title).toBe('一号改的标题');
    await o2b.engine.resolveConflict('mine');
    await until('一号收到二号的版本', () => o1.host.data.plan.title === '二号改的标题');
    expect(o2b.host.copies.some((c) => c.plan.title === '一号改的标题')).toBe(true);
    expect(o2b.host.status!.conflict).toBeNull();
  });

  it('the office’s leaders travel in the registry document: a department takes them, a host without leaders keeps its units alone', async () => {
    const viceMayor: Leader = { id: 'l-1', name: '张副市长', role: 'vice-mayor', aliases: [], units: [A], tasks: ['t2'] };
    const office = await open(report, 'office', basePlan, withCookieJar(), []);
    open_.push(office);
    const b = await open(report, 'jyj', basePlan, withCookieJar(), []);
    open_.push(b);
    const plain = await openB('fgw');
    office.host.editLeaders(() => [viceMayor]);
    await until('单位收到领导分工', () => b.host.data.leaders?.some((l) => l.name === '张副市长'));
    expect(b.host.data.leaders).toEqual([viceMayor]);
    expect(b.host.data.units).toEqual(units);
    await until('办公室保存完毕', () => office.host.status?.phase === 'synced');
    const c = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
    await c.login('office', report.accounts.find((x) => x.account === 'office')!.password!);
    expect(await c.get(REGISTRY_DOC_ID)).toMatchObject({ units, leaders: [viceMayor] });
    // A host that has no leaders (an older release's) is given none and keeps its units.
    expect(plain.host.data.leaders).toBeUndefined();
    expect(plain.host.data.units).toEqual(units);
  });

  it('records written while logged out go at the next login, and a plan of another id is refused with the reason', async () => {
    const a = await openB('fgw');
    await a.engine.logout();
    expect(a.host.status?.phase).toBe('login');
    const offline = a.host.record({ type: 'progress', taskId: 't3', percent: 90 });
    const saved = await SyncEngine.login(report.dbUrl, 'fgw', report.accounts.find((x) => x.account === 'fgw')!.password!, { fetch: a.fetch, storage: a.kv });
    const again = new SyncEngine(saved, { host: a.host, storage: a.kv, fetch: a.fetch, maxBackoffMs: 300, longpollMs: 2000 });
    open_.push({ ...a, engine: again });
    await again.start();
    const office = await openB('office');
    await until('登录后补发', () => office.host.data.events.some((e) => e.id === offline.id));

    office.host.editPlan((p) => ({ ...p, id: 'another-plan' }));
    await until('计划被拒收', () => office.host.status?.phase === 'error');
    expect(office.host.status!.message).toBe('服务器拒收计划：此数据库属于计划 sync-e2e，不能写入计划 another-plan');
  });

  it('a plan edit that gives a department a task lets it write there (the office rewrites the rules)', async () => {
    const office = await openB('office');
    const b = await openB('jyj');
    const early = b.host.record({ type: 'tick', taskId: 't3', done: true });
    await until('先被拒收', () => b.host.status?.refused.some((r) => r.id === early.id && r.code === 'not-owner'));
    office.host.editPlan((p) => ({ ...p, tasks: p.tasks.map((t) => (t.id === 't3' ? { ...t, owners: [...t.owners, owner(B, 'co')] } : t)) }));
    await until('规则更新后补发成功', () => office.host.data.events.some((e) => e.id === early.id), 20_000);
    await until('拒收清单清空', () => !b.host.status?.refused.some((r) => r.id === early.id));
  });
});

describe('offline and restart (on disk)', () => {
  let server: PouchServer;
  let report: SetupReport;

  beforeAll(async () => {
    server = await startPouchServer();
    report = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: basePlan, units } });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('records written while the server is down wait in the queue, survive a reload, and arrive once', async () => {
    const office = await open(report, 'office');
    const a = await open(report, 'fgw');
    const before = a.host.record({ type: 'tick', taskId: 't1', done: true });
    await until('先同步一条', () => office.host.data.events.some((e) => e.id === before.id));

    await server.stop();
    const written = [a.host.record({ type: 'progress', taskId: 't3', percent: 20 }), a.host.record({ type: 'progress', taskId: 't3', percent: 40 }), a.host.record({ type: 'status', taskId: 't1', status: 'blocked' })];
    await until('离线', () => a.host.status?.phase === 'offline' && a.host.status.pending === 3);
    // The queue is in storage at once: a reload (or a killed tab) keeps it.
    expect(JSON.parse(a.kv.getItem('luoshi:sync')!).pending).toEqual(written.map((e) => e.id));
    const a2 = await reload(a);
    await until('重新载入后仍离线待发送', () => a2.host.status?.phase === 'offline' && a2.host.status.pending === 3);

    await server.restart();
    await until('恢复后发送完毕', () => a2.host.status?.phase === 'synced' && a2.host.status.pending === 0, 30_000);
    await until('办公室收到全部', () => written.every((w) => office.host.data.events.some((e) => e.id === w.id)), 30_000);
    expect(unique(ids(office))).toBe(true);
    expect(office.host.data.events.filter((e) => e.unit === A)).toHaveLength(4);
    await office.engine.stop();
    await a2.engine.stop();
  });
});
