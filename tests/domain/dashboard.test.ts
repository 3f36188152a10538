import { describe, expect, it } from 'vitest';
import { deriveAllStates } from '@/domain/events';
import { computeDashboard } from '@/domain/dashboard';
import { ev, mkPlan, mkSection, mkTask, mkUnit } from './screen-fixtures';

const TODAY = '2025-06-01';

describe('computeDashboard', () => {
  const sections = [mkSection('s1', '一、', '锚定目标抓落实'), mkSection('s1a', '（一）', '稳增长', 's1'), mkSection('s2', '二、', '改进作风抓落实')];
  const tasks = [
    mkTask('a', '甲局', '2025-03-31', { sectionId: 's1a', flagged: true }),
    mkTask('b', '甲局', '2025-03-31', { sectionId: 's1' }),
    mkTask('c', '乙局', '2025-12-31', { sectionId: 's2' }),
    mkTask('d', '乙局', '2025-06-03', { sectionId: null }),
  ];
  const plan = mkPlan(tasks, { sections });

  it('counts totals, completion and on-time rates by the original due date', () => {
    const events = [ev('a', '2025-03-30', { type: 'tick', done: true }, '甲局'), ev('c', '2025-05-01', { type: 'progress', percent: 50 }, '乙局')];
    const f = computeDashboard(plan, deriveAllStates(plan, events), TODAY);
    expect(f).toMatchObject({ total: 4, done: 1, open: 3, completionRate: 0.25, onTimeDone: 1, dueOrDone: 2, onTimeRate: 0.5, overdue: 1, overdueByOriginal: 1, flagged: 1, flaggedOpen: 0, dueSoon: 1 });
  });

  it('shows a ticked task as done in the lights distribution', () => {
    const before = computeDashboard(plan, deriveAllStates(plan, []), TODAY);
    const after = computeDashboard(plan, deriveAllStates(plan, [ev('c', '2025-05-30', { type: 'tick', done: true }, '乙局')]), TODAY);
    expect(before.lights.done).toBe(0);
    expect(after.lights.done).toBe(1);
    expect(after.done).toBe(1);
    const total = Object.values(after.lights).reduce((x, y) => x + y, 0);
    expect(total).toBe(4);
  });

  it('groups progress by top-level section, sub-sections rolled up, unsectioned last', () => {
    const f = computeDashboard(plan, deriveAllStates(plan, [ev('a', '2025-03-30', { type: 'tick', done: true }, '甲局')]), TODAY);
    expect(f.sections.map((s) => [s.title, s.tasks, s.done])).toEqual([
      ['锚定目标抓落实', 2, 1],
      ['改进作风抓落实', 1, 0],
      ['未归入章节', 1, 0],
    ]);
    expect(f.sections[0]!.meanPercent).toBe(50);
  });

  it('lists commendations and criticisms (红黑榜), newest first, naming the lead units', () => {
    const events = [
      ev('a', '2025-02-01', { type: 'notice', kind: 'commend', note: '提前完成' }),
      ev('c', '2025-03-01', { type: 'notice', kind: 'criticize', note: '进度滞后' }),
      ev('b', '2025-04-01', { type: 'notice', kind: 'commend' }),
    ];
    const f = computeDashboard(plan, deriveAllStates(plan, events), TODAY);
    expect(f.honours.map((h) => [h.taskId, h.units, h.date])).toEqual([
      ['b', ['甲局'], '2025-04-01'],
      ['a', ['甲局'], '2025-02-01'],
    ]);
    expect(f.criticisms).toHaveLength(1);
    expect(f.criticisms[0]).toMatchObject({ note: '进度滞后', units: ['乙局'] });
  });

  it('filters by a leader: the units they oversee and the tasks assigned to them by name', () => {
    // Leaders are not owners any more: 王副市长 oversees 甲局 and, by name, task z.
    const plan = mkPlan([mkTask('x', '甲局', '2025-03-31'), mkTask('y', '乙局', '2025-03-31'), mkTask('z', '丙局', '2025-03-31')]);
    const leaders = [
      { id: 'w', name: '王副市长', role: 'vice-mayor' as const, aliases: [], units: ['甲局'], tasks: ['z'] },
      { id: 'l', name: '李副市长', role: 'vice-mayor' as const, aliases: [], units: [], tasks: [] },
    ];
    const f = computeDashboard(plan, deriveAllStates(plan, []), TODAY, { units: [mkUnit('甲局'), mkUnit('乙局'), mkUnit('丙局')], leaders, portfolio: '王副市长' });
    expect(f.portfolios).toEqual(['王副市长']); // 李副市长 has nothing in this plan
    expect(f.total).toBe(2);
    expect(f.ranking.map((r) => r.unit).sort()).toEqual(['丙局', '甲局']);
    // A leader's name never turns up in the ranking, even when an old plan still names one as owner.
    const old = mkPlan([mkTask('x', ['甲局', '王副市长'], '2025-03-31')]);
    expect(computeDashboard(old, deriveAllStates(old, []), TODAY, { leaders }).ranking.map((r) => r.unit)).toEqual(['甲局']);
  });

  it('an unknown leader in the address shows an empty portfolio, not everything', () => {
    const plan = mkPlan([mkTask('x', '甲局', '2025-03-31')]);
    expect(computeDashboard(plan, deriveAllStates(plan, []), TODAY, { portfolio: '无此人' }).total).toBe(0);
  });

  it('gives null rates for an empty plan instead of dividing by zero', () => {
    const empty = mkPlan([]);
    const f = computeDashboard(empty, deriveAllStates(empty, []), TODAY);
    expect(f).toMatchObject({ total: 0, completionRate: null, onTimeRate: null, sections: [], ranking: [] });
  });
});

describe('computeDashboard months', () => {
  it('counts tasks by the month of their original due date, with done and overdue', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-03-31'), mkTask('b', '甲局', '2025-03-15'), mkTask('c', '乙局', '2025-12-31'), mkTask('d', '乙局', null), mkTask('e', '乙局', '2026-01-31')]);
    const f = computeDashboard(plan, deriveAllStates(plan, [ev('a', '2025-03-30', { type: 'tick', done: true }, '甲局')]), '2025-06-01');
    expect(f.months[2]).toEqual({ month: 3, due: 2, done: 1, overdue: 1 });
    expect(f.months[11]).toEqual({ month: 12, due: 1, done: 0, overdue: 0 });
    expect(f.months.reduce((n, m) => n + m.due, 0)).toBe(3);
    expect(f.undated).toBe(1);
  });
});
