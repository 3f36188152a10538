import { describe, expect, it } from 'vitest';
import { buildPlanPackage } from '@/domain/files';
import { previewImport } from '@/domain/imports/preview';
import { createSeedPlan, SEED_UPDATED_AT } from '@/domain/seed';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { deriveAllStates } from '@/domain/events';
import { computeDashboard } from '@/domain/dashboard';
import { separateLeaders, DEFAULT_LEADERS } from '@/domain/leaders/leaders';

describe('createSeedPlan', () => {
  it('parses the bundled speech into a plan with tasks and targets', () => {
    const plan = createSeedPlan(new Date('2026-03-01T08:00:00Z'));
    expect(plan.year).toBe(2026);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(25);
    expect(plan.targets.length).toBeGreaterThan(0);
    for (const t of plan.tasks) expect(plan.sourceText.slice(t.source.start, t.source.end)).toBe(t.quote);
  });

  it('is stamped older than any edit, whenever the browser first starts', () => {
    // A department that installs after the office edited the seed must still accept the office's plan.
    expect(createSeedPlan(new Date('2026-03-10T08:00:00Z')).updatedAt).toBe(SEED_UPDATED_AT);
  });

  it("lets a department that started later take the office's edited plan package", async () => {
    const officeStart = createSeedPlan(new Date('2026-03-01T08:00:00Z'));
    const edited = {
      ...officeStart,
      updatedAt: '2026-03-02T09:00:00.000Z',
      tasks: officeStart.tasks.map((t, i) => (i === 0 ? { ...t, flagged: true } : t)),
    };
    const pkg = await buildPlanPackage({ plan: edited, units: DEFAULT_UNITS, events: [] }, new Date('2026-03-02T09:00:00Z'));
    const department = { plan: createSeedPlan(new Date('2026-03-03T08:00:00Z')), units: DEFAULT_UNITS, events: [] };
    const preview = await previewImport(department, pkg.text, { now: new Date('2026-03-03T08:05:00Z') });
    expect(preview.planAction).toBe('update');
  });
});

describe('the first start', () => {
  // Issue 12: on 2026-12-06 the seed showed 32 of 32 tasks red (序时进度 counted from 1 January).
  it.each(['2026-12-06', '2026-01-01', '2026-03-31', '2026-04-01', '2026-07-15', '2026-12-31', '2027-02-28', '2028-02-29'])(
    'shows no red task on %s, in the browser’s own day',
    (day) => {
      const now = new Date(`${day}T09:30:00+08:00`);
      const plan = createSeedPlan(now);
      const f = computeDashboard(plan, deriveAllStates(plan, []), day);
      expect(f.lights.red).toBe(0);
      expect(f.overdue).toBe(0);
      expect(plan.tasks.every((t) => t.assignedOn === day)).toBe(true);
    },
  );

  it('moves the leaders the speech names (各部门主要负责同志) out of the owners', () => {
    const { plan, leaders } = separateLeaders(createSeedPlan(new Date('2026-12-06T09:30:00+08:00')), DEFAULT_LEADERS);
    expect(plan.tasks.flatMap((t) => t.owners.map((o) => o.name))).not.toContain('各部门主要负责同志');
    expect(leaders.find((l) => l.name === '各部门主要负责同志')!.tasks.length).toBeGreaterThan(0);
  });
});
