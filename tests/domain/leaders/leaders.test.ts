/** Leaders apart from units: separation from owners, portfolios, legacy registries, restore. */
import { DEFAULT_LEADERS, leadersAsUnits, leadersWithTasks, registryUnits, restoreLeaders, separateLeaders, splitLegacyRegistry, tasksOverseenBy, type Leader } from '@/domain/leaders/leaders';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { mkPlan, mkTask, mkUnit } from '../screen-fixtures';

const wang: Leader = { id: 'w', name: '王副市长', role: 'vice-mayor', aliases: ['王**副市长'], units: ['甲局'], tasks: [] };

describe('separateLeaders', () => {
  it('moves owners that name a leader (by name or alias) into the leader’s portfolio', () => {
    const plan = mkPlan([mkTask('a', ['甲局', '各位副市长'], '2025-06-30'), mkTask('b', '乙局', '2025-06-30')]);
    const r = separateLeaders(plan, DEFAULT_LEADERS);
    expect(r.moved).toBe(1);
    expect(r.plan.tasks[0]!.owners.map((o) => o.name)).toEqual(['甲局']);
    expect(r.leaders.find((l) => l.name === '分管副市长')!.tasks).toEqual(['a']);
    // Nothing else changed: the same task objects, the same leaders.
    expect(r.plan.tasks[1]).toBe(plan.tasks[1]);
  });

  it('returns the very same plan when no owner names a leader, and is idempotent', () => {
    const plan = mkPlan([mkTask('a', '甲局', '2025-06-30')]);
    expect(separateLeaders(plan, DEFAULT_LEADERS).plan).toBe(plan);
    const once = separateLeaders(mkPlan([mkTask('a', ['各部门“一把手”'], null)]), DEFAULT_LEADERS);
    const twice = separateLeaders(once.plan, once.leaders);
    expect(twice.moved).toBe(0);
    expect(twice.leaders).toEqual(once.leaders);
  });

  it('the parser still reads a speech’s leaders as roles when given them as its vocabulary', () => {
    const units = registryUnits(DEFAULT_UNITS);
    expect(units.some((u) => u.kind === 'leader')).toBe(false);
    const parsed = parseSpeech('各位副市长要亲自抓好分管领域的安全生产工作。', { currentYear: 2025, units: [...units, ...leadersAsUnits(DEFAULT_LEADERS)] });
    const sep = separateLeaders({ ...mkPlan([]), tasks: parsed.tasks }, DEFAULT_LEADERS);
    expect(parsed.tasks.flatMap((t) => t.owners.map((o) => o.name))).toContain('分管副市长');
    expect(sep.plan.tasks.flatMap((t) => t.owners.map((o) => o.name))).not.toContain('分管副市长');
  });
});

describe('portfolios', () => {
  it('a leader oversees the tasks of their units and the tasks given to them by name (merged ids followed)', () => {
    const plan = mkPlan([mkTask('a', '甲局', null), mkTask('b', '乙局', null), mkTask('c', '丙局', null)], { mergedInto: { old: 'c' } });
    const leader = { ...wang, tasks: ['old'] };
    expect(tasksOverseenBy(plan, leader).map((t) => t.id)).toEqual(['a', 'c']);
    expect(leadersWithTasks(plan, [leader, { ...wang, id: 'x', name: '李副市长', units: [] }]).map((l) => l.name)).toEqual(['王副市长']);
  });
});

describe('legacy registries', () => {
  it('moves entries of the old kind leader out of the registry, with a role from their id or name', () => {
    const r = splitLegacyRegistry([mkUnit('甲局'), { id: 'role-qxz', name: '各区县长', kind: 'leader', aliases: [], keywords: [] }, mkUnit('张副市长', 'leader')]);
    expect(r.units.map((u) => u.name)).toEqual(['甲局']);
    expect(r.leaders.map((l) => [l.name, l.role])).toEqual([
      ['各区县长', 'district-heads'],
      ['张副市长', 'vice-mayor'],
    ]);
  });
});

describe('restoreLeaders', () => {
  it('restores one by one, sets aside the unreadable and duplicate ids, and says null for no list', () => {
    const aside: string[] = [];
    const r = restoreLeaders(
      [wang, { id: 'w', name: '重复' }, { name: '无编号' }, { id: 'z', name: '赵副市长', role: 'boss', units: ['甲局', 3], tasks: 'no' }, 'junk'],
      (where, reason) => aside.push(`${where}:${reason}`),
    );
    expect(r!.map((l) => [l.id, l.role, l.units, l.tasks])).toEqual([
      ['w', 'vice-mayor', ['甲局'], []],
      ['z', 'other', ['甲局'], []],
    ]);
    expect(aside).toHaveLength(3);
    expect(restoreLeaders(undefined, () => {})).toBeNull();
  });
});
