import { describe, expect, it } from 'vitest';
import { groupTargets, latestActual, meets, paceOf, parseNumberInput, tierProgress } from '@/features/targets/target-progress';
import type { Target } from '@/domain/model';
import { mkPlan } from '../../domain/screen-fixtures';

function mkTarget(id: string, metric: string, tier: Target['tier'], value: number | null, extra: Partial<Target> = {}): Target {
  return {
    id,
    metric,
    quote: `${metric}目标`,
    source: { start: 0, end: 0 },
    tier,
    value,
    valueMax: null,
    unit: '%',
    comparator: 'about',
    masked: value === null,
    recurrence: null,
    due: '2025-12-31',
    ...extra,
  };
}

describe('groupTargets', () => {
  it('puts the three tiers of one metric side by side', () => {
    const plan = mkPlan([], {
      targets: [mkTarget('g1', '经济增长', 'expected', 6), mkTarget('g2', '经济增长', 'working', 6.5), mkTarget('g3', '经济增长', 'striving', 7), mkTarget('p', '光伏产值', null, 500, { unit: '亿元', comparator: 'exceed' })],
    });
    const groups = groupTargets(plan);
    expect(groups).toHaveLength(2);
    expect(Object.keys(groups[0]!.tiers)).toEqual(['expected', 'working', 'striving']);
    expect(groups[1]).toMatchObject({ metric: '光伏产值', isRate: false, primaryId: 'p' });
    expect(groups[0]!.isRate).toBe(true);
  });

  it('keeps a masked value pending (null, never 0) until the office fills it', () => {
    const t = mkTarget('m', '税收', 'working', null);
    expect(groupTargets(mkPlan([], { targets: [t] }))[0]!.tiers.working!.value).toBeNull();
    const filled = mkPlan([], { targets: [t], targetValues: { m: 12 } });
    expect(groupTargets(filled)[0]!.tiers.working!.value).toBe(12);
  });

  it('reads each quarter from whichever tier of the metric holds it', () => {
    const plan = mkPlan([], {
      targets: [mkTarget('a', '增长', 'expected', 6), mkTarget('b', '增长', 'working', 7)],
      targetActuals: { a: [5, null, null, null], b: [null, 6.2, null, null] },
    });
    const g = groupTargets(plan)[0]!;
    expect(g.actuals).toEqual([5, 6.2, null, null]);
    expect(g.actualIds).toEqual(['a', 'b', 'a', 'a']);
    expect(latestActual(g)).toEqual({ quarter: 2, value: 6.2 });
  });
});

describe('progress', () => {
  it('compares by comparator: 以内 is a ceiling, 突破 must exceed', () => {
    expect(meets(3, 3, 'atMost')).toBe(true);
    expect(meets(3.1, 3, 'atMost')).toBe(false);
    expect(meets(500, 500, 'exceed')).toBe(false);
    expect(meets(500, 500, 'atLeast')).toBe(true);
  });

  it('gives a ratio against a tier, none against a pending value', () => {
    const plan = mkPlan([], { targets: [mkTarget('p', '产值', null, 400, { unit: '亿元', comparator: 'atLeast' }), mkTarget('q', '产值2', null, null, { unit: '亿元' })] });
    const [p, q] = groupTargets(plan);
    expect(tierProgress(100, p!.tiers.single)).toEqual({ ratio: 0.25, met: false });
    expect(tierProgress(100, q!.tiers.single)).toEqual({ ratio: null, met: null });
  });

  it('compares a quantity target with the time elapsed in the year (序时进度)', () => {
    const plan = mkPlan([], {
      targets: [mkTarget('p', '产值', null, 400, { unit: '亿元', comparator: 'atLeast' })],
      targetActuals: { p: [80, null, null, null] },
    });
    const g = groupTargets(plan)[0]!;
    // 2025-07-02 is exactly half of 01-01..12-31; 80/400 = 20% done → behind.
    expect(paceOf(g, 2025, '2025-07-02')).toEqual({ elapsed: 50, progress: 20, verdict: 'behind' });
    expect(paceOf(g, 2025, '2025-02-01').verdict).toBe('ahead');
  });

  it('does not pro-rate a growth rate', () => {
    const plan = mkPlan([], { targets: [mkTarget('g', '增长', 'working', 7)], targetActuals: { g: [6, null, null, null] } });
    expect(paceOf(groupTargets(plan)[0]!, 2025, '2025-07-02').verdict).toBe('rate');
  });
});

describe('parseNumberInput', () => {
  it('reads numbers with thousands separators, empty as null, words as invalid', () => {
    expect(parseNumberInput('1,234.5')).toBe(1234.5);
    expect(parseNumberInput('  ')).toBeNull();
    expect(parseNumberInput('七')).toBeUndefined();
    expect(parseNumberInput('1e5')).toBeUndefined();
    expect(parseNumberInput('-2.5')).toBe(-2.5);
  });
});
