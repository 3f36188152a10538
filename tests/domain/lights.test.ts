import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LIGHT_RULE, elapsedPercent, lightDetail, taskLight, type LightRule } from '@/domain/lights';
import { deriveTaskState, type TaskState } from '@/domain/events';
import type { Deadline, Task } from '@/domain/model';

function task(due: string | null, kind: Deadline['kind'] = due ? 'date' : 'ongoing'): Task {
  return {
    id: 't1',
    title: '任务',
    quote: '任务',
    source: { start: 0, end: 0 },
    sectionId: null,
    owners: [{ name: '市教育局', role: 'lead', inferred: false }],
    deadline: { label: due ?? '常态化', due, recurrence: null, kind, inferred: false },
    flagged: false,
  };
}

function state(t: Task, patch: Partial<TaskState> = {}): TaskState {
  return { ...deriveTaskState(t, []), ...patch };
}

const YEAR = 2025;

function isoPlus(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('elapsedPercent (序时进度)', () => {
  it('is 0 on the start day and before it', () => {
    expect(elapsedPercent('2025-01-01', '2025-01-11', '2025-01-01')).toBe(0);
    expect(elapsedPercent('2025-01-01', '2025-01-11', '2024-12-25')).toBe(0);
  });
  it('is the share of days passed', () => {
    expect(elapsedPercent('2025-01-01', '2025-01-11', '2025-01-06')).toBe(50);
  });
  it('is 100 on the due day and after it', () => {
    expect(elapsedPercent('2025-01-01', '2025-01-11', '2025-01-11')).toBe(100);
    expect(elapsedPercent('2025-01-01', '2025-01-11', '2025-03-01')).toBe(100);
  });
  it('counts a leap day (2024 has 366 days)', () => {
    expect(elapsedPercent('2024-01-01', '2024-12-31', '2024-03-01')).toBeCloseTo((60 / 365) * 100, 9);
  });
  // Changed with issue 12: a task assigned on the day it is due was at once 100 points behind
  // (red on its first day). Nothing of a period has passed on the day it starts.
  it('treats a zero-length period as elapsed from the day after', () => {
    expect(elapsedPercent('2025-03-31', '2025-03-31', '2025-03-31')).toBe(0);
    expect(elapsedPercent('2025-03-31', '2025-03-31', '2025-04-01')).toBe(100);
    expect(elapsedPercent('2025-03-31', '2025-03-31', '2025-03-30')).toBe(0);
  });
});

describe('taskLight', () => {
  // Period 2025-01-01 .. 2025-01-11 (10 days): on 01-06 the pace is exactly 50%.
  const t = task('2025-01-11');

  it('is done for a done task, even when overdue', () => {
    expect(taskLight(state(t, { done: true, percent: 100 }), t, '2025-02-01', YEAR)).toBe('done');
  });

  it('is red when overdue (today after the due date)', () => {
    expect(taskLight(state(t, { percent: 99 }), t, '2025-01-12', YEAR)).toBe('red');
  });

  it('is not overdue on the due day itself (yellow: due within 3 days)', () => {
    expect(taskLight(state(t, { percent: 100 }), t, '2025-01-11', YEAR)).toBe('yellow');
  });

  it('is red when more than 30 points behind the pace', () => {
    expect(taskLight(state(t, { percent: 19 }), t, '2025-01-06', YEAR)).toBe('red'); // 31 behind
  });

  it('is yellow exactly 30 points behind (red starts above 30)', () => {
    expect(taskLight(state(t, { percent: 20 }), t, '2025-01-06', YEAR)).toBe('yellow');
  });

  it('is yellow exactly 10 points behind', () => {
    expect(taskLight(state(t, { percent: 40 }), t, '2025-01-06', YEAR)).toBe('yellow');
  });

  it('is green less than 10 points behind, and when ahead', () => {
    expect(taskLight(state(t, { percent: 41 }), t, '2025-01-06', YEAR)).toBe('green');
    expect(taskLight(state(t, { percent: 90 }), t, '2025-01-06', YEAR)).toBe('green');
  });

  it('is yellow due in exactly 3 days, green in 4 (on pace)', () => {
    const long = task('2025-12-31');
    // On 12-28 the pace is ~99%: report 100% so only the due date decides.
    expect(taskLight(state(long, { percent: 100 }), long, '2025-12-28', YEAR)).toBe('yellow');
    expect(taskLight(state(long, { percent: 100 }), long, '2025-12-27', YEAR)).toBe('green');
  });

  it('uses the extended due date for the light', () => {
    const s = state(t, { due: '2025-06-30', percent: 50 });
    expect(taskLight(s, t, '2025-01-12', YEAR)).toBe('green');
  });

  // Changed with issue 12: an undated task used to be judged on the plan year's pace, which made
  // every 常态化 task red by spring. It is now judged by its reporting cadence, never red.
  it('judges an ongoing task without a due date by its reports: yellow after 30 silent days, never red', () => {
    const ongoing = { ...task(null, 'ongoing'), assignedOn: '2025-01-10' };
    expect(taskLight(state(ongoing), ongoing, '2025-02-09', YEAR)).toBe('green'); // 30 days: still on cadence
    expect(taskLight(state(ongoing), ongoing, '2025-02-10', YEAR)).toBe('yellow'); // 31 days without a report
    expect(taskLight(state(ongoing, { lastReportAt: '2025-06-20T02:00:00.000Z' }), ongoing, '2025-07-02', YEAR)).toBe('green');
    expect(taskLight(state(ongoing), ongoing, '2026-12-31', YEAR)).toBe('yellow');
    const d = lightDetail(state(ongoing, { percent: 0 }), ongoing, '2026-03-01', YEAR);
    expect(d).toMatchObject({ judgedBy: 'cadence', overdue: false, reportOverdue: true, elapsed: null });
  });

  it("judges a 'soon' task without a date by its cadence too", () => {
    const soon = task(null, 'soon');
    expect(taskLight(state(soon, { percent: 0 }), soon, '2025-01-20', YEAR)).toBe('green');
  });

  it('runs the pace from the assignment date: a task assigned today, due in 19 days, at 0 % is green', () => {
    const fresh = { ...task('2026-12-25'), assignedOn: '2026-12-06' };
    expect(lightDetail(state(fresh), fresh, '2026-12-06', 2026)).toMatchObject({ light: 'green', elapsed: 0, start: '2026-12-06', daysLeft: 19 });
    // Measured from 1 January it would be 93 % elapsed and red.
    const { assignedOn: _drop, ...legacy } = fresh;
    expect(taskLight(state(legacy), legacy, '2026-12-06', 2026)).toBe('red');
    // The same rule the next days: 2 of 19 days gone (10.5 points behind) is yellow; 6 days (31.6) red.
    expect(taskLight(state(fresh), fresh, '2026-12-08', 2026)).toBe('yellow');
    expect(taskLight(state(fresh), fresh, '2026-12-12', 2026)).toBe('red');
  });

  it('a task whose due date passed before it was assigned is judged by cadence, not red (the office must set a date)', () => {
    const late = { ...task('2026-03-31'), assignedOn: '2026-12-06' };
    const d = lightDetail(state(late), late, '2026-12-06', 2026);
    expect(d).toMatchObject({ light: 'green', judgedBy: 'cadence', dueBeforeAssigned: true, overdue: false });
  });

  it('never shows red on the day a plan is assigned, whatever the day and the deadlines (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.option(fc.integer({ min: -400, max: 800 }), { nil: null }), fc.integer({ min: 0, max: 100 }), (dayOffset, dueOffset, percent) => {
        const today = isoPlus('2024-01-01', dayOffset);
        const due = dueOffset === null ? null : isoPlus(today, dueOffset);
        const t = { ...task(due), assignedOn: today };
        return taskLight(state(t, { percent }), t, today, Number(today.slice(0, 4))) !== 'red';
      }),
      { numRuns: 500 },
    );
  });

  it('measures a task due before the plan year from its due date (fully elapsed)', () => {
    const old = task('2024-12-31');
    expect(lightDetail(state(old), old, '2024-12-30', YEAR).elapsed).toBe(0);
    expect(taskLight(state(old, { percent: 0 }), old, '2025-01-02', YEAR)).toBe('red');
  });

  it('follows a configured rule', () => {
    const strict: LightRule = { redBehindPoints: 20, yellowBehindPoints: 5, dueSoonDays: 7, reportEveryDays: 14 };
    expect(taskLight(state(t, { percent: 25 }), t, '2025-01-06', YEAR, strict)).toBe('red');
    expect(taskLight(state(t, { percent: 25 }), t, '2025-01-06', YEAR, DEFAULT_LIGHT_RULE)).toBe('yellow');
    const long = task('2025-12-31');
    expect(taskLight(state(long, { percent: 100 }), long, '2025-12-24', YEAR, strict)).toBe('yellow');
  });

  it('explains itself: pace, points behind, days left', () => {
    const d = lightDetail(state(t, { percent: 20 }), t, '2025-01-06', YEAR);
    expect(d).toMatchObject({ light: 'yellow', elapsed: 50, behind: 30, daysLeft: 5, overdue: false, dueSoon: false, start: '2025-01-01' });
  });
});
