import { describe, expect, it } from 'vitest';
import { groupByUrgency, namesOfUnit, tasksOfUnit, urgencyOf } from '@/domain/urgency';
import type { Unit } from '@/domain/model';
import { owner, task } from './task-fixtures';

const today = '2024-05-10';

describe('urgencyOf', () => {
  it('done wins over any date', () => {
    expect(urgencyOf({ done: true, due: '2024-01-01' }, today)).toBe('done');
  });
  it('a past due date is overdue', () => {
    expect(urgencyOf({ done: false, due: '2024-05-09' }, today)).toBe('overdue');
  });
  it('today and the next three days are due soon (the light rule’s window)', () => {
    expect(urgencyOf({ done: false, due: '2024-05-10' }, today)).toBe('due-soon');
    expect(urgencyOf({ done: false, due: '2024-05-13' }, today)).toBe('due-soon');
  });
  it('later this month is this-month; next month is other', () => {
    expect(urgencyOf({ done: false, due: '2024-05-14' }, today)).toBe('this-month');
    expect(urgencyOf({ done: false, due: '2024-06-01' }, today)).toBe('other');
  });
  it('due soon crosses a month end', () => {
    expect(urgencyOf({ done: false, due: '2024-06-01' }, '2024-05-30')).toBe('due-soon');
  });
  it('an undated (ongoing) task is other, never overdue', () => {
    expect(urgencyOf({ done: false, due: null }, today)).toBe('other');
  });
});

describe('groupByUrgency', () => {
  it('sorts each group by due date, undated last', () => {
    const items = [
      { id: 'x', done: false, due: null },
      { id: 'y', done: false, due: '2024-09-01' },
      { id: 'z', done: false, due: '2024-07-01' },
      { id: 'w', done: false, due: '2024-04-01' },
    ];
    const g = groupByUrgency(items, (i) => i, today);
    expect(g.other.map((i) => i.id)).toEqual(['z', 'y', 'x']);
    expect(g.overdue.map((i) => i.id)).toEqual(['w']);
    expect(g['due-soon']).toEqual([]);
  });

  it('keeps a pinned item in its pinned group, in due-date order, whatever its state', () => {
    const items = [
      { id: 'a', done: false, due: '2024-04-01' },
      { id: 'b', done: true, due: '2024-04-03', pinned: 'overdue' as const },
      { id: 'c', done: false, due: '2024-04-05' },
      { id: 'd', done: false, due: '2024-09-01', pinned: 'done' as const },
    ];
    const g = groupByUrgency(items, (i) => i, today);
    expect(g.overdue.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(g.done.map((i) => i.id)).toEqual(['d']);
    expect(g.other).toEqual([]);
  });
});

describe('tasksOfUnit', () => {
  const units: Unit[] = [{ id: 'u1', name: '市发展和改革委员会', kind: 'department', aliases: ['市发改委'], keywords: [] }];
  it('matches a task that names the unit by an alias', () => {
    expect(namesOfUnit('市发展和改革委员会', units).has('市发改委')).toBe(true);
    const ts = [task({ id: 'a', owners: [owner('市发改委')] }), task({ id: 'b', owners: [owner('市商务局'), owner('市发展和改革委员会', 'co')] }), task({ id: 'c' })];
    expect(tasksOfUnit(ts, '市发展和改革委员会', units).map((x) => [x.task.id, x.role])).toEqual([
      ['a', 'lead'],
      ['b', 'co'],
    ]);
  });
});
