import { describe, expect, it } from 'vitest';
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
  it('treats a zero-length period as fully elapsed once reached', () => {
    expect(elapsedPercent('2025-03-31', '2025-03-31', '2025-03-31')).toBe(100);
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

  it('judges an ongoing task without a due date on the plan year pace, never overdue', () => {
    const ongoing = task(null, 'ongoing');
    // 2025-07-02 is day 182 of 364: exactly 50% of the year.
    expect(taskLight(state(ongoing, { percent: 45 }), ongoing, '2025-07-02', YEAR)).toBe('green');
    expect(taskLight(state(ongoing, { percent: 40 }), ongoing, '2025-07-02', YEAR)).toBe('yellow');
    expect(taskLight(state(ongoing, { percent: 19 }), ongoing, '2025-07-02', YEAR)).toBe('red');
    const d = lightDetail(state(ongoing, { percent: 100 }), ongoing, '2026-03-01', YEAR);
    expect(d.overdue).toBe(false);
    expect(d.light).toBe('green');
  });

  it("judges a 'soon' task without a date on the year's pace too", () => {
    const soon = task(null, 'soon');
    expect(taskLight(state(soon, { percent: 0 }), soon, '2025-01-20', YEAR)).toBe('green');
  });

  it('measures a task due before the plan year from its due date (fully elapsed)', () => {
    const old = task('2024-12-31');
    expect(lightDetail(state(old), old, '2024-12-30', YEAR).elapsed).toBe(0);
    expect(taskLight(state(old, { percent: 0 }), old, '2025-01-02', YEAR)).toBe('red');
  });

  it('follows a configured rule', () => {
    const strict: LightRule = { redBehindPoints: 20, yellowBehindPoints: 5, dueSoonDays: 7 };
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
