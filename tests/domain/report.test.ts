import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveAllStates } from '@/domain/events';
import { computeDashboard } from '@/domain/dashboard';
import type { PlanEvent, Target } from '@/domain/model';
import { buildNotice, buildQuarterlyReport, buildThreeLists, chineseDate, parseQuarter, quarterOf, quarterRange, type Quarter } from '@/domain/report';
import { ev, mkPlan, mkTask, mkUnit } from './screen-fixtures';

// A plan of the year 2025 with tasks due in each quarter; the office is 市政府办公室.
const tasks = [
  mkTask('a', '甲局', '2025-03-31', { title: '一季度开门红', flagged: true }),
  mkTask('b', '甲局', '2025-02-28', { title: '出台稳增长政策' }),
  mkTask('c', '乙局', '2025-06-30', { title: '上半年项目开工' }),
  mkTask('d', '乙局', '2025-12-31', { title: '年底前化解遗留问题' }),
  mkTask('e', '丙局', null, { title: '常态化安全检查' }),
];
const plan = mkPlan(tasks);
const units = [mkUnit('甲局'), mkUnit('乙局'), mkUnit('丙局')];

function target(id: string, metric: string, tier: Target['tier'], value: number | null, extra: Partial<Target> = {}): Target {
  return {
    id,
    metric,
    quote: metric,
    source: { start: 0, end: 0 },
    tier,
    value,
    valueMax: null,
    unit: '%',
    comparator: 'about',
    masked: value === null,
    recurrence: null,
    due: null,
    ...extra,
  };
}

describe('quarter helpers', () => {
  it('gives each quarter its first and last day (Q1 ends 03-31, Q2 06-30 …)', () => {
    expect([1, 2, 3, 4].map((q) => quarterRange(2025, q as Quarter))).toEqual([
      { start: '2025-01-01', end: '2025-03-31' },
      { start: '2025-04-01', end: '2025-06-30' },
      { start: '2025-07-01', end: '2025-09-30' },
      { start: '2025-10-01', end: '2025-12-31' },
    ]);
  });

  it('writes the date as the standard asks: year in full, no zero padding', () => {
    expect(chineseDate('2026-03-31')).toBe('2026年3月31日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });

  it('reads ?q= tolerantly and defaults to the quarter of today', () => {
    expect(parseQuarter('3', 2025, '2025-05-01')).toBe(3);
    expect(parseQuarter('7', 2025, '2025-05-01')).toBe(2);
    expect(parseQuarter('<script>', 2025, '2025-11-01')).toBe(4);
    expect(parseQuarter(undefined, 2025, '2026-02-01')).toBe(4); // the plan year is over
    expect(parseQuarter(undefined, 2025, '2024-12-01')).toBe(1); // the plan year has not begun
    expect(quarterOf('2025-09-30')).toBe(3);
  });
});

describe('buildQuarterlyReport', () => {
  it('shows exactly the dashboard figures for the current quarter', () => {
    const events = [
      ev('a', '2025-03-10', { type: 'tick', done: true, note: '已完成' }, '甲局'),
      ev('c', '2025-03-12', { type: 'progress', percent: 40 }, '乙局'),
      ev('b', '2025-03-01', { type: 'urge' }),
    ];
    const today = '2025-03-20';
    const r = buildQuarterlyReport(plan, events, 1, today, { units });
    const dash = computeDashboard(plan, deriveAllStates(plan, events), today, { units });
    expect(r.status).toBe('current');
    expect(r.asOf).toBe(today);
    expect(r.figures).toEqual(dash);
    expect(r.ranking).toEqual(dash.ranking);
  });

  it('describes a closed quarter as it stood on its last day: later events are left out', () => {
    const events = [
      ev('a', '2025-03-10', { type: 'tick', done: true }, '甲局'),
      // Done in April: after the end of Q1, so the Q1 summary still counts it as open.
      ev('b', '2025-04-15', { type: 'tick', done: true }, '甲局'),
      ev('b', '2025-04-16', { type: 'notice', kind: 'commend' }),
    ];
    const r = buildQuarterlyReport(plan, events, 1, '2025-07-01', { units });
    expect(r.status).toBe('closed');
    expect(r.asOf).toBe('2025-03-31');
    expect(r.dateText).toBe('2025年3月31日');
    expect(r.figures.done).toBe(1);
    expect(r.overdue.map((o) => o.taskId)).toEqual(['b']);
    expect(r.commendations).toEqual([]);
    expect(r.completed.map((c) => c.taskId)).toEqual(['a']);
  });

  it('uses China time for the day an event belongs to', () => {
    const late: PlanEvent = { id: 'x1', at: '2025-03-31T15:30:00.000Z', unit: '甲局', taskId: 'b', note: '', type: 'tick', done: true }; // 23:30 on 31 March in China
    const next: PlanEvent = { id: 'x2', at: '2025-03-31T16:30:00.000Z', unit: '乙局', taskId: 'c', note: '', type: 'tick', done: true }; // 00:30 on 1 April in China
    const q1 = buildQuarterlyReport(plan, [late, next], 1, '2025-08-01');
    expect(q1.completed.map((c) => c.taskId)).toEqual(['b']);
    const q2 = buildQuarterlyReport(plan, [late, next], 2, '2025-08-01');
    expect(q2.completed.map((c) => c.taskId)).toEqual(['c']);
  });

  it('marks a quarter that has not begun as future and reports as of today', () => {
    const r = buildQuarterlyReport(plan, [], 4, '2025-05-01');
    expect(r.status).toBe('future');
    expect(r.asOf).toBe('2025-05-01');
    expect(r.title).toBe('关于2025年第四季度重点工作落实情况的通报');
  });

  it('gives each overdue item the unit’s reason: a pending extension first, else its latest note', () => {
    const events = [
      ev('b', '2025-02-20', { type: 'progress', percent: 60, note: '资金未到位' }, '甲局'),
      ev('c', '2025-06-20', { type: 'extension-request', requestedDue: '2025-08-31', note: '土地报批未完成' }, '乙局'),
      ev('c', '2025-06-21', { type: 'progress', percent: 70, note: '已完成主体' }, '乙局'),
    ];
    const r = buildQuarterlyReport(plan, events, 3, '2025-07-10', { units });
    const byId = new Map(r.overdue.map((o) => [o.taskId, o]));
    expect(byId.get('b')).toMatchObject({ reason: '资金未到位', reasonSource: 'note', lead: '甲局' });
    expect(byId.get('c')).toMatchObject({ reason: '申请延期至2025年8月31日：土地报批未完成', reasonSource: 'extension', daysOverdue: 10 });
    expect(byId.get('a')).toMatchObject({ reason: '', reasonSource: 'none' });
    // Longest overdue first.
    expect(r.overdue.map((o) => o.taskId)).toEqual(['b', 'a', 'c']);
  });

  it('does not list a task as overdue once its extension was approved', () => {
    const events = [
      ev('c', '2025-06-20', { type: 'extension-request', requestedDue: '2025-08-31', note: '土地报批未完成' }, '乙局'),
    ];
    const req = events[0]!;
    events.push(ev('c', '2025-06-25', { type: 'extension-decision', requestId: req.id, approved: true, newDue: null }));
    const r = buildQuarterlyReport(plan, events, 3, '2025-07-10', { units });
    expect(r.overdue.map((o) => o.taskId)).not.toContain('c');
    expect(r.activity.extensionsApproved).toBe(0); // approved in Q2, not Q3
  });

  it('counts a completion after the original due date as late, even after an approved extension', () => {
    const req = ev('b', '2025-02-20', { type: 'extension-request', requestedDue: '2025-03-31', note: '等待批复' }, '甲局');
    const events = [req, ev('b', '2025-02-21', { type: 'extension-decision', requestId: req.id, approved: true, newDue: null }), ev('b', '2025-03-15', { type: 'tick', done: true }, '甲局')];
    const r = buildQuarterlyReport(plan, events, 1, '2025-03-20');
    expect(r.completed).toEqual([expect.objectContaining({ taskId: 'b', onTime: false, doneDay: '2025-03-15', originalDue: '2025-02-28' })]);
  });

  it('lists flagged items, open ones first, following 挂牌/摘牌 events', () => {
    const events = [
      ev('d', '2025-01-10', { type: 'flag', flagged: true }),
      ev('a', '2025-01-11', { type: 'tick', done: true }, '甲局'),
      ev('e', '2025-01-12', { type: 'flag', flagged: true }),
      ev('e', '2025-01-13', { type: 'flag', flagged: false }),
    ];
    const r = buildQuarterlyReport(plan, events, 1, '2025-02-01');
    expect(r.flagged.map((f) => [f.taskId, f.done])).toEqual([
      ['d', false],
      ['a', true],
    ]);
    expect(r.flagged[1]!.standing).toBe('已完成（1月11日）');
    expect(r.flagged[0]!.standing).toBe('尚未报送进展');
  });

  it('keeps only the commendations and criticisms written in the quarter', () => {
    const events = [
      ev('a', '2025-03-30', { type: 'notice', kind: 'commend', note: '提前完成' }),
      ev('b', '2025-04-02', { type: 'notice', kind: 'criticize', note: '进度滞后' }),
      ev('c', '2025-05-02', { type: 'notice', kind: 'criticize', note: '材料不实' }),
    ];
    const r = buildQuarterlyReport(plan, events, 2, '2025-05-10', { units });
    expect(r.commendations).toEqual([]);
    expect(r.criticisms.map((c) => [c.taskId, c.note, c.units])).toEqual([
      ['b', '进度滞后', ['甲局']],
      ['c', '材料不实', ['乙局']],
    ]);
  });

  it('puts the three tiers of a target in one row, a masked value as pending and the office’s value when filled', () => {
    const withTargets = mkPlan(tasks, {
      targets: [
        target('t1', '经济增长', 'expected', null),
        target('t2', '经济增长', 'working', null),
        target('t3', '经济增长', 'striving', 7),
        target('t4', '晶硅光伏产业产值', null, 1000, { unit: '亿元', comparator: 'exceed' }),
      ],
      targetValues: { t2: 6.5 },
      targetActuals: { t2: [6.8, null, null, null], t4: [320, 700, null, null] },
    });
    const r = buildQuarterlyReport(withTargets, [], 1, '2025-03-31');
    expect(r.targets).toHaveLength(2);
    const growth = r.targets[0]!;
    expect(growth).toMatchObject({ metric: '经济增长', actual: 6.8, isRate: true });
    expect(growth.expected).toMatchObject({ value: null, pending: true, met: null });
    expect(growth.working).toMatchObject({ value: 6.5, pending: false, met: true });
    expect(growth.striving).toMatchObject({ value: 7, met: false });
    const pv = r.targets[1]!;
    expect(pv).toMatchObject({ metric: '晶硅光伏产业产值', actual: 320, isRate: false });
    expect(pv.single).toMatchObject({ value: 1000, met: false });
    expect(buildQuarterlyReport(withTargets, [], 2, '2025-06-30').targets[1]!.actual).toBe(700);
  });

  it('never throws and keeps its counts consistent on any log of events', () => {
    const taskIds = tasks.map((t) => t.id);
    const arbEvent = fc
      .record({
        task: fc.constantFrom(...taskIds, 'ghost'),
        day: fc.integer({ min: 0, max: 400 }),
        kind: fc.constantFrom('tick', 'untick', 'urge', 'commend', 'criticize', 'flag', 'progress'),
        unit: fc.constantFrom('甲局', '乙局', '市政府办公室'),
      })
      .map(({ task, day, kind, unit }) => {
        const d = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        switch (kind) {
          case 'tick':
            return ev(task, d, { type: 'tick', done: true, note: '报告' }, unit);
          case 'untick':
            return ev(task, d, { type: 'tick', done: false }, unit);
          case 'urge':
            return ev(task, d, { type: 'urge' });
          case 'commend':
          case 'criticize':
            return ev(task, d, { type: 'notice', kind });
          case 'flag':
            return ev(task, d, { type: 'flag', flagged: day % 2 === 0 });
          default:
            return ev(task, d, { type: 'progress', percent: day % 101 }, unit);
        }
      });
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 40 }), fc.constantFrom<Quarter>(1, 2, 3, 4), fc.integer({ min: 0, max: 500 }), (events, q, t) => {
        const today = new Date(Date.UTC(2025, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
        const r = buildQuarterlyReport(plan, events, q, today, { units });
        const lights = Object.values(r.figures.lights).reduce((x, y) => x + y, 0);
        expect(lights).toBe(tasks.length);
        expect(r.completed.length).toBeLessThanOrEqual(r.figures.done);
        for (const c of r.completed) expect(c.doneDay >= r.start && c.doneDay <= r.asOf).toBe(true);
        expect(r.overdue.length).toBe(r.figures.overdue);
      }),
      { numRuns: 150 },
    );
  });
});

describe('buildNotice', () => {
  it('has no register number before the task is 交办, and says how late it is', () => {
    const n = buildNotice(plan, [ev('b', '2025-03-01', { type: 'urge' }), ev('b', '2025-03-02', { type: 'progress', percent: 30, note: '正在起草' }, '甲局')], 'b', '2025-03-10');
    expect(n).toMatchObject({ register: null, daysOverdue: 10, extended: false, dateText: '2025年3月10日' });
    expect(n!.row).toMatchObject({ lead: '甲局', standing: '推进中，进度30%，逾期10天', lastNote: '正在起草', urges: 1 });
  });

  it('shows an approved extension and counts lateness from the new date', () => {
    const req = ev('b', '2025-02-20', { type: 'extension-request', requestedDue: '2025-03-31', note: '等待批复' }, '甲局');
    const n = buildNotice(plan, [req, ev('b', '2025-02-21', { type: 'extension-decision', requestId: req.id, approved: true, newDue: null })], 'b', '2025-03-10');
    expect(n).toMatchObject({ extended: true, daysOverdue: null });
    expect(n!.row).toMatchObject({ due: '2025-03-31', originalDue: '2025-02-28' });
  });

  it('returns null for a task that is not in the plan', () => {
    expect(buildNotice(plan, [], 'nope', '2025-03-10')).toBeNull();
  });

  it('numbers the 督办单 from the register (督办〔2025〕第N号), not by the task’s place in the plan', () => {
    const events = [
      ev('d', '2025-03-01', { type: 'assign', year: 2025, number: 1, replyBy: null, note: '请按期推进' }),
      ev('b', '2025-03-02', { type: 'assign', year: 2025, number: 2, replyBy: '2025-03-09', note: '请于3月9日前书面报告' }),
    ];
    const n = buildNotice(plan, events, 'b', '2025-03-10');
    expect(n!.register).toEqual({ year: 2025, number: 2, renumbered: false, replyBy: '2025-03-09', requirement: '请于3月9日前书面报告' });
    // Deleting or reordering tasks does not change it.
    const fewer = { ...plan, tasks: plan.tasks.filter((t) => t.id !== 'a') };
    expect(buildNotice(fewer, events, 'b', '2025-03-10')!.register!.number).toBe(2);
  });
});

describe('buildThreeLists', () => {
  const sections = [
    { id: 's1', title: '锚定目标', number: '一、', level: 1, parentId: null, source: { start: 0, end: 0 } },
    { id: 's1a', title: '稳增长', number: '（一）', level: 2, parentId: 's1', source: { start: 0, end: 0 } },
  ];
  const listPlan = mkPlan(
    [
      mkTask('a', '甲局', '2025-12-31', { sectionId: 's1a' }),
      mkTask('b', ['乙局'], '2025-03-31', { sectionId: 's1', owners: [{ name: '乙局', role: 'lead', inferred: false }, { name: '甲局', role: 'co', inferred: false }] }),
      mkTask('c', '丙局', null),
      mkTask('d', '甲局', '2025-06-30', { owners: [] }),
    ],
    { sections },
  );

  it('groups the task list by top-level section, unsectioned last, numbered in plan order', () => {
    const l = buildThreeLists(listPlan, []);
    expect(l.bySection.map((g) => [g.section, g.tasks.map((x) => x.no)])).toEqual([
      ['一、锚定目标', [1, 2]],
      ['', [3, 4]],
    ]);
  });

  it('lists each unit’s lead and co tasks, registry order first, and keeps unowned tasks apart', () => {
    const l = buildThreeLists(listPlan, [], { units: [mkUnit('乙局'), mkUnit('甲局')] });
    expect(l.byUnit.map((u) => [u.unit, u.lead.map((x) => x.no), u.co.map((x) => x.no)])).toEqual([
      ['乙局', [2], []],
      ['甲局', [1], [2]],
      ['丙局', [3], []],
    ]);
    expect(l.unowned.map((x) => x.taskId)).toEqual(['d']);
  });

  it('orders the time list by the current due date, undated last, and follows approved extensions', () => {
    const req = ev('b', '2025-03-01', { type: 'extension-request', requestedDue: '2025-09-30', note: '' }, '乙局');
    const l = buildThreeLists(listPlan, [req, ev('b', '2025-03-02', { type: 'extension-decision', requestId: req.id, approved: true, newDue: null })]);
    expect(l.byDue.map((x) => [x.taskId, x.due])).toEqual([
      ['d', '2025-06-30'],
      ['b', '2025-09-30'],
      ['a', '2025-12-31'],
      ['c', null],
    ]);
  });

  it('prints one unit’s lists: only its tasks, and only its own row in the responsibility list', () => {
    const l = buildThreeLists(listPlan, [], { unit: '甲局' });
    expect(l.total).toBe(2);
    expect(l.byUnit.map((u) => u.unit)).toEqual(['甲局']);
  });
});
