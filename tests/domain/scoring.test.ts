import { describe, expect, it } from 'vitest';
import { deriveAllStates } from '@/domain/events';
import { dayOf, doneOnTime, rankUnits, DEFAULT_SCORE_WEIGHTS } from '@/domain/scoring';
import { ev, mkPlan, mkTask, mkUnit } from './screen-fixtures';

const TODAY = '2025-06-01';

describe('dayOf', () => {
  it('reads the day in China time (UTC+8): 23:00Z is already the next day', () => {
    expect(dayOf('2025-03-31T23:00:00.000Z')).toBe('2025-04-01');
    expect(dayOf('2025-03-31T15:59:59.000Z')).toBe('2025-03-31');
    expect(dayOf('2025-04-01T07:00:00+08:00')).toBe('2025-04-01');
  });
});

describe('rankUnits', () => {
  it('scores +10 on time, +5 late, −8 overdue open, per task', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31'), mkTask('b', '甲局', '2025-03-31'), mkTask('c', '乙局', '2025-03-31')]);
    const events = [ev('a', '2025-03-30', { type: 'tick', done: true }, '甲局'), ev('b', '2025-04-02', { type: 'tick', done: true }, '甲局')];
    const [first, second] = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    expect(first).toMatchObject({ unit: '甲局', onTime: 1, late: 1, raw: 15, score: 7.5, rank: 1 });
    expect(second).toMatchObject({ unit: '乙局', overdueOpen: 1, raw: -8, score: -8, rank: 2 });
  });

  it('counts completion on the due day as on time', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31')]);
    const states = deriveAllStates(plan, [ev('a', '2025-03-31', { type: 'tick', done: true }, '甲局')]);
    expect(doneOnTime(states.get('a')!)).toBe(true);
  });

  it('keeps the original deadline after an approved extension (late stays late)', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31')]);
    const req = ev('a', '2025-03-20', { type: 'extension-request', requestedDue: '2025-04-30' }, '甲局');
    const events = [
      req,
      ev('a', '2025-03-21', { type: 'extension-decision', requestId: req.id, approved: true, newDue: '2025-04-30' }),
      ev('a', '2025-04-20', { type: 'tick', done: true }, '甲局'),
    ];
    const [s] = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    expect(s).toMatchObject({ onTime: 0, late: 1, raw: 5 });
  });

  it('counts an open task past its original due date as overdue even after an extension', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31')]);
    const req = ev('a', '2025-03-20', { type: 'extension-request', requestedDue: '2025-12-31' }, '甲局');
    const events = [req, ev('a', '2025-03-21', { type: 'extension-decision', requestId: req.id, approved: true, newDue: '2025-12-31' })];
    const [s] = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    expect(s!.overdueOpen).toBe(1);
  });

  it('applies urges, criticisms, commendations and inspection mismatches', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-12-31')]);
    const events = [
      ev('a', '2025-02-01', { type: 'urge' }),
      ev('a', '2025-02-02', { type: 'urge' }),
      ev('a', '2025-02-03', { type: 'notice', kind: 'criticize' }),
      ev('a', '2025-02-04', { type: 'notice', kind: 'commend' }),
      ev('a', '2025-02-05', { type: 'tick', done: true }, '甲局'),
      ev('a', '2025-02-06', { type: 'inspection', date: '2025-02-06', finding: 'not-done' }),
    ];
    const [s] = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    expect(s).toMatchObject({ urges: 2, criticisms: 1, commends: 1, mismatches: 1, onTime: 1 });
    expect(s!.raw).toBe(10 - 6 - 10 + 5 - 5);
  });

  it('normalises per task so a small unit is not favoured by its size', () => {
    // 甲局: 1 task on time (10/1 = 10). 乙局: 4 on time, 1 overdue ((40 − 8)/5 = 6.4).
    const tasks = [mkTask('a', '甲局', '2025-03-31'), ...['b', 'c', 'd', 'e', 'f'].map((id) => mkTask(id, '乙局', '2025-03-31'))];
    const plan = mkPlan(tasks);
    const events = ['a', 'b', 'c', 'd', 'e'].map((id) => ev(id, '2025-03-01', { type: 'tick', done: true }, id === 'a' ? '甲局' : '乙局'));
    const ranking = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    expect(ranking.map((r) => [r.unit, r.score])).toEqual([
      ['甲局', 10],
      ['乙局', 6.4],
    ]);
  });

  it('breaks ties by completion rate, then by name', () => {
    // With on-time completions weighted 0 all three score 0; only completion rate and name decide.
    const plan = mkPlan([mkTask('a', '乙局', '2025-12-31'), mkTask('b', '甲局', '2025-12-31'), mkTask('c', '丙局', '2025-12-31')]);
    const events = [ev('c', '2025-03-01', { type: 'tick', done: true }, '丙局')];
    const zero = { ...DEFAULT_SCORE_WEIGHTS, onTime: 0 };
    const ranking = rankUnits(plan, deriveAllStates(plan, events), TODAY, { weights: zero });
    // 丙局 first on completion rate; 甲 (jiǎ) before 乙 (yǐ) in Chinese collation.
    expect(ranking.map((r) => r.unit)).toEqual(['丙局', '甲局', '乙局']);
    expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('ranks only lead owners, not co-units, vice mayors or the office', () => {
    const t = mkTask('a', ['甲局', '张副市长', '市政府办公室'], '2025-12-31');
    t.owners.push({ name: '乙局', role: 'co', inferred: false });
    const plan = mkPlan([t]);
    const ranking = rankUnits(plan, deriveAllStates(plan, []), TODAY, { units: [mkUnit('张副市长', 'leader')] });
    expect(ranking.map((r) => r.unit)).toEqual(['甲局']);
  });

  it('is empty for a plan without tasks', () => {
    const plan = mkPlan([]);
    expect(rankUnits(plan, deriveAllStates(plan, []), TODAY)).toEqual([]);
  });
});
