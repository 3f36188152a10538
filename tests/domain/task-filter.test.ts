import { describe, expect, it } from 'vitest';
import type { TaskState } from '@/domain/events';
import type { Light } from '@/domain/lights';
import {
  buildTaskRows,
  DEFAULT_SORT,
  EMPTY_FILTER,
  filterRows,
  searchTerms,
  sortRows,
  taskCountByUnit,
  unitsInPlan,
} from '@/domain/task-filter';
import { deadline, owner, plan, section, task } from './task-fixtures';

function state(taskId: string, patch: Partial<TaskState> = {}): TaskState {
  return {
    taskId,
    status: 'not-started',
    done: false,
    doneAt: null,
    percent: 0,
    lastNote: '',
    lastUpdate: null,
    originalDue: null,
    due: null,
    flagged: false,
    urges: 0,
    commends: 0,
    criticisms: 0,
    inspections: 0,
    mismatch: false,
    contradictions: 0,
    assignedOn: null,
    assignment: null,
    receipts: [],
    urgeLog: [],
    pendingUrge: null,
    lastReportAt: null,
    evidence: null,
    pendingExtension: null,
    review: null,
    events: [],
    ...patch,
  };
}

const sections = [section('s1'), section('s1a', 's1'), section('s2')];
const tasks = [
  task({ id: 'a', title: '推进光伏产业', sectionId: 's2', owners: [owner('市发展改革委'), owner('市工信局', 'co')], deadline: deadline('2024-06-30') }),
  task({ id: 'b', title: '化解历史遗留问题', sectionId: 's1a', owners: [owner('市住建局')], deadline: deadline('2024-03-31'), flagged: true }),
  task({ id: 'c', title: '常态化开展四不两直', sectionId: null, owners: [], deadline: deadline(null) }),
  task({ id: 'd', title: '招商引资', sectionId: 's1', owners: [owner('市商务局'), owner('市发展改革委', 'co')], deadline: deadline('2024-12-31') }),
];
const p = plan(tasks, sections);
const lights: Record<string, Light> = { a: 'green', b: 'red', c: 'yellow', d: 'done' };
const states = new Map([
  ['a', state('a', { status: 'in-progress', percent: 40, due: '2024-06-30' })],
  ['b', state('b', { due: '2024-03-31', flagged: true })],
  ['d', state('d', { status: 'done', done: true, percent: 100, due: '2024-12-31' })],
]);
const rows = buildTaskRows(p, states, (t) => lights[t.id]!);
const ids = (rs: { task: { id: string } }[]) => rs.map((r) => r.task.id);

describe('buildTaskRows', () => {
  it('takes status, percent, light and due from the derived state', () => {
    const a = rows[0]!;
    expect(a).toMatchObject({ status: 'in-progress', percent: 40, light: 'green', due: '2024-06-30', lead: '市发展改革委', coUnits: ['市工信局'] });
  });
  it('falls back to the plan deadline when a task has no state yet', () => {
    expect(rows[2]).toMatchObject({ status: 'not-started', due: null, lead: null });
  });
  it('records the section and its ancestors so a top-level filter includes subsections', () => {
    expect(rows[1]!.sectionPath).toEqual(['s1a', 's1']);
  });
  it('survives a cycle in hand-edited sections', () => {
    const cyclic = plan([task({ id: 'x', sectionId: 'p' })], [section('p', 'q'), section('q', 'p')]);
    expect(buildTaskRows(cyclic, new Map(), () => 'green')[0]!.sectionPath).toEqual(['p', 'q']);
  });
});

describe('filterRows', () => {
  it('returns everything for the empty filter', () => {
    expect(filterRows(rows, EMPTY_FILTER)).toHaveLength(4);
  });
  it('filters by unit as lead or co-unit', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, unit: '市发展改革委' }))).toEqual(['a', 'd']);
  });
  it('filters by a top-level section including its subsections', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, sectionId: 's1' }))).toEqual(['b', 'd']);
  });
  it('filters by status, light and flag', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, status: 'done' }))).toEqual(['d']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, light: 'red' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, flagged: 'flagged' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, flagged: 'unflagged' }))).toEqual(['a', 'c', 'd']);
  });
  it('searches title, quote and owners; every word must match', () => {
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, query: '光伏' }))).toEqual(['a']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, query: '住建' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { ...EMPTY_FILTER, query: '发展改革委　招商' }))).toEqual(['d']);
  });
  it('combines filters with AND', () => {
    expect(filterRows(rows, { ...EMPTY_FILTER, unit: '市发展改革委', light: 'red' })).toEqual([]);
  });
});

describe('searchTerms', () => {
  it('splits on ASCII and full-width spaces and Chinese commas', () => {
    expect(searchTerms(' 光伏　产业，招商 ')).toEqual(['光伏', '产业', '招商']);
  });
});

describe('sortRows', () => {
  it('puts flagged tasks first, then plan section order', () => {
    expect(ids(sortRows(rows, DEFAULT_SORT))).toEqual(['b', 'd', 'a', 'c']);
  });
  it('sorts by deadline with undated tasks last', () => {
    expect(ids(sortRows(rows, { key: 'deadline', flaggedFirst: false }))).toEqual(['b', 'a', 'd', 'c']);
  });
  it('sorts by light, red first', () => {
    expect(ids(sortRows(rows, { key: 'light', flaggedFirst: false }))).toEqual(['b', 'c', 'a', 'd']);
  });
  it('sorts by lead unit with unassigned tasks last', () => {
    const sorted = ids(sortRows(rows, { key: 'unit', flaggedFirst: false }));
    expect(sorted[sorted.length - 1]).toBe('c');
    expect(sorted).toHaveLength(4);
  });
  it('does not mutate its input', () => {
    const before = ids(rows);
    sortRows(rows, { key: 'deadline', flaggedFirst: true });
    expect(ids(rows)).toEqual(before);
  });
});

describe('unitsInPlan and taskCountByUnit', () => {
  it('lists every named unit once', () => {
    expect(unitsInPlan(p).sort()).toEqual(['市发展改革委', '市商务局', '市工信局', '市住建局'].sort());
  });
  it('counts lead and co roles separately', () => {
    expect(taskCountByUnit(p).get('市发展改革委')).toEqual({ lead: 1, co: 1 });
    expect(taskCountByUnit(p).get('市住建局')).toEqual({ lead: 1, co: 0 });
  });
});
