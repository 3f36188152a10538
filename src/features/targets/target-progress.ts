/**
 * Targets grouped by indicator, pure. Tiers of one indicator (预期/工作/奋斗) share a metric and a
 * unit and sit side by side. A quarter's actual value belongs to the indicator, not to a tier: it
 * is stored on the group's first target (`primaryId`) and read as the first one entered among the
 * group's targets, which is how the quarterly report (src/domain/report.ts) reads it too.
 */
import { elapsedPercent } from '@/domain/lights';
import type { Comparator, IsoDate, Plan, Recurrence, Target } from '@/domain/model';

export type TierSlot = 'expected' | 'working' | 'striving' | 'single';
export const TIER_SLOTS: readonly TierSlot[] = ['expected', 'working', 'striving', 'single'];

export interface TierCell {
  target: Target;
  /** The office's value for a masked target, else the parsed one; null = 待填写. */
  value: number | null;
  valueMax: number | null;
  comparator: Comparator;
  /** The speech hid the number (*): the office fills it in. */
  masked: boolean;
}

export interface MetricGroup {
  key: string;
  metric: string;
  unit: string | null;
  /** Growth rates and shares (%, 百分点): not pro-rated by the time elapsed. */
  isRate: boolean;
  recurrence: Recurrence;
  due: IsoDate | null;
  tiers: Partial<Record<TierSlot, TierCell>>;
  ids: string[];
  primaryId: string;
  /** Per quarter, the first value entered among the group's targets. */
  actuals: [number | null, number | null, number | null, number | null];
  /** Which target holds each quarter's value (to overwrite it in place). */
  actualIds: [string, string, string, string];
}

const RATE_UNITS = new Set(['%', '个百分点', '百分点']);

export function groupTargets(plan: Plan): MetricGroup[] {
  const groups = new Map<string, MetricGroup>();
  for (const t of plan.targets) {
    const key = `${t.metric}\u0000${t.unit ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        metric: t.metric,
        unit: t.unit,
        isRate: RATE_UNITS.has(t.unit ?? ''),
        recurrence: t.recurrence,
        due: t.due,
        tiers: {},
        ids: [],
        primaryId: t.id,
        actuals: [null, null, null, null],
        actualIds: [t.id, t.id, t.id, t.id],
      };
      groups.set(key, g);
    }
    g.ids.push(t.id);
    g.recurrence ??= t.recurrence;
    g.due ??= t.due;
    const office = plan.targetValues[t.id];
    const value = office !== undefined && office !== null ? office : t.value;
    const slot: TierSlot = t.tier ?? 'single';
    // A later restatement of the same tier does not replace the first one.
    g.tiers[slot] ??= { target: t, value, valueMax: t.valueMax, comparator: t.comparator, masked: t.masked };
  }
  for (const g of groups.values()) {
    for (let q = 0; q < 4; q++) {
      for (const id of g.ids) {
        const a = plan.targetActuals[id]?.[q];
        if (a !== undefined && a !== null) {
          g.actuals[q] = a;
          g.actualIds[q] = id;
          break;
        }
      }
    }
  }
  return [...groups.values()];
}

/** The latest quarter with an actual value. */
export function latestActual(g: MetricGroup): { quarter: 1 | 2 | 3 | 4; value: number } | null {
  for (let q = 3; q >= 0; q--) {
    const v = g.actuals[q];
    if (v !== null && v !== undefined) return { quarter: (q + 1) as 1 | 2 | 3 | 4, value: v };
  }
  return null;
}

/** Whether an actual satisfies a tier: at most for 以内, above for 突破, at least otherwise (左右 counts as reached). */
export function meets(actual: number, value: number, comparator: Comparator): boolean {
  if (comparator === 'atMost') return actual <= value;
  if (comparator === 'exceed') return actual > value;
  return actual >= value;
}

export interface TierProgress {
  /** actual / target value (0..∞); null for 以内 targets, a zero or missing target value. */
  ratio: number | null;
  met: boolean | null;
}

export function tierProgress(actual: number | null, cell: TierCell | undefined): TierProgress {
  if (!cell || cell.value === null || actual === null) return { ratio: null, met: null };
  const met = meets(actual, cell.value, cell.comparator);
  const ratio = cell.comparator === 'atMost' || cell.value <= 0 ? null : actual / cell.value;
  return { ratio, met };
}

/** The tier the office steers by: the working target (工作目标) when there is one. */
export function referenceTier(g: MetricGroup): TierSlot | null {
  for (const slot of ['working', 'single', 'expected', 'striving'] as const) if (g.tiers[slot]) return slot;
  return null;
}

export interface PaceComparison {
  /** 序时进度 of the year (0–100) on `today`. */
  elapsed: number;
  /** Completion of the reference tier (0–100+); null when it cannot be pro-rated. */
  progress: number | null;
  /** 'ahead' / 'behind' the pace, or why no comparison is made. */
  verdict: 'ahead' | 'behind' | 'rate' | 'atMost' | 'none';
}

/**
 * A quantity target (产值, 个数…) is compared with the share of the year elapsed: 40% of the
 * working target done by mid-year is behind. A rate (增长 7%) or a ceiling (以内) is not
 * pro-rated: the rate is judged against the target itself, the ceiling all year.
 */
export function paceOf(g: MetricGroup, planYear: number, today: IsoDate): PaceComparison {
  const end = g.due && g.due.startsWith(String(planYear)) ? g.due : `${planYear}-12-31`;
  const elapsed = elapsedPercent(`${planYear}-01-01`, end, today);
  const slot = referenceTier(g);
  const cell = slot ? g.tiers[slot] : undefined;
  if (g.isRate) return { elapsed, progress: null, verdict: 'rate' };
  if (cell?.comparator === 'atMost') return { elapsed, progress: null, verdict: 'atMost' };
  const latest = latestActual(g);
  const p = tierProgress(latest?.value ?? null, cell);
  if (p.ratio === null) return { elapsed, progress: null, verdict: 'none' };
  const progress = p.ratio * 100;
  return { elapsed, progress, verdict: progress >= elapsed ? 'ahead' : 'behind' };
}

/** '7.5', '3–5' */
export function formatTierValue(cell: TierCell, fmt: (n: number) => string): string | null {
  if (cell.value === null) return null;
  return cell.valueMax !== null ? `${fmt(cell.value)}–${fmt(cell.valueMax)}` : fmt(cell.value);
}

/** Parses what a user typed as a number: '1,234.5' → 1234.5, '' → null, 'abc' → undefined (invalid). */
export function parseNumberInput(raw: string): number | null | undefined {
  const s = raw.trim().replace(/[,，\s]/g, '');
  if (s === '') return null;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
