import { describe, expect, it } from 'vitest';
import { buildPlanPackage } from '@/domain/files';
import { previewImport } from '@/domain/imports/preview';
import { createSeedPlan, SEED_UPDATED_AT } from '@/domain/seed';
import { DEFAULT_UNITS } from '@/domain/units-registry';

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
