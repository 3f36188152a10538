/**
 * The event log (src/store/log.ts) under the store: one record per event, sealed chunks, and
 * everything that can go wrong with them: a cut-off working-state key, a cut-off chunk, a damaged
 * record, reloads of damaged storage, a full quota, two tabs sealing, and an older layout at city
 * scale. The merge across chunks keeps the union laws whatever the split.
 */
import fc from 'fast-check';
import { canonicalJson, mergeEvents } from '@/domain/merge';
import type { PlanEvent } from '@/domain/model';
import { dayOf } from '@/domain/lights';
import { decodeText, encodeChunk, encodeRecord, packId, serializeV2 } from '@/store/codec';
import { LOG_PREFIX, MAIN_KEY, RECOVERY_PREFIX } from '@/store/keys';
import { chunkPrefix, decodeLog, journalPrefix, SEAL_AT, StorageKv } from '@/store/log';
import { generateCity } from '../../bench/fixtures';
import { eventsArb } from '../domain/event-arbitraries';
import { sampleData, samplePlan } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore, storedEvents } from './helpers';

const logKeys = (st: FakeStorage, kind: 'j' | 'c', planId = samplePlan.id) =>
  [...st.map.keys()].filter((k) => k.startsWith(LOG_PREFIX + (kind === 'j' ? journalPrefix(planId) : chunkPrefix(planId)))).sort();
const recoveryKeys = (st: FakeStorage) => [...st.map.keys()].filter((k) => k.startsWith(RECOVERY_PREFIX) && !k.endsWith(':aside'));

/** A store with `n` recorded urges (ids predictable), then destroyed: the storage is what a reload finds. */
function withEvents(n: number, clock = new Clock()) {
  const st = new FakeStorage();
  // Its own ids: the stores a test opens later (prefix 0) must not make the same ones.
  const s = makeStore(st, { clock, idPrefix: 7 });
  // The working-state key too, as a browser that was used has it.
  s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
  s.getState().setIdentity({ kind: 'office' });
  for (let i = 0; i < n; i++) {
    s.getState().record({ type: 'urge', taskId: i % 2 ? 't1' : 't2', note: `第 ${i} 次催办` });
    clock.tick(1000);
  }
  s.destroy();
  return { st, events: s.getState().events };
}

describe('the log layout', () => {
  it('a tick writes one small record; the working-state key is not rewritten', () => {
    const st = new FakeStorage();
    const s = makeStore(st);
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    const main = st.getItem(MAIN_KEY);
    const writes = vi.spyOn(st, 'setItem');
    s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '平台已上线' });
    expect(writes).toHaveBeenCalledTimes(1);
    const [key, value] = writes.mock.calls[0]!;
    expect(key.startsWith(LOG_PREFIX + journalPrefix(samplePlan.id))).toBe(true);
    expect(value.length).toBeLessThan(120);
    expect(st.getItem(MAIN_KEY)).toBe(main);
  });

  it(`seals ${SEAL_AT} records into one chunk, and a reload reads every event exactly`, () => {
    const { st, events } = withEvents(SEAL_AT + 7);
    expect(logKeys(st, 'c')).toHaveLength(1);
    expect(logKeys(st, 'j')).toHaveLength(7);
    const again = makeStore(st);
    expect(canonicalJson(again.getState().events)).toBe(canonicalJson(events));
    expect(again.getState().storage.recovery).toBeNull();
  });

  it('the write of a tick does not grow with the log (its own record, whatever the count)', () => {
    const { st } = withEvents(SEAL_AT * 2 + 3);
    const s = makeStore(st);
    const writes = vi.spyOn(st, 'setItem');
    s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(writes.mock.calls.reduce((n, [, v]) => n + v.length, 0)).toBeLessThan(120);
  });
});

describe('damaged storage loses as little as possible', () => {
  it('a working-state key cut anywhere keeps every event (they are not in it)', () => {
    const { st, events } = withEvents(40);
    const s0 = makeStore(st);
    s0.getState().updateTask('t1', { title: '改过的标题' });
    const full = st.getItem(MAIN_KEY)!;
    for (const share of [0.05, 0.3, 0.6, 0.95]) {
      const copy = new FakeStorage();
      for (const [k, v] of st.map) copy.setItem(k, v);
      copy.setItem(MAIN_KEY, full.slice(0, Math.floor(full.length * share)));
      const s = makeStore(copy);
      expect(s.getState().events.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(s.getState().storage.recovery).not.toBeNull();
    }
  });

  it('a chunk cut off keeps every event up to the cut, and the records after it', () => {
    const { st, events } = withEvents(SEAL_AT + 5);
    const [chunkKey] = logKeys(st, 'c');
    const text = st.getItem(chunkKey!)!;
    const cut = text.slice(0, Math.floor(text.length * 0.7));
    st.setItem(chunkKey!, cut);
    const s = makeStore(st);
    const got = new Set(s.getState().events.map((e) => e.id));
    // The chunk holds the first SEAL_AT events in order: a prefix of them survives, all whole.
    const inChunk = events.slice(0, SEAL_AT);
    const kept = inChunk.filter((e) => got.has(e.id)).length;
    expect(kept).toBeGreaterThan(SEAL_AT * 0.6);
    expect(inChunk.slice(0, kept).every((e) => got.has(e.id))).toBe(true);
    expect(events.slice(SEAL_AT).every((e) => got.has(e.id))).toBe(true);
    const rec = s.getState().storage.recovery!;
    expect(rec.message).toMatch(/历史记录中有 1 处存储损坏/);
    // The damaged text is kept untouched, to download.
    expect(recoveryKeys(st).map((k) => st.getItem(k))).toContain(cut);
  });

  it('a damaged record sets aside only itself', () => {
    const { st, events } = withEvents(12);
    const [k0] = logKeys(st, 'j');
    st.setItem(k0!, '["u","~garbled');
    const s = makeStore(st);
    expect(s.getState().events).toHaveLength(11);
    expect(new Set(s.getState().events.map((e) => e.id))).toEqual(new Set(events.filter((e) => `${LOG_PREFIX}${journalPrefix(samplePlan.id)}${packId(e.id)}` !== k0).map((e) => e.id)));
  });

  it('recovery copies are bounded (one per distinct damaged text) and stay reachable until the user decides', () => {
    const { st } = withEvents(3);
    st.setItem(MAIN_KEY, '{"version":3,"state":{"plan":{"id":"plan-sample","title":"样例计划","tasks":[{"id":"t1"');
    const first = makeStore(st);
    expect(recoveryKeys(st)).toHaveLength(1);
    // The same damaged text read again (the user reloads before anything is written): no new copy.
    first.destroy();
    for (let i = 0; i < 5; i++) makeStore(st).destroy();
    expect(recoveryKeys(st)).toHaveLength(1);
    // A change writes the main key whole again; the next start is clean, and the copy is still offered.
    const s = makeStore(st);
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    const clean = makeStore(st);
    expect(clean.getState().storage.recovery).toBeNull();
    const list = clean.getState().listRecoveries();
    expect(list).toHaveLength(1);
    const file = clean.getState().downloadRecoveryCopy(list[0]!.key);
    expect(JSON.parse(file!.text).original).toContain('"tasks":[{"id":"t1"');
    clean.getState().discardRecoveryCopy(list[0]!.key);
    expect(clean.getState().listRecoveries()).toHaveLength(0);
    // Two different damaged texts: two copies, no more.
    for (const bad of ['{"broken', '{"broken', '{"other broken']) {
      st.setItem(MAIN_KEY, bad);
      makeStore(st).destroy();
    }
    expect(recoveryKeys(st)).toHaveLength(2);
  });

  it('a damaged snapshot is listed as damaged and does not block today\'s snapshot', () => {
    const clock = new Clock();
    const { st } = withEvents(3, clock);
    const day = '2026-03-02';
    st.setItem(`luoshi:snap:${day}`, '{"version":3,"sta');
    const s = makeStore(st, { clock });
    s.getState().record({ type: 'urge', taskId: 't1' });
    const list = s.getState().listSnapshots();
    expect(list.some((c) => c.damaged && c.reason.includes('已损坏'))).toBe(true);
    const good = list.find((c) => !c.damaged);
    expect(good).toBeDefined();
    expect(good!.tasks).toBe(3);
    expect(good!.events).toBe(3);
  });
});

describe('a full quota', () => {
  it('a tick that does not fit stays in memory, the user is told, and it is written once there is room', () => {
    const { st } = withEvents(2);
    const s = makeStore(st);
    for (const k of [...st.map.keys()]) if (k.startsWith('luoshi:snap:')) st.removeItem(k);
    st.quota = st.used();
    const e = s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(s.getState().events.some((x) => x.id === e.id)).toBe(true);
    expect(s.getState().storage.saveFailed).toBe(true);
    expect(s.getState().toasts.some((t) => t.kind === 'error' && t.message.includes('导出'))).toBe(true);
    expect(storedEvents(st).some((x) => x.id === e.id)).toBe(false);
    st.quota = Infinity;
    const u = s.getState().record({ type: 'urge', taskId: 't1' });
    expect(s.getState().storage.saveFailed).toBe(false);
    expect(storedEvents(st).map((x) => x.id)).toEqual(expect.arrayContaining([e.id, u.id]));
  });

  it('a tick that reaches the log does not hide a plan edit still waiting for room (two stores, two states)', () => {
    const st = new FakeStorage();
    const logStore = new FakeStorage();
    const s = makeStore(st, { log: new StorageKv(logStore) });
    s.getState().updateTask('t1', { title: '先存一次' });
    for (const k of [...st.map.keys()]) if (k.startsWith('luoshi:snap:')) st.removeItem(k);
    st.quota = st.used();
    s.getState().updateTask('t1', { title: `工作区已满时改的名称${'很长'.repeat(50)}` });
    expect(s.getState().storage.saveFailed).toBe(true);
    const e = s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    expect([...logStore.map.values()].some((v) => v.includes(packId(e.id)))).toBe(true);
    // The tick is on disk, the edit is not: still failing, and said once, not once per write.
    expect(s.getState().storage.saveFailed).toBe(true);
    expect(s.getState().toasts.filter((t) => t.kind === 'error')).toHaveLength(1);
    st.quota = Infinity;
    s.getState().updateTask('t3', { title: '有空间了' });
    expect(s.getState().storage.saveFailed).toBe(false);
    expect(st.getItem(MAIN_KEY)).toContain('工作区已满时改的名称');
  });

  it('the first snapshot given up for the live data is named in a notice', () => {
    const clock = new Clock();
    const { st } = withEvents(2, clock);
    makeStore(st, { clock }).destroy(); // takes today's snapshot
    expect([...st.map.keys()].some((k) => k.startsWith('luoshi:snap:'))).toBe(true);
    const s = makeStore(st, { clock });
    st.quota = st.used() + 200;
    s.getState().updateTask('t1', { quote: '很长的说明'.repeat(100) });
    expect(s.getState().storage.saveFailed).toBe(false);
    expect(s.getState().toasts.some((t) => t.kind === 'warning' && t.message.includes('已删除') && t.message.includes('2026-03-02'))).toBe(true);
  });
});

describe('two tabs', () => {
  it('near-simultaneous ticks in two tabs that have not heard each other: none lost, after a reload of both', () => {
    for (let trial = 0; trial < 20; trial++) {
      const st = new FakeStorage();
      const clock = new Clock();
      const a = makeStore(st.tab(), { clock, idPrefix: 1 });
      const b = makeStore(st.tab(), { clock, idPrefix: 2 });
      st.hold = true;
      const ea = a.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
      if (trial % 2) clock.tick(trial);
      const eb = b.getState().record({ type: 'tick', taskId: 't1', done: trial % 3 === 0, note: '已完成' });
      // Plan edits too, in either order.
      a.getState().updateTask('t2', { title: `甲 ${trial}` });
      b.getState().updateTask('t3', { title: `乙 ${trial}` });
      st.hold = false;
      st.flush();
      const ids = [ea.id, eb.id].sort();
      for (const s of [a, b, makeStore(st.tab(), { clock }), makeStore(st.tab(), { clock })]) {
        expect(s.getState().events.map((e) => e.id).sort()).toEqual(ids);
        expect(s.getState().plan.tasks.find((t) => t.id === 't2')!.title).toBe(`甲 ${trial}`);
        expect(s.getState().plan.tasks.find((t) => t.id === 't3')!.title).toBe(`乙 ${trial}`);
      }
    }
  });

  it('a stale tab does not revert another tab\'s edit of a field it did not touch; both editing one field is said', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    st.hold = true; // b does not hear a before it saves
    clock.tick();
    a.getState().updateTask('t1', { title: '甲改的标题' });
    clock.tick();
    const before = b.getState().plan.tasks.find((t) => t.id === 't1')!;
    b.getState().updateTask('t1', { deadline: { ...before.deadline, label: '乙改的时限' } });
    st.hold = false;
    st.flush();
    for (const s of [a, b, makeStore(st.tab(), { clock })]) {
      const t1 = s.getState().plan.tasks.find((t) => t.id === 't1')!;
      expect(t1.title).toBe('甲改的标题');
      expect(t1.deadline.label).toBe('乙改的时限');
    }
    expect(b.getState().toasts.some((t) => t.message.includes('逐项合并'))).toBe(true);

    st.hold = true;
    clock.tick();
    a.getState().updateTask('t2', { title: '甲的第二个标题' });
    clock.tick();
    b.getState().updateTask('t2', { title: '乙的第二个标题' });
    st.hold = false;
    st.flush();
    expect(b.getState().toasts.some((t) => t.kind === 'warning' && t.message.includes('建成智慧城市平台') === false && t.message.includes('名称'))).toBe(true);
    const t2 = makeStore(st.tab(), { clock }).getState().plan.tasks.find((t) => t.id === 't2')!;
    expect(t2.title).toBe('乙的第二个标题');
  });

  it('two tabs sealing at once keep every event once', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    const ids: string[] = [];
    for (let i = 0; i < SEAL_AT + 50; i++) {
      ids.push((i % 2 ? a : b).getState().record({ type: 'urge', taskId: 't1' }).id);
      clock.tick(10);
    }
    const again = makeStore(st.tab(), { clock });
    expect(again.getState().events.map((e) => e.id).sort()).toEqual(ids.sort());
    expect(logKeys(st, 'c').length).toBeGreaterThanOrEqual(1);
  });
});

describe('merging across chunks keeps the union laws', () => {
  /** Lays a set of events out as journal records and chunks, split at random points. */
  const layout = (events: PlanEvent[], cuts: number[]): Array<[string, string]> => {
    const out: Array<[string, string]> = [];
    const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((x, y) => x - y);
    let from = 0;
    points.forEach((p, i) => {
      if (p > from) out.push([`${chunkPrefix('p')}${String(i).padStart(3, '0')}`, encodeChunk(events.slice(from, p))]);
      from = Math.max(from, p);
    });
    // Same id twice in one journal is impossible (one key per id): later ones go to chunks.
    const seen = new Set<string>();
    for (const e of events.slice(from)) {
      if (seen.has(e.id)) out.push([`${chunkPrefix('p')}z${out.length}`, encodeChunk([e])]);
      else out.push([`${journalPrefix('p')}${packId(e.id)}`, encodeRecord(e)]);
      seen.add(e.id);
    }
    return out;
  };
  const load = (entries: Array<[string, string]>) => decodeLog('p', entries).events;
  const cutsArb = fc.array(fc.nat(40), { maxLength: 4 });

  it('any split of a log reads as mergeEvents of its events (idempotent on duplicates)', () => {
    fc.assert(
      fc.property(eventsArb(), cutsArb, (events, cuts) => {
        expect(canonicalJson(load(layout(events, cuts)))).toBe(canonicalJson(mergeEvents(events, []).events));
        expect(canonicalJson(load([...layout(events, cuts), ...layout(events, [])]))).toBe(canonicalJson(mergeEvents(events, []).events));
      }),
    );
  });

  it('two tabs\' logs read in either order give the same union, and grouping does not matter', () => {
    fc.assert(
      fc.property(eventsArb(), eventsArb(), eventsArb(), cutsArb, (a, b, c, cuts) => {
        const A = layout(a, cuts);
        const B = layout(b, cuts).map(([k, v]): [string, string] => [k.replace('|p|', '|p|b'), v]);
        const C = layout(c, []).map(([k, v]): [string, string] => [k.replace('|p|', '|p|c'), v]);
        expect(canonicalJson(load([...A, ...B]))).toBe(canonicalJson(load([...B, ...A])));
        expect(canonicalJson(load([...A, ...B, ...C]))).toBe(canonicalJson(mergeEvents(mergeEvents(a, b).events, c).events));
        expect(canonicalJson(load([...A, ...B, ...C]))).toBe(canonicalJson(mergeEvents(a, mergeEvents(b, c).events).events));
      }),
    );
  });
});

describe('migration of the current release\'s data', () => {
  it('a v2 store at city scale (1,000 tasks, 20,000 events) loads into the log exactly, and the working-state key shrinks', () => {
    const city = generateCity();
    const st = new FakeStorage();
    // As the release wrote it: no leaders, no issued archive.
    const v2 = serializeV2({ plan: city.plan, units: city.units, events: city.events, identity: { kind: 'office' }, planSetAt: city.plan.createdAt, dropped: [] });
    st.setItem(MAIN_KEY, v2);
    const s = makeStore(st, { seed: () => ({ plan: city.plan, units: city.units }) });
    expect(s.getState().events).toHaveLength(city.events.length);
    expect(s.getState().storage.recovery).toBeNull();
    const main = st.getItem(MAIN_KEY)!;
    expect(main.length).toBeLessThan(v2.length / 3);
    expect(decodeText(main, new Date()).events).toEqual([]);
    expect(logKeys(st, 'c', city.plan.id).length).toBe(Math.floor(city.events.length / SEAL_AT));
    const again = makeStore(st);
    expect(canonicalJson(again.getState().events)).toBe(canonicalJson(city.events));
    // The 督办 cycle's migration: owners that name leaders (the city's 分管副市长 as co-owners)
    // move out of the tasks into the leaders' own list, and each task gets its plan's day of
    // creation (China time) as 交办日期; nothing else of the plan changes.
    const leaderNames = new Set(city.units.filter((u) => u.kind === 'leader').map((u) => u.name));
    const assignedOn = dayOf(city.plan.createdAt);
    const migrated = { ...city.plan, tasks: city.plan.tasks.map((t) => ({ ...t, assignedOn, owners: t.owners.filter((o) => !leaderNames.has(o.name)) })) };
    expect(canonicalJson(again.getState().plan)).toBe(canonicalJson(migrated));
    expect(again.getState().leaders.map((l) => l.name).sort()).toEqual([...leaderNames].sort());
  });

  it('a v2 store whose events could not yet move (no room) keeps its key as it was', () => {
    const st = new FakeStorage();
    const v2 = serializeV2(sampleData);
    st.setItem(MAIN_KEY, v2);
    st.quota = st.used() + 50;
    const s = makeStore(st);
    expect(s.getState().events).toHaveLength(sampleData.events.length);
    s.getState().updateTask('t1', { title: '改过的标题' });
    expect(st.getItem(MAIN_KEY)).toBe(v2);
    st.quota = Infinity;
    s.getState().updateTask('t1', { title: '再改一次' });
    expect(st.getItem(MAIN_KEY)).not.toBe(v2);
    expect(storedEvents(st)).toHaveLength(sampleData.events.length);
  });
});
