/**
 * The 督办 cycle in the store: 交办日期 stamped when tasks are taken up, what the cycle refuses,
 * the register, the archive of issued 通报, leaders, and their storage (fixture v2-cycle.json).
 */
import { readFileSync } from 'node:fs';
import { canonicalJson } from '@/domain/merge';
import { lightDetail } from '@/domain/lights';
import { buildQuarterlyReport } from '@/domain/report';
import { buildBulletinContent } from '@/domain/bulletin/quarterly';
import { MAIN_KEY } from '@/store/keys';
import { selectTaskStates } from '@/store/derived';
import { decodeText } from '@/store/codec';
import { cycleEvents, cycleLeaders, sampleData, sampleEvents, samplePlan } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore, storedEvents, task } from './helpers';

const draftOf = (s: ReturnType<typeof makeStore>, today: string) => buildBulletinContent(buildQuarterlyReport(s.getState().plan, s.getState().events, 1, today));

describe('交办日期', () => {
  it('a task added today, due in 19 days, at 0 % is green (its pace starts today)', () => {
    const clock = new Clock('2026-12-06T01:30:00.000Z'); // 09:30 in China
    const s = makeStore(new FakeStorage(), { clock });
    const id = s.getState().addTask({ ...task('x'), deadline: { label: '', due: '2026-12-25', recurrence: null, kind: 'date', inferred: false } });
    const t = s.getState().plan.tasks.find((x) => x.id === id)!;
    expect(t.assignedOn).toBe('2026-12-06');
    const d = lightDetail(selectTaskStates(s.getState()).get(id)!, t, '2026-12-06', 2026);
    expect(d).toMatchObject({ light: 'green', elapsed: 0 });
  });

  it('a replaced plan is taken up today, and its owners that name leaders move to the leaders', () => {
    const clock = new Clock('2026-12-06T01:30:00.000Z');
    const s = makeStore(new FakeStorage(), { clock, seed: () => ({ plan: samplePlan, units: sampleData.units, leaders: cycleLeaders }) });
    const incoming = { ...samplePlan, id: 'next', tasks: [task('a', { owners: [{ name: '市大数据局', role: 'lead', inferred: false }, { name: '各位副市长', role: 'lead', inferred: false }] })] };
    s.getState().replacePlan(incoming);
    expect(s.getState().plan.tasks[0]).toMatchObject({ assignedOn: '2026-12-06', owners: [{ name: '市大数据局', role: 'lead', inferred: false }] });
    expect(s.getState().leaders.find((l) => l.name === '分管副市长')!.tasks).toEqual(['a']);
    // A new plan's portfolios start afresh: 王副市长 keeps his units, not the old plan's task t3.
    expect(s.getState().leaders.find((l) => l.name === '王副市长')).toMatchObject({ units: ['市发展和改革委员会'], tasks: [] });
  });
});

describe('what the cycle refuses', () => {
  it('a completion without its evidence note, and progress on a done task', () => {
    const s = makeStore(new FakeStorage());
    expect(() => s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '   ' })).toThrow(/完成说明/);
    s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '平台上线' });
    expect(() => s.getState().record({ type: 'progress', taskId: 't2', percent: 0 })).toThrow(/不能再报告进度/);
    expect(s.getState().events).toHaveLength(1);
  });

  it('a reply with no urge to answer', () => {
    const s = makeStore(new FakeStorage());
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    expect(() => s.getState().record({ type: 'reply', taskId: 't2', urgeId: null, note: '已办' })).toThrow(/没有待回复的催办/);
  });

  it('undo of an untick puts the completion back with its evidence', () => {
    const clock = new Clock();
    const s = makeStore(new FakeStorage(), { clock });
    const files = [{ name: '纪要.pdf', size: 10, sha256: 'b'.repeat(64) }];
    s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '平台上线', attachments: files });
    clock.tick();
    s.getState().record({ type: 'tick', taskId: 't2', done: false });
    clock.tick();
    s.getState().undo();
    expect(selectTaskStates(s.getState()).get('t2')!.evidence).toMatchObject({ note: '平台上线', attachments: files });
  });
});

describe('督办登记', () => {
  it('gives 交办 running numbers per year', () => {
    const clock = new Clock('2026-03-02T01:00:00.000Z');
    const s = makeStore(new FakeStorage(), { clock });
    const a = s.getState().assignTask('t1', '2026-03-09', '请按期办结');
    const b = s.getState().assignTask('t2', null, '请报送进展');
    clock.t = Date.parse('2027-01-05T01:00:00.000Z');
    const c = s.getState().assignTask('t1', null, '跨年度再次督办');
    expect([a, b, c].map((e) => (e.type === 'assign' ? [e.year, e.number] : null))).toEqual([
      [2026, 1],
      [2026, 2],
      [2027, 1],
    ]);
  });
});

describe('issued 通报', () => {
  it('issuing freezes the draft under the next 期号; later edits leave it as it was', () => {
    const clock = new Clock('2026-04-02T01:00:00.000Z');
    const s = makeStore(new FakeStorage(), { clock });
    s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '改革方案已印发' });
    const draft = draftOf(s, '2026-04-02');
    expect(draft.issue).toBe('（草稿，未印发）');
    const first = s.getState().issueBulletin(draft);
    expect(first).toMatchObject({ year: 2026, number: 1, quarter: 1, planId: samplePlan.id });
    expect(first.content.issue).toBe('2026年第1期');
    expect(first.content.dateText).toBe('2026年4月2日');
    const frozen = canonicalJson(first.content);
    // Later: a task added, a lead changed, another tick.
    s.getState().addTask(task('late-added'));
    s.getState().setOwners('t1', [{ name: '市财政局', role: 'lead', inferred: false }]);
    s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '上线' });
    expect(canonicalJson(s.getState().issued[0]!.content)).toBe(frozen);
    expect(canonicalJson(draftOf(s, '2026-04-02'))).not.toBe(canonicalJson(draft));
    // The next one of the year is 第2期.
    expect(s.getState().issueBulletin(draftOf(s, '2026-04-02')).number).toBe(2);
  });

  it('survives a reload and merges between two tabs (union by id)', () => {
    const st = new FakeStorage();
    const a = makeStore(st.tab(), { clock: new Clock('2026-04-02T01:00:00.000Z'), idPrefix: 1 });
    const b = makeStore(st.tab(), { clock: new Clock('2026-04-02T01:00:01.000Z'), idPrefix: 2 });
    a.getState().issueBulletin(draftOf(a, '2026-04-02'));
    b.getState().issueBulletin(draftOf(b, '2026-04-02'));
    const reloaded = makeStore(st);
    expect(reloaded.getState().issued).toHaveLength(2);
  });

  // Found while writing the test above: the storage meter's update, fired while a tab read the
  // other tab's write, saved the tab's state from before the merge over it.
  it('a tab that hears another tab’s write never stores its older state over it, not even for a moment', () => {
    const st = new FakeStorage();
    const a = makeStore(st.tab(), { clock: new Clock('2026-04-02T01:00:00.000Z'), idPrefix: 1 });
    // Every value tab b writes under the main key.
    const tabB = st.tab();
    const writeB = tabB.storage.setItem;
    const writtenByB: string[] = [];
    Object.assign(tabB.storage, {
      setItem: (k: string, v: string) => {
        if (k === MAIN_KEY) writtenByB.push(v);
        writeB(k, v);
      },
    });
    makeStore(tabB, { clock: new Clock('2026-04-02T01:00:01.000Z'), idPrefix: 2 });
    a.getState().upsertLeader({ id: 'leader-li', name: '李副市长', role: 'vice-mayor', aliases: [], units: [], tasks: [] });
    const issued = a.getState().issueBulletin(draftOf(a, '2026-04-02'));
    // b wrote (the merge of a's leader with its own state) but never its state from before.
    expect(writtenByB.length).toBeGreaterThan(0);
    for (const v of writtenByB) expect(v).toContain('李副市长');
    for (const v of writtenByB.slice(writtenByB.findIndex((x) => x.includes(issued.id)))) expect(v).toContain(issued.id);
    expect(writtenByB.some((v) => v.includes(issued.id))).toBe(true);
  });

  it('a tab that hears another tab’s write never stores its older state over it', () => {
    const st = new FakeStorage();
    const a = makeStore(st.tab(), { clock: new Clock('2026-04-02T01:00:00.000Z'), idPrefix: 1 });
    makeStore(st.tab(), { clock: new Clock('2026-04-02T01:00:01.000Z'), idPrefix: 2 });
    a.getState().issueBulletin(draftOf(a, '2026-04-02'));
    a.getState().record({ type: 'tick', taskId: 't2', done: true, note: '平台上线' });
    const stored = decodeText(st.getItem(MAIN_KEY)!, new Date());
    expect(stored.issued).toHaveLength(1);
    expect(storedEvents(st).map((e) => e.type)).toEqual(['tick']);
  });
});

describe('storage of the cycle (fixture v2-cycle.json)', () => {
  const text = readFileSync('tests/fixtures/storage/v2-cycle.json', 'utf8');

  it('loads leaders, the issued archive and the new events exactly, without a recovery message', () => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, text);
    const s = makeStore(st);
    const got = s.getState();
    expect(got.storage.recovery).toBeNull();
    expect(got.leaders).toEqual(cycleLeaders);
    expect(canonicalJson(got.events)).toBe(canonicalJson([...sampleEvents, ...cycleEvents].sort((x, y) => (x.at < y.at ? -1 : 1))));
    expect(got.issued).toHaveLength(1);
    expect(got.issued[0]!.content.issue).toBe('2026年第1期');
    const t2 = selectTaskStates(got).get('t2')!;
    expect(t2).toMatchObject({ receipts: [{ unit: '市大数据局', handler: '周婷' }], pendingUrge: null });
    expect(t2.assignment).toMatchObject({ year: 2026, number: 1 });
  });

  it('moves its events into the log and rewrites the key as v3 with the leaders and the archive; a reload reads the same', async () => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, text);
    const s = makeStore(st);
    await s.eventsSettled();
    const main = JSON.parse(st.getItem(MAIN_KEY)!) as { version: number; state: Record<string, unknown> };
    expect(main.version).toBe(3);
    expect(main.state).not.toHaveProperty('ev');
    expect(main.state.leaders).toEqual(cycleLeaders);
    expect(canonicalJson(main.state.issued)).toBe(canonicalJson(JSON.parse(text).state.issued));
    const all = [...sampleEvents, ...cycleEvents].sort((x, y) => (x.at < y.at ? -1 : 1));
    expect(canonicalJson(storedEvents(st))).toBe(canonicalJson(all));
    s.destroy();
    const again = makeStore(st);
    expect(again.getState().storage.recovery).toBeNull();
    expect(again.getState().leaders).toEqual(cycleLeaders);
    expect(canonicalJson(again.getState().issued)).toBe(canonicalJson(s.getState().issued));
    expect(canonicalJson(again.getState().events)).toBe(canonicalJson(all));
  });

  it('a v3 key with a damaged bulletin and a cut-off end: the rest of the leaders and the archive kept, the original copied aside', async () => {
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, text);
    const s = makeStore(st);
    await s.eventsSettled();
    s.destroy();
    const v3 = JSON.parse(st.getItem(MAIN_KEY)!) as { version: number; state: { issued: unknown[]; leaders: unknown[] } };
    v3.state.issued.push({ id: 'broken', year: 2026, number: 2, content: { body: 'not blocks' } });
    // The archive comes last in the key: cut the text inside the damaged bulletin.
    const damaged = JSON.stringify(v3);
    const cut = damaged.slice(0, damaged.indexOf('not blocks'));
    st.setItem(MAIN_KEY, cut);
    const again = makeStore(st);
    const got = again.getState();
    expect(got.storage.recovery?.message).toMatch(/不完整或已损坏/);
    expect(st.getItem(got.storage.recovery!.backupKey)).toBe(cut);
    expect(got.issued.map((b) => b.id)).toEqual(['bulletin-2026-1']);
    expect(got.leaders).toEqual(cycleLeaders);
    // The events are in the log, not in the key: none is lost to the cut.
    await again.historyReady();
    expect(again.getState().events).toHaveLength(sampleEvents.length + cycleEvents.length);
  });

  it('writes back what it read, field for field', () => {
    const d = decodeText(text, new Date());
    expect(canonicalJson(d.issued)).toBe(canonicalJson(JSON.parse(text).state.issued));
    expect(d.report.setAside).toEqual([]);
  });

  it('sets aside a damaged issued bulletin whole, and keeps the rest', () => {
    const raw = JSON.parse(text);
    raw.state.issued.push({ id: 'broken', year: 2026, number: 2, content: { body: 'not blocks' } });
    const d = decodeText(JSON.stringify(raw), new Date());
    expect(d.issued.map((b) => b.id)).toEqual(['bulletin-2026-1']);
    expect(d.report.setAside.map((x) => x.where)).toEqual(['已印发通报 #2']);
  });

  it('keeps a leader left in the registry beside a list of leaders (a half-migrated file)', () => {
    const raw = JSON.parse(text);
    raw.state.units.push({ id: 'role-qxz', name: '各区县长', kind: 'leader', aliases: [], keywords: [] });
    const d = decodeText(JSON.stringify(raw), new Date());
    expect(d.leaders!.map((l) => l.name)).toEqual(['分管副市长', '王副市长', '各区县长']);
    expect(d.units!.map((u) => u.name)).not.toContain('各区县长');
  });

  it('migrates a registry that still holds leaders as units, and owners that name them', () => {
    const raw = JSON.parse(text);
    delete raw.state.leaders;
    raw.state.units.push({ id: 'role-qxz', name: '各区县长', kind: 'leader', aliases: ['各县（市、区）长'], keywords: [] });
    raw.state.plan.tasks[2].owners = [{ name: '各县（市、区）长', role: 'lead', inferred: false }];
    const d = decodeText(JSON.stringify(raw), new Date());
    expect(d.units!.map((u) => u.kind)).not.toContain('leader');
    expect(d.leaders).toEqual([{ id: 'role-qxz', name: '各区县长', role: 'district-heads', aliases: ['各县（市、区）长'], units: [], tasks: ['t3'] }]);
    expect(d.plan!.tasks[2]!.owners).toEqual([]);
  });
});
