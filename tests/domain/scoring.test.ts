import { describe, expect, it } from 'vitest';
import { deriveAllStates } from '@/domain/events';
import { dayOf, doneOnTime, rankingOf, rankUnits, DEFAULT_SCORE_WEIGHTS } from '@/domain/scoring';
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
    const plan = mkPlan([mkTask('a', '甲局', '2025-05-31')]);
    const events = [
      ev('a', '2025-02-01', { type: 'urge' }),
      ev('a', '2025-02-02', { type: 'urge' }),
      ev('a', '2025-02-03', { type: 'notice', kind: 'criticize' }),
      ev('a', '2025-02-04', { type: 'notice', kind: 'commend' }),
      ev('a', '2025-02-05', { type: 'tick', done: true, note: '已完成' }, '甲局'),
      ev('a', '2025-02-06', { type: 'inspection', date: '2025-02-06', finding: 'not-done' }),
    ];
    const [s] = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    // 核查不符: the completion no longer counts (it is open and past its due date) and costs 5.
    expect(s).toMatchObject({ urges: 2, criticisms: 1, commends: 1, mismatches: 1, onTime: 0, done: 0, overdueOpen: 1 });
    expect(s!.raw).toBe(-8 - 6 - 10 + 5 - 5);
  });

  it('counts the completion again once the unit reports it anew, but the mismatch stays on the record', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-05-31')]);
    const events = [
      ev('a', '2025-02-05', { type: 'tick', done: true, note: '已完成' }, '甲局'),
      ev('a', '2025-02-06', { type: 'inspection', date: '2025-02-06', finding: 'not-done' }),
      ev('a', '2025-03-01', { type: 'tick', done: true, note: '整改后完成，附验收报告' }, '甲局'),
    ];
    const [s] = rankUnits(plan, deriveAllStates(plan, events), TODAY);
    expect(s).toMatchObject({ done: 1, onTime: 1, mismatches: 1 });
    expect(s!.raw).toBe(10 - 5);
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

  // Changed with issue 12: units equal on score and completion rate used to be told apart by
  // name (one came 第1 for doing nothing); they now share the place, listed by name.
  it('breaks ties by completion rate; units equal on both share the place (并列), listed by name', () => {
    // With on-time completions weighted 0 all three score 0; only the completion rate tells them apart.
    const plan = mkPlan([mkTask('a', '乙局', '2025-03-31'), mkTask('b', '甲局', '2025-03-31'), mkTask('c', '丙局', '2025-03-31')]);
    const events = [ev('c', '2025-03-01', { type: 'tick', done: true, note: '已完成' }, '丙局')];
    const zero = { ...DEFAULT_SCORE_WEIGHTS, onTime: 0, overdueOpen: 0 };
    const ranking = rankUnits(plan, deriveAllStates(plan, events), TODAY, { weights: zero });
    // 丙局 first on completion rate; 甲 (jiǎ) before 乙 (yǐ) in Chinese collation, sharing 第2.
    expect(ranking.map((r) => r.unit)).toEqual(['丙局', '甲局', '乙局']);
    expect(ranking.map((r) => [r.rank, r.tied])).toEqual([
      [1, false],
      [2, true],
      [2, true],
    ]);
  });

  it('places after a tie skip the shared places (1, 2, 2, 4)', () => {
    const plan = mkPlan(['a', 'b', 'c', 'd'].map((id, i) => mkTask(id, ['甲局', '乙局', '丙局', '丁局'][i]!, '2025-03-31')));
    const events = [ev('a', '2025-03-01', { type: 'tick', done: true, note: '完成' }, '甲局'), ev('b', '2025-04-02', { type: 'tick', done: true, note: '完成' }, '乙局'), ev('c', '2025-04-02', { type: 'tick', done: true, note: '完成' }, '丙局')];
    expect(rankUnits(plan, deriveAllStates(plan, events), TODAY).map((r) => [r.unit, r.rank])).toEqual([
      ['甲局', 1],
      ['丙局', 2],
      ['乙局', 2],
      ['丁局', 4],
    ]);
  });

  it('leaves out units with nothing due by the day judged and nothing done, and names them', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31'), mkTask('b', '乙局', '2025-12-31'), mkTask('c', '丙局', null), mkTask('d', '丁局', '2025-12-31')]);
    const events = [ev('d', '2025-05-01', { type: 'tick', done: true, note: '提前完成' }, '丁局')];
    const r = rankingOf(plan, deriveAllStates(plan, events), TODAY);
    expect(r.ranked.map((x) => x.unit)).toEqual(['丁局', '甲局']); // done early counts; overdue counts
    expect(r.unranked).toEqual(['丙局', '乙局']);
  });

  it('divides by the tasks judged, so tasks not yet due do not dilute the score', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31'), mkTask('b', '甲局', '2025-12-31'), mkTask('c', '甲局', '2025-12-31')]);
    const [s] = rankUnits(plan, deriveAllStates(plan, [ev('a', '2025-03-01', { type: 'tick', done: true, note: '完成' }, '甲局')]), TODAY);
    expect(s).toMatchObject({ tasks: 3, assessed: 1, score: 10, completionRate: 1 });
  });

  it('does not hold a deadline that passed before the task was assigned against the unit', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31', { assignedOn: '2025-05-01' }), mkTask('b', '乙局', '2025-05-20', { assignedOn: '2025-05-01' })]);
    const r = rankingOf(plan, deriveAllStates(plan, []), TODAY);
    expect(r.ranked.map((x) => [x.unit, x.overdueOpen])).toEqual([['乙局', 1]]);
    expect(r.unranked).toEqual(['甲局']);
  });

  it('ranks only lead owners, not co-units, leaders or the office', () => {
    const t = mkTask('a', ['甲局', '张副市长', '市政府办公室'], '2025-03-31');
    t.owners.push({ name: '乙局', role: 'co', inferred: false });
    const plan = mkPlan([t]);
    expect(rankUnits(plan, deriveAllStates(plan, []), TODAY, { units: [mkUnit('张副市长', 'leader')] }).map((r) => r.unit)).toEqual(['甲局']);
    expect(rankUnits(plan, deriveAllStates(plan, []), TODAY, { leaderNames: ['张副市长'] }).map((r) => r.unit)).toEqual(['甲局']);
  });

  it('is empty for a plan without tasks', () => {
    const plan = mkPlan([]);
    expect(rankUnits(plan, deriveAllStates(plan, []), TODAY)).toEqual([]);
  });
});
