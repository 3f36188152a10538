/** The 督办 cycle in a task's state: 签收, 回复, evidence, 核查不符, the register and what is refused. */
import fc from 'fast-check';
import { deriveTaskState } from '@/domain/events';
import { refuseNewEvent } from '@/domain/cycle/accept-event';
import { buildRegister, nextRegisterNumber } from '@/domain/cycle/register';
import { lightDetail } from '@/domain/lights';
import type { PlanEvent } from '@/domain/model';
import { ev, mkTask } from '../screen-fixtures';

const task = mkTask('a', '甲局', '2025-06-30', { assignedOn: '2025-01-02' });
const state = (events: PlanEvent[]) => deriveTaskState(task, events);

describe('签收', () => {
  it('keeps the latest 签收 of each owning unit, and ignores one by a unit that does not own the task', () => {
    const s = state([
      ev('a', '2025-01-03', { type: 'receipt', handler: '张三', phone: '13800000000' }, '甲局'),
      ev('a', '2025-01-04', { type: 'receipt', handler: '李四', phone: '0813-1234567' }, '甲局'),
      ev('a', '2025-01-05', { type: 'receipt', handler: '王五', phone: '13900000000' }, '丙局'),
    ]);
    expect(s.receipts).toEqual([{ unit: '甲局', handler: '李四', phone: '0813-1234567', at: '2025-01-04T04:00:00.000Z' }]);
  });
});

describe('催办 and 回复', () => {
  it('pairs a reply with its urge; a reply without an urge id answers every urge still open', () => {
    const u1 = ev('a', '2025-02-01', { type: 'urge', method: 'phone', replyBy: '2025-02-04' });
    const u2 = ev('a', '2025-02-02', { type: 'urge', method: 'written', replyBy: '2025-02-09' });
    const one = state([u1, u2, ev('a', '2025-02-03', { type: 'reply', urgeId: u1.id, note: '已安排' }, '甲局')]);
    expect(one.urgeLog.map((u) => u.reply?.note ?? null)).toEqual(['已安排', null]);
    expect(one.pendingUrge?.id).toBe(u2.id);
    const all = state([u1, u2, ev('a', '2025-02-03', { type: 'reply', urgeId: null, note: '一并回复' }, '甲局')]);
    expect(all.pendingUrge).toBeNull();
  });

  it('an urge written before it had a method and a deadline still reads', () => {
    const s = state([ev('a', '2025-02-01', { type: 'urge' })]);
    expect(s.pendingUrge).toMatchObject({ method: null, replyBy: null });
  });

  it('a reply from a unit that does not own the task answers nothing', () => {
    const s = state([ev('a', '2025-02-01', { type: 'urge' }), ev('a', '2025-02-02', { type: 'reply', urgeId: null, note: '代回复' }, '丙局')]);
    expect(s.pendingUrge).not.toBeNull();
  });
});

describe('办结 with evidence, and 核查不符', () => {
  const tick = (day: string, note: string, attachments?: { name: string; size: number; sha256: string }[]) =>
    ev('a', day, { type: 'tick', done: true, note, ...(attachments ? { attachments } : {}) }, '甲局');
  const file = { name: '验收报告.pdf', size: 1024, sha256: 'c'.repeat(64) };

  it('keeps the evidence of the completion that stands', () => {
    const s = state([tick('2025-03-01', '已完成', [file])]);
    expect(s.evidence).toEqual({ at: '2025-03-01T04:00:00.000Z', unit: '甲局', note: '已完成', attachments: [file] });
  });

  it('an inspection that contradicts a completion takes it back: not done, no evidence, counted once', () => {
    const s = state([tick('2025-03-01', '已完成'), ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'behind' })]);
    expect(s).toMatchObject({ done: false, mismatch: true, contradictions: 1, doneAt: null, evidence: null, percent: 0 });
  });

  it('a second inspection that finds it as reported restores the original completion and its day', () => {
    const s = state([
      tick('2025-03-01', '已完成', [file]),
      ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'not-done' }),
      ev('a', '2025-03-09', { type: 'inspection', date: '2025-03-09', finding: 'as-reported' }),
    ]);
    expect(s).toMatchObject({ done: true, mismatch: false, contradictions: 1, doneAt: '2025-03-01T04:00:00.000Z' });
    expect(s.evidence?.attachments).toEqual([file]);
  });

  it('a new report after 核查不符 is the completion that stands, from its own day', () => {
    const s = state([tick('2025-03-01', '已完成'), ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'not-done' }), tick('2025-03-20', '整改完成')]);
    expect(s).toMatchObject({ done: true, mismatch: false, doneAt: '2025-03-20T04:00:00.000Z' });
    expect(s.evidence?.note).toBe('整改完成');
  });

  it('an untick during 核查不符 clears the mismatch: the task is simply open', () => {
    const s = state([tick('2025-03-01', '已完成'), ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'not-done' }), ev('a', '2025-03-06', { type: 'tick', done: false }, '甲局')]);
    expect(s).toMatchObject({ done: false, mismatch: false });
  });

  it('an inspection of an open task that finds it behind is no mismatch', () => {
    expect(state([ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'behind' })])).toMatchObject({ mismatch: false, contradictions: 0 });
  });
});

describe('the reporting cadence', () => {
  it('counts reports of the owning units only, not the office’s acts', () => {
    const s = state([ev('a', '2025-02-01', { type: 'progress', percent: 20 }, '甲局'), ev('a', '2025-03-01', { type: 'urge' })]);
    expect(s.lastReportAt).toBe('2025-02-01T04:00:00.000Z');
  });

  it('a dateless task turns yellow after 30 silent days, counted from the last report', () => {
    const undated = mkTask('u', '甲局', null, { assignedOn: '2025-01-02' });
    const s = deriveTaskState(undated, [ev('u', '2025-03-01', { type: 'receipt', handler: '张三', phone: '13800000000' }, '甲局')]);
    expect(lightDetail(s, undated, '2025-03-31', 2025)).toMatchObject({ light: 'green', daysSinceReport: 30 });
    expect(lightDetail(s, undated, '2025-04-01', 2025)).toMatchObject({ light: 'yellow', reportOverdue: true });
  });
});

describe('督办登记 (the register)', () => {
  const assign = (id: string, at: string, year: number, number: number): PlanEvent => ({ id, at, unit: '市政府办公室', taskId: 'a', note: '', type: 'assign', year, number, replyBy: null });

  it('numbers run per year; the next number is one more than any of that year', () => {
    const events = [assign('x1', '2025-01-02T01:00:00.000Z', 2025, 1), assign('x2', '2025-02-02T01:00:00.000Z', 2025, 2), assign('x3', '2026-01-05T01:00:00.000Z', 2026, 1)];
    expect(nextRegisterNumber(events, 2025)).toBe(3);
    expect(nextRegisterNumber(events, 2026)).toBe(2);
    expect(nextRegisterNumber(events, 2027)).toBe(1);
  });

  it('two office computers that gave one number: the earlier keeps it, the later shows the next free one', () => {
    const events = [assign('b', '2025-02-02T01:00:00.000Z', 2025, 3), assign('a', '2025-02-01T01:00:00.000Z', 2025, 3), assign('c', '2025-01-01T01:00:00.000Z', 2025, 2)];
    const r = buildRegister(events);
    expect(r.get('a')).toMatchObject({ number: 3, renumbered: false });
    expect(r.get('b')).toMatchObject({ number: 4, written: 3, renumbered: true });
    expect(nextRegisterNumber(events, 2025)).toBe(5);
  });

  it('never shows one number twice in a year, and gives the same register in any order (property)', () => {
    const arb = fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), number: fc.integer({ min: 1, max: 6 }), year: fc.constantFrom(2025, 2026) }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, (xs) => {
        const events = xs.map((x, i) => assign(`e${i}`, `${x.year}-03-${String(x.day).padStart(2, '0')}T01:00:00.000Z`, x.year, x.number));
        const r = buildRegister(events);
        const seen = new Set([...r.values()].map((e) => `${e.year}-${e.number}`));
        const same = buildRegister([...events].reverse());
        return seen.size === events.length && [...r.values()].every((e) => same.get(e.eventId)!.number === e.number);
      }),
      { numRuns: 200 },
    );
  });
});

describe('refuseNewEvent', () => {
  const open = state([]);
  const done = state([ev('a', '2025-03-01', { type: 'tick', done: true, note: '已完成' }, '甲局')]);

  it('refuses a completion without its note, and a second completion', () => {
    expect(refuseNewEvent(open, { type: 'tick', taskId: 'a', done: true, note: ' \n ' })).toMatch(/完成说明/);
    expect(refuseNewEvent(open, { type: 'tick', taskId: 'a', done: true, note: '已办结' })).toBeNull();
    expect(refuseNewEvent(done, { type: 'tick', taskId: 'a', done: true, note: '又一次' })).toMatch(/已报告完成/);
    expect(refuseNewEvent(done, { type: 'tick', taskId: 'a', done: false, note: '' })).toBeNull();
  });

  it('refuses progress (报告进度 0%) and an extension request on a done task, and status done without the report', () => {
    expect(refuseNewEvent(done, { type: 'progress', taskId: 'a', percent: 0, note: '' })).toMatch(/不能再报告进度/);
    expect(refuseNewEvent(done, { type: 'extension-request', taskId: 'a', requestedDue: '2025-12-31', note: '' })).toMatch(/无需申请延期/);
    expect(refuseNewEvent(open, { type: 'status', taskId: 'a', status: 'done', note: '' })).toMatch(/报告完成/);
    expect(refuseNewEvent(open, { type: 'progress', taskId: 'a', percent: 40, note: '' })).toBeNull();
  });

  it('refuses a reply with nothing to answer, or to an urge already answered', () => {
    expect(refuseNewEvent(open, { type: 'reply', taskId: 'a', urgeId: null, note: '回复' })).toMatch(/没有待回复/);
    const u1 = ev('a', '2025-02-01', { type: 'urge' });
    const u2 = ev('a', '2025-02-02', { type: 'urge' });
    const s = state([u1, u2, ev('a', '2025-02-03', { type: 'reply', urgeId: u1.id, note: '已安排' }, '甲局')]);
    expect(refuseNewEvent(s, { type: 'reply', taskId: 'a', urgeId: u1.id, note: '再回复' })).toMatch(/已经回复过/);
    expect(refuseNewEvent(s, { type: 'reply', taskId: 'a', urgeId: u2.id, note: '回复' })).toBeNull();
  });

  it('refuses to accept a review of a task that is not done (核查不符 included)', () => {
    const mismatch = state([ev('a', '2025-03-01', { type: 'tick', done: true, note: '已完成' }, '甲局'), ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'behind' })]);
    expect(refuseNewEvent(mismatch, { type: 'review', taskId: 'a', accepted: true, grade: '良好', note: '' })).toMatch(/核查不符/);
    expect(refuseNewEvent(mismatch, { type: 'review', taskId: 'a', accepted: false, grade: null, note: '' })).toBeNull();
  });
});
