/**
 * The store against a fake localStorage: every way stored data can be wrong, a full quota, older
 * storage versions, snapshots and backups. Nothing may be lost, and the app must always start.
 */
import { readFileSync } from 'node:fs';
import { canonicalJson } from '@/domain/merge';
import { decodeChunk, decodeRecord, decodeText, encodeChunk, encodeRecord, serialize, STORAGE_VERSION } from '@/store/codec';
import type { PlanEvent } from '@/domain/model';
import { MAIN_KEY, RECOVERY_PREFIX, SNAPSHOT_PREFIX, BACKUP_PREFIX } from '@/store/keys';
import { sampleData, samplePlan } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore, storedEvents, task } from './helpers';

// Paths from the project root, where vitest runs.
const fixture = (v: number) => readFileSync(`tests/fixtures/storage/v${v}.json`, 'utf8');
const recoveryKeys = (st: FakeStorage) => [...st.map.keys()].filter((k) => k.startsWith(RECOVERY_PREFIX) && !k.endsWith(':aside'));

describe('first start', () => {
  it('shows the seed plan and writes nothing until something changes', () => {
    const st = new FakeStorage();
    const s = makeStore(st);
    expect(s.getState().plan.id).toBe(samplePlan.id);
    expect(s.getState().storage.recovery).toBeNull();
    expect(st.getItem(MAIN_KEY)).toBeNull();
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    expect(st.getItem(MAIN_KEY)).not.toBeNull();
  });

  it('persists only the explicit list (plan, units, identity, planSetAt, dropped, leaders, issued); the events are in the log', () => {
    const st = new FakeStorage();
    const s = makeStore(st);
    s.getState().notify('info', '不应保存的提示');
    const e = s.getState().record({ type: 'urge', taskId: 't1' });
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    const stored = JSON.parse(st.getItem(MAIN_KEY)!) as { state: Record<string, unknown>; version: number };
    expect(stored.version).toBe(STORAGE_VERSION);
    // Behaviour changed on purpose (issues 14, 16): the events left the working-state key.
    expect(Object.keys(stored.state).sort()).toEqual(['dropped', 'identity', 'issued', 'leaders', 'plan', 'planSetAt', 'units']);
    expect(storedEvents(st).map((x) => x.id)).toEqual([e.id]);
    for (const [, v] of st.map) expect(v).not.toContain('不应保存的提示');
  });
});

describe('stored versions (fixtures)', () => {
  it.each([1, 2])('loads the v%i fixture exactly, without a recovery message', (v) => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, fixture(v));
    const s = makeStore(st);
    const got = s.getState();
    expect(got.storage.recovery).toBeNull();
    expect(canonicalJson(got.plan)).toBe(canonicalJson(sampleData.plan));
    expect(canonicalJson(got.events)).toBe(canonicalJson(sampleData.events));
    expect(got.units).toEqual(sampleData.units);
    expect(got.identity).toEqual(sampleData.identity);
  });

  it.each([1, 2])('moves the events of a v%i store into the log, then writes the working state as v3', (v) => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, fixture(v));
    const s = makeStore(st);
    s.getState().record({ type: 'urge', taskId: 't2' });
    const stored = JSON.parse(st.getItem(MAIN_KEY)!) as { version: number; state: Record<string, unknown> };
    expect(stored.version).toBe(STORAGE_VERSION);
    expect('ev' in stored.state || 'events' in stored.state).toBe(false);
    expect(storedEvents(st)).toHaveLength(sampleData.events.length + 1);
    // A reload reads the same, exactly.
    const again = makeStore(st);
    expect(canonicalJson(again.getState().events.filter((e) => e.type !== 'urge' || e.taskId !== 't2'))).toBe(canonicalJson(sampleData.events));
    expect(again.getState().storage.recovery).toBeNull();
  });

  it('the current serializer reads back what it wrote: working state, journal records and chunks, quotes and packed ids included', () => {
    const d = decodeText(serialize(sampleData), new Date());
    expect(canonicalJson(d.plan)).toBe(canonicalJson(sampleData.plan));
    expect(d.events).toEqual([]);
    expect(d.report.setAside).toEqual([]);
    const chunk = decodeChunk(encodeChunk(sampleData.events));
    expect(chunk.sealed).toBe(true);
    expect(canonicalJson(chunk.events)).toBe(canonicalJson(sampleData.events));
    expect(canonicalJson(sampleData.events.map((e) => decodeRecord(encodeRecord(e)).event))).toBe(canonicalJson(sampleData.events));
  });

  it('a field an event carries beyond its type (a signature, say) survives the record and the chunk', () => {
    const e = { ...sampleData.events[0]!, sig: { alg: 'ed25519', value: 'abc' } } as unknown as PlanEvent;
    expect(decodeRecord(encodeRecord(e)).event).toEqual(e);
    expect(decodeChunk(encodeChunk([e])).events).toEqual([e]);
  });
});

describe('damaged storage', () => {
  it('corrupt JSON: the app starts, says so in Chinese, and keeps the original text untouched', () => {
    const st = new FakeStorage();
    const garbage = '{{{这不是 JSON';
    st.setItem(MAIN_KEY, garbage);
    const s = makeStore(st);
    const rec = s.getState().storage.recovery;
    expect(rec).not.toBeNull();
    expect(rec!.message).toMatch(/损坏|不完整/);
    expect(st.getItem(rec!.backupKey)).toBe(garbage);
    expect(s.getState().plan.id).toBe(samplePlan.id);
    // Later saves never touch the copy.
    s.getState().record({ type: 'urge', taskId: 't1' });
    expect(st.getItem(rec!.backupKey)).toBe(garbage);
  });

  it('truncated JSON: every complete event before the cut is restored', () => {
    const st = new FakeStorage();
    const full = fixture(2);
    const cut = full.slice(0, full.indexOf('"ev"') + Math.floor((full.length - full.indexOf('"ev"')) * 0.6));
    st.setItem(MAIN_KEY, cut);
    const s = makeStore(st);
    const got = s.getState();
    expect(got.plan.id).toBe(samplePlan.id);
    expect(got.plan.tasks).toHaveLength(3);
    expect(got.events.length).toBeGreaterThan(3);
    expect(got.events.length).toBeLessThan(sampleData.events.length);
    expect(got.storage.recovery!.restoredItems).toBeGreaterThan(0);
    expect(st.getItem(got.storage.recovery!.backupKey)).toBe(cut);
  });

  it('cut in the middle of the tasks: the plan keeps its id (so its history), its source and the quotes before the cut', () => {
    // A plan built by spreading a parse (as the seed is) has its id after its lists: the stored
    // text must still carry the id and the source text before the lists.
    const { id, sourceText, ...rest } = samplePlan;
    const many = Array.from({ length: 40 }, (_, i) => ({ ...task(`t${i}`, { quote: sourceText.slice(0, 4), source: { start: 0, end: 4 } }) }));
    const plan = { ...rest, tasks: many, id, sourceText };
    const st = new FakeStorage();
    const s = makeStore(st, { seed: () => ({ plan, units: [] }) });
    const e = s.getState().record({ type: 'urge', taskId: 't0' });
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    const full = st.getItem(MAIN_KEY)!;
    st.setItem(MAIN_KEY, full.slice(0, Math.floor(full.length / 2)));
    const got = makeStore(st).getState();
    expect(got.storage.recovery).not.toBeNull();
    expect(got.plan.id).toBe(id);
    expect(got.plan.sourceText).toBe(sourceText);
    expect(got.plan.tasks.length).toBeGreaterThan(3);
    expect(got.plan.tasks[0]!.quote).toBe(sourceText.slice(0, 4));
    expect(got.events.map((x) => x.id)).toContain(e.id);
  });

  it.each([
    ['an array', '[1,2,3]'],
    ['a string', '"hello"'],
    ['a wrong-shaped state', JSON.stringify({ state: { plan: 'x', ev: { a: 1 }, units: 5 }, version: 2 })],
    ['null', 'null'],
  ])('wrong shape (%s): starts with the seed plan and keeps the original', (_name, text) => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, text);
    const s = makeStore(st);
    expect(s.getState().plan.id).toBe(samplePlan.id);
    expect(s.getState().storage.recovery).not.toBeNull();
    expect(recoveryKeys(st).map((k) => st.getItem(k))).toContain(text);
  });

  it('a v2 text whose version was edited down to 0 or 1 keeps every event (not packed as v1 a second time)', () => {
    for (const v of [0, 1]) {
      const st = new FakeStorage();
      const text = fixture(2).replace(/"version":\s*2/, `"version": ${v}`);
      expect(text).not.toBe(fixture(2));
      st.setItem(MAIN_KEY, text);
      const s = makeStore(st);
      expect(canonicalJson(s.getState().events)).toBe(canonicalJson(sampleData.events));
    }
  });

  it('a future storage version: restores what it can and keeps the original', () => {
    const st = new FakeStorage();
    const text = JSON.stringify({ state: JSON.parse(fixture(2)).state, version: 99 });
    st.setItem(MAIN_KEY, text);
    const s = makeStore(st);
    expect(s.getState().storage.recovery!.message).toContain('更新版本');
    expect(s.getState().plan.tasks).toHaveLength(3);
    expect(st.getItem(s.getState().storage.recovery!.backupKey)).toBe(text);
  });

  it('one bad task among a hundred: 99 restored, 1 set aside, reported and downloadable', () => {
    const tasks = Array.from({ length: 100 }, (_, i) => task(`t${i}`));
    const st = new FakeStorage();
    const data = { ...sampleData, plan: { ...samplePlan, tasks } };
    const parsed = JSON.parse(serialize(data)) as { state: { plan: { tasks: unknown[] } } };
    parsed.state.plan.tasks[57] = { id: 't57', title: 42, owners: 'nobody' };
    st.setItem(MAIN_KEY, JSON.stringify(parsed));
    const s = makeStore(st);
    const got = s.getState();
    expect(got.plan.tasks).toHaveLength(99);
    expect(got.plan.tasks.some((t) => t.id === 't57')).toBe(false);
    expect(got.storage.recovery!.setAsideItems).toBe(1);
    expect(got.storage.recovery!.message).toContain('1 条记录无法恢复');
    const file = got.downloadRecovery();
    expect(file).not.toBeNull();
    const body = JSON.parse(file!.text) as { setAside: { where: string; value: unknown }[]; original: string };
    expect(body.setAside).toHaveLength(1);
    expect(body.setAside[0]!.value).toEqual({ id: 't57', title: 42, owners: 'nobody' });
    expect(body.original).toBe(JSON.stringify(parsed));
  });

  it('discarding the recovery copy removes it and clears the message', () => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, 'garbage');
    const s = makeStore(st);
    expect(recoveryKeys(st)).toHaveLength(1);
    s.getState().discardRecovery();
    expect(recoveryKeys(st)).toHaveLength(0);
    expect(s.getState().storage.recovery).toBeNull();
  });

  it('a recovery copy that does not fit: the damaged original is not overwritten until the user decides', () => {
    const st = new FakeStorage();
    const damaged = fixture(2).slice(0, -40);
    st.setItem(MAIN_KEY, damaged);
    st.quota = st.used() + 100; // no room for a second copy
    const s = makeStore(st);
    expect(s.getState().storage.recovery!.message).toContain('无法另存');
    s.getState().record({ type: 'urge', taskId: 't1' });
    expect(st.getItem(MAIN_KEY)).toBe(damaged);
    expect(s.getState().storage.saveFailed).toBe(true);
    // The download offers the original from the main key itself.
    expect(JSON.parse(s.getState().downloadRecovery()!.text).original).toBe(damaged);
    st.quota = Infinity;
    s.getState().discardRecovery();
    expect(st.getItem(MAIN_KEY)).not.toBe(damaged);
    expect(storedEvents(st).some((e) => e.type === 'urge' && e.taskId === 't1')).toBe(true);
  });
});

describe('a full quota', () => {
  it('keeps the change in memory, says so, and leaves the stored value intact', () => {
    const st = new FakeStorage();
    const s = makeStore(st);
    s.getState().record({ type: 'progress', taskId: 't1', percent: 10 });
    const before = st.getItem(MAIN_KEY);
    // No snapshot to give up either (they would make room first): not one more byte.
    for (const k of [...st.map.keys()]) if (k.startsWith(SNAPSHOT_PREFIX)) st.removeItem(k);
    st.quota = st.used();
    const e = s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(s.getState().events.some((x) => x.id === e.id)).toBe(true);
    expect(s.getState().storage.saveFailed).toBe(true);
    expect(s.getState().toasts.some((t) => t.kind === 'error' && t.message.includes('导出'))).toBe(true);
    expect(st.getItem(MAIN_KEY)).toBe(before);
    // Room again: the next change saves everything that was kept in memory.
    st.quota = Infinity;
    s.getState().record({ type: 'urge', taskId: 't1' });
    expect(s.getState().storage.saveFailed).toBe(false);
    expect(storedEvents(st).some((x) => x.id === e.id)).toBe(true);
  });

  it('drops old snapshots to make room for the live data before giving up', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    st.setItem(MAIN_KEY, fixture(2));
    makeStore(st, { clock }); // takes today's snapshot
    const snaps = () => [...st.map.keys()].filter((k) => k.startsWith(SNAPSHOT_PREFIX));
    expect(snaps()).toHaveLength(1);
    const s = makeStore(st, { clock });
    st.quota = st.used() + 200; // the snapshot's room is what a bigger save needs
    s.getState().addTask({ ...task('big'), id: undefined, quote: '很长的说明'.repeat(100) });
    expect(s.getState().storage.saveFailed).toBe(false);
    expect(snaps()).toHaveLength(0);
  });

  it('reports bytes used (UTF-16) and the quota for the meter', () => {
    const st = new FakeStorage();
    const s = makeStore(st);
    s.getState().record({ type: 'urge', taskId: 't1' });
    expect(s.getState().storage.usedBytes).toBe(st.used());
    // Behaviour changed on purpose (issue 16): the limit is 5,242,880 UTF-16 characters, which is
    // 10 MiB in the unit the meter counts (two bytes a character); 5 MiB warned at 40 % of it.
    expect(s.getState().storage.quotaBytes).toBe(5_242_880 * 2);
  });
  it('counts keys that are not the app\'s in the meter: the quota is the origin\'s, and a save can fail for them', () => {
    const st = new FakeStorage();
    // Another page served from the same address already uses most of the room.
    st.setItem('other-app:cache', 'x'.repeat(2 * 1024 * 1024));
    const s = makeStore(st);
    s.getState().record({ type: 'urge', taskId: 't1' });
    expect(s.getState().storage.usedBytes).toBe(st.used());
    // It grows after the app started: a failed save measures again, so the meter shows why.
    for (const k of [...st.map.keys()]) if (k.startsWith(SNAPSHOT_PREFIX)) st.removeItem(k);
    st.setItem('other-app:more', 'y'.repeat(100_000));
    st.quota = st.used();
    s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(s.getState().storage.saveFailed).toBe(true);
    expect(s.getState().storage.usedBytes).toBe(st.used());
  });
});

describe('snapshots and backups', () => {
  it('says so when today\'s snapshot does not fit beside the live data, and clears it once one fits', () => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, fixture(2));
    const clock = new Clock();
    const live = st.used();
    // Room for the live data and a little more, not for a second copy of it.
    const tight = makeStore(st, { clock, quotaBytes: Math.round(live * 1.5) });
    expect([...st.map.keys()].some((k) => k.startsWith(SNAPSHOT_PREFIX))).toBe(false);
    expect(tight.getState().storage.snapshotNoRoom).toBe(true);
    tight.destroy();

    clock.days(1);
    const roomy = makeStore(st, { clock, quotaBytes: live * 10 });
    expect(roomy.getState().storage.snapshotNoRoom).toBe(false);
    expect(roomy.getState().listSnapshots()).toHaveLength(1);
    roomy.destroy();

    // The next day there is room again for neither: yesterday's snapshot is kept, not traded for nothing.
    clock.days(1);
    const tightAgain = makeStore(st, { clock, quotaBytes: Math.round(live * 1.5) });
    expect(tightAgain.getState().storage.snapshotNoRoom).toBe(true);
    expect(tightAgain.getState().listSnapshots()).toHaveLength(1);
  });

  it('takes at most one snapshot a day and keeps the last seven', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const s = makeStore(st, { clock });
    for (let day = 0; day < 10; day++) {
      s.getState().record({ type: 'urge', taskId: 't1' });
      clock.tick(3_600_000);
      s.getState().record({ type: 'urge', taskId: 't2' });
      clock.days(1);
    }
    const list = s.getState().listSnapshots();
    expect(list).toHaveLength(7);
    expect(new Set(list.map((x) => x.at)).size).toBe(7);
    expect(list[0]!.at > list[6]!.at).toBe(true);
  });

  it('restores a snapshot (after a backup of the present), and undo takes it back', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const s = makeStore(st, { clock });
    s.getState().record({ type: 'urge', taskId: 't1' });
    clock.days(1);
    s.getState().deleteTask('t1');
    s.getState().record({ type: 'urge', taskId: 't2' });
    const snap = s.getState().listSnapshots().find((x) => x.tasks === 3);
    expect(snap).toBeDefined();
    expect(s.getState().restoreSnapshot(snap!.key)).toBe(true);
    expect(s.getState().plan.tasks.map((t) => t.id)).toContain('t1');
    expect(s.getState().listBackups().some((b) => b.reason.includes('恢复副本前'))).toBe(true);
    s.getState().undo();
    expect(s.getState().plan.tasks.map((t) => t.id)).not.toContain('t1');
  });

  it('replacePlan always backs up the previous plan and its events first', () => {
    const st = new FakeStorage();
    const s = makeStore(st);
    s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    s.getState().replacePlan({ ...samplePlan, id: 'other', title: '新计划', tasks: [task('n1')] });
    expect(s.getState().events).toHaveLength(0);
    const backups = s.getState().listBackups();
    expect(backups).toHaveLength(1);
    expect(backups[0]!.events).toBe(1);
    expect([...st.map.keys()].some((k) => k.startsWith(BACKUP_PREFIX))).toBe(true);
    expect(s.getState().restoreCopy(backups[0]!.key)).toBe(true);
    expect(s.getState().plan.id).toBe(samplePlan.id);
    expect(s.getState().events).toHaveLength(1);
  });
});
