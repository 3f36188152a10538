/**
 * Scoring of the held-out document corpus (tests/fixtures/documents/): the same figures the
 * project's owners use on documents we never see, computed for the parser and for a naive regex
 * floor. Used by `npm run eval:parser` (scripts/eval-parser.ts) and by corpus.test.ts, so the
 * report and the test can never disagree. The format and the metrics are documented in
 * tests/fixtures/documents/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ComparatorSchema, IsoDateSchema, RecurrenceSchema, TierSchema } from '../../../src/domain/model';
import type { Comparator, Recurrence, Tier } from '../../../src/domain/model';

// ---------------------------------------------------------------------------------------------
// The expectation format (one `<name>.expect.json` beside each `<name>.txt`)
// ---------------------------------------------------------------------------------------------

/** Anchors shorter than this would match by accident; the overlap rule below relies on it. */
export const MIN_ANCHOR = 8;

const Anchor = z.string().min(MIN_ANCHOR);
/** Every acceptable spelling of one unit (县发改委, 县发展和改革委员会). */
const UnitNames = z.array(z.string().min(1)).min(1);

export const DirectiveExpectSchema = z
  .object({
    anchor: Anchor,
    /**
     * Only when the text states a deadline for this directive; null = not scored. A list when a
     * civil servant would accept either reading (a monthly deadline's first occurrence in the
     * plan year, or the first after the document's date).
     */
    due: z.union([IsoDateSchema, z.array(IsoDateSchema).min(1)]).nullable().default(null),
    recurrence: RecurrenceSchema.default(null),
    /** Only when the text names the lead unit; null = not scored. */
    lead: UnitNames.nullable().default(null),
    /** Co-units named by the text, each with its spellings (reported, no threshold). */
    co: z.array(UnitNames).optional(),
    note: z.string().optional(),
  })
  .strict();
export type DirectiveExpect = z.infer<typeof DirectiveExpectSchema>;

export const TargetExpectSchema = z
  .object({
    anchor: Anchor,
    value: z.number().finite(),
    valueMax: z.number().finite().nullable().optional(),
    unit: z.string().nullable(),
    /** A list when the text reads either way (`分别增长5%、6.5%左右`: does 左右 reach the first figure?). */
    comparator: z.union([ComparatorSchema, z.array(ComparatorSchema).min(2)]),
    tier: TierSchema,
    note: z.string().optional(),
  })
  .strict();
export type TargetExpect = z.infer<typeof TargetExpectSchema>;

export const DocKindSchema = z.enum(['breakdown', 'policy', 'report', 'speech', 'other']);
export const DocLevelSchema = z.enum(['national', 'province', 'city', 'county', 'district', 'town']);

export const ExpectationSchema = z
  .object({
    /** The plan year a civil servant would file the document under. */
    year: z.number().int().min(1900).max(2200),
    /** True when the document states no year at all: the year is then given to the parser, not scored. */
    yearGiven: z.boolean().default(false),
    kind: DocKindSchema,
    level: DocLevelSchema,
    /** The document's own date (成文日期), where relative deadlines count from; informational. */
    date: IsoDateSchema.nullable().default(null),
    description: z.string().optional(),
    directives: z.array(DirectiveExpectSchema),
    targets: z.array(TargetExpectSchema).default([]),
    /** Sentences that read like directives but are not (thanks, slogans, analysis, reported speech). */
    rhetoricProbes: z.array(Anchor).default([]),
    /** Past or background figures (review, results, others' forecasts) that must not become targets. */
    pastFigures: z.array(z.string().min(2)).default([]),
  })
  .strict();
export type Expectation = z.infer<typeof ExpectationSchema>;

export interface CorpusDoc {
  name: string;
  text: string;
  expect: Expectation;
}

/** Every `<name>.txt` with its `<name>.expect.json`, sorted by name. A missing or bad expectation throws. */
export function loadCorpus(dir: string): CorpusDoc[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => basename(f, '.txt'))
    .sort();
  return names.map((name) => loadDoc(dir, name));
}

export function loadDoc(dir: string, name: string): CorpusDoc {
  const raw = readFileSync(join(dir, `${name}.txt`), 'utf8');
  // The parser drops a leading BOM and indexes the rest; anchors are located the same way.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, `${name}.expect.json`), 'utf8'));
  } catch (e) {
    throw new Error(`${name}.expect.json: ${(e as Error).message}`);
  }
  const parsed = ExpectationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${name}.expect.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { name, text, expect: parsed.data };
}

/**
 * Mistakes in an expectation file, which would make a figure measure nothing: an anchor not
 * occurring exactly once, a rhetoric probe overlapping a sampled directive (one task would count
 * both ways), a past figure overlapping a target with the same number, a target whose value is not
 * written in its anchor, a deadline before the plan year.
 */
export function expectationProblems(doc: CorpusDoc): string[] {
  const problems: string[] = [];
  const { text, expect, name } = doc;
  const check = (what: string, anchor: string) => {
    const first = text.indexOf(anchor);
    if (first < 0) problems.push(`${name}: ${what} not in the text: “${anchor}”`);
    else if (text.indexOf(anchor, first + 1) >= 0) problems.push(`${name}: ${what} occurs more than once: “${anchor}”`);
  };
  for (const d of expect.directives) check('directive', d.anchor);
  for (const t of expect.targets) check('target', t.anchor);
  for (const p of expect.rhetoricProbes) check('rhetoric probe', p);
  for (const p of expect.pastFigures) check('past figure', p);
  if (problems.length) return problems;

  for (const p of expect.rhetoricProbes) {
    const ps = spanOf(text, p)!;
    const d = expect.directives.find((d) => intersection(ps, spanOf(text, d.anchor)!) > 0);
    if (d) problems.push(`${name}: rhetoric probe “${p}” overlaps directive “${d.anchor}”`);
  }
  for (const f of expect.pastFigures) {
    const fs = spanOf(text, f)!;
    const nums = figures(f);
    const t = expect.targets.find((t) => intersection(fs, spanOf(text, t.anchor)!) > 0 && (nums.length === 0 || nums.some((n) => sameFigure(t.value, n))));
    if (t) problems.push(`${name}: past figure “${f}” overlaps target “${t.anchor}”`);
  }
  for (const t of expect.targets) {
    if (!t.anchor.includes(String(t.value))) problems.push(`${name}: target value ${t.value} not written in “${t.anchor}”`);
  }
  for (const d of expect.directives) {
    for (const due of d.due === null ? [] : Array.isArray(d.due) ? d.due : [d.due]) {
      if (Number(due.slice(0, 4)) < expect.year) problems.push(`${name}: deadline ${due} before the plan year ${expect.year}: “${d.anchor}”`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// What is scored: the parts of a parsed plan the owners look at (the parser's ParsedPlan fits)
// ---------------------------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
}
export interface ScoredTask {
  quote: string;
  source: Span;
  owners: { name: string; role: 'lead' | 'co' }[];
  deadline: { label: string; due: string | null; recurrence: Recurrence; inferred: boolean };
  /** The parser's short title; with a location, it names the cell the task was read from. */
  title?: string;
  /** Set for a task read from a table row, whose quote is the whole row (issue 11). */
  location?: unknown;
}
export interface ScoredTarget {
  quote: string;
  source: Span;
  value: number | null;
  valueMax: number | null;
  unit: string | null;
  comparator: Comparator;
  tier: Tier;
}
export interface ScoredPlan {
  year: number;
  tasks: ScoredTask[];
  targets: ScoredTarget[];
  /** Doubtful directives shown unticked; they never count as tasks, only reported. */
  candidates?: ScoredTask[];
}

/**
 * `year`: the plan year, given only when the document states none. `currentYear`: the clock's year,
 * the parser's last resort; always CLOCK_YEAR here so that a year the parser guesses never
 * passes for one it read (most of the corpus is dated in the year this corpus was written).
 */
export type Extractor = (text: string, options: { year?: number; currentYear: number }) => ScoredPlan;

/** A year no document of the corpus belongs to. */
export const CLOCK_YEAR = 2031;

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/**
 * What a task asserts as a directive. A task read from a table row quotes the whole row (issue
 * 11's contract), 序号 and a 问题描述 cell included, as context: a probe in such a cell is not made a
 * task. The directive is the cell where the title starts (cells end at a tab or a line break);
 * a title not found in its quote counts the whole row, so the scorer never flatters the parser.
 */
export function directiveSpan(t: ScoredTask): Span {
  if (t.location == null || !t.title) return t.source;
  const at = t.quote.indexOf(t.title.slice(0, 6));
  if (at < 0) return t.source;
  const before = Math.max(t.quote.lastIndexOf('\t', at), t.quote.lastIndexOf('\n', at));
  const tab = t.quote.indexOf('\t', at);
  const line = t.quote.indexOf('\n', at);
  const after = Math.min(tab < 0 ? t.quote.length : tab, line < 0 ? t.quote.length : line);
  return { start: t.source.start + before + 1, end: t.source.start + after };
}

function spanOf(text: string, anchor: string): Span | null {
  const start = text.indexOf(anchor);
  return start < 0 ? null : { start, end: start + anchor.length };
}

function intersection(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * An item overlaps an anchor when their spans share at least min(8, anchor length, item length)
 * characters: a clause-sized task inside a long anchor counts, two neighbours touching by a
 * comma or a bracket do not.
 */
export function overlaps(anchor: Span, item: Span): boolean {
  const need = Math.min(MIN_ANCHOR, anchor.end - anchor.start, item.end - item.start);
  return need > 0 && intersection(anchor, item) >= need;
}

/**
 * One-to-one matching of anchors to items (Kuhn's augmenting paths, each anchor trying its items
 * by decreasing overlap), so one paragraph-long task cannot "find" five directives at once and
 * a sentence that holds three directives needs three tasks.
 */
function matchOneToOne(anchors: (Span | null)[], items: Span[], accept: (a: number, i: number) => boolean = () => true): (number | null)[] {
  const edges = anchors.map((a, ai) =>
    a === null
      ? []
      : items
          .map((it, ii) => ({ ii, ov: intersection(a, it) }))
          .filter(({ ii }) => overlaps(a, items[ii]!) && accept(ai, ii))
          .sort((x, y) => y.ov - x.ov || x.ii - y.ii)
          .map(({ ii }) => ii),
  );
  const owner: (number | null)[] = items.map(() => null);
  const tryAnchor = (ai: number, seen: Set<number>): boolean => {
    for (const ii of edges[ai]!) {
      if (seen.has(ii)) continue;
      seen.add(ii);
      const holder = owner[ii] ?? null;
      if (holder === null || tryAnchor(holder, seen)) {
        owner[ii] = ai;
        return true;
      }
    }
    return false;
  };
  anchors.forEach((_, ai) => tryAnchor(ai, new Set()));
  const result: (number | null)[] = anchors.map(() => null);
  owner.forEach((ai, ii) => {
    if (ai !== null) result[ai] = ii;
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

export interface Ratio {
  right: number;
  total: number;
}
export interface Miss {
  metric: 'directive' | 'deadline' | 'lead' | 'target' | 'rhetoric' | 'past' | 'year';
  anchor: string;
  expected: string;
  got: string;
}
/** The figures counted per document and summed over the corpus. */
export interface Figures {
  /** Sampled directives found among the tasks. */
  directives: Ratio;
  /** Sampled directives found only among the unticked candidates (not counted as found). */
  directivesInCandidates: number;
  /** Explicit deadlines right among found directives that have one; `expected` counts all of them. */
  deadlines: Ratio & { expected: number };
  /** Named lead units right among found directives that name one; `expected` counts all of them. */
  leads: Ratio & { expected: number };
  /** Co-units named by the text that the matched task lists as co-owners (no threshold). */
  coUnits: Ratio;
  /** Targets with value, valueMax (when expected), unit, comparator and tier all right. */
  targets: Ratio;
  /** `right` = probes that became tasks (lower is better). */
  rhetoric: Ratio;
  /** `right` = past figures that became targets (lower is better). */
  past: Ratio;
}

export interface DocScore extends Figures {
  name: string;
  kind: Expectation['kind'];
  level: Expectation['level'];
  year: { expected: number; got: number; scored: boolean };
  misses: Miss[];
}

const fmtDeadline = (t: ScoredTask) =>
  `${t.deadline.due ?? 'null'}${t.deadline.recurrence ? ` ${t.deadline.recurrence}` : ''}${t.deadline.inferred ? ' (inferred)' : ''} 「${t.deadline.label}」`;
const fmtOwners = (t: ScoredTask) => (t.owners.length ? t.owners.map((o) => `${o.name}:${o.role}`).join('、') : '(none)');
const fmtTarget = (t: { value: number | null; valueMax?: number | null; unit: string | null; comparator: Comparator | Comparator[]; tier: Tier }) =>
  `${t.value}${t.valueMax != null ? `–${t.valueMax}` : ''} ${t.unit ?? '(no unit)'} ${Array.isArray(t.comparator) ? t.comparator.map((c) => c ?? '-').join(' or ') : (t.comparator ?? '-')} ${t.tier ?? '-'}`;
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\n/g, '⏎');

const sameValue = (a: number | null, b: number | null | undefined) =>
  a !== null && b !== null && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * A unit's scale prefix (万, 亿, 万亿) is representation, not meaning: 1万个 and 10000个, 0.3亿元
 * and 3000万元 are the same target. Returns the base unit and the factor to it.
 */
export function baseUnit(unit: string | null): { unit: string | null; factor: number } {
  if (unit === null) return { unit, factor: 1 };
  for (const [prefix, factor] of [['万亿', 1e12], ['亿', 1e8], ['万', 1e4]] as const) {
    if (unit.startsWith(prefix) && unit.length > prefix.length) return { unit: unit.slice(prefix.length), factor };
  }
  return { unit, factor: 1 };
}

function sameQuantity(eValue: number | null | undefined, eUnit: string | null, tValue: number | null, tUnit: string | null): boolean {
  if (eValue === null || eValue === undefined) return tValue === null;
  const e = baseUnit(eUnit);
  const t = baseUnit(tUnit);
  return e.unit === t.unit && tValue !== null && sameValue(tValue * t.factor, eValue * e.factor);
}

export function targetRight(e: TargetExpect, t: ScoredTarget): boolean {
  const comparators = Array.isArray(e.comparator) ? e.comparator : [e.comparator];
  return (
    sameQuantity(e.value, e.unit, t.value, t.unit) &&
    (e.valueMax === undefined || sameQuantity(e.valueMax, e.unit, t.valueMax, t.unit)) &&
    comparators.includes(t.comparator) &&
    t.tier === e.tier
  );
}

/** A figure as written (3.8 in 3.8万人) against a target's value, which may carry the scale (38000). */
function sameFigure(value: number | null, written: number): boolean {
  return [1, 1e4, 1e8, 1e12].some((f) => sameValue(value, written * f));
}

/** The figures written in an anchor (Arabic numerals), to tell a past figure's target from a neighbour's. */
function figures(s: string): number[] {
  return [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

export function scoreDoc(doc: CorpusDoc, plan: ScoredPlan): DocScore {
  const { text, expect } = doc;
  const misses: Miss[] = [];

  // Directives: one task per sampled directive.
  const dSpans = expect.directives.map((d) => spanOf(text, d.anchor));
  const taskOf = matchOneToOne(
    dSpans,
    plan.tasks.map((t) => t.source),
  );
  const candidateOf = matchOneToOne(
    dSpans,
    (plan.candidates ?? []).map((t) => t.source),
  );
  let found = 0;
  let inCandidates = 0;
  const deadlines = { right: 0, total: 0, expected: 0 };
  const leads = { right: 0, total: 0, expected: 0 };
  const coUnits = { right: 0, total: 0 };
  expect.directives.forEach((d, i) => {
    if (d.due) deadlines.expected++;
    if (d.lead) leads.expected++;
    const ti = taskOf[i];
    if (ti === null || ti === undefined) {
      const ci = candidateOf[i];
      if (ci !== null && ci !== undefined) inCandidates++;
      misses.push({
        metric: 'directive',
        anchor: d.anchor,
        expected: 'a task',
        got: ci !== null && ci !== undefined ? `only a candidate: “${clip(plan.candidates![ci]!.quote)}”` : 'no task',
      });
      return;
    }
    found++;
    const task = plan.tasks[ti]!;
    if (d.due) {
      deadlines.total++;
      const dues = Array.isArray(d.due) ? d.due : [d.due];
      const ok = task.deadline.due !== null && dues.includes(task.deadline.due) && task.deadline.recurrence === d.recurrence && !task.deadline.inferred;
      if (ok) deadlines.right++;
      else misses.push({ metric: 'deadline', anchor: d.anchor, expected: `${dues.join(' or ')}${d.recurrence ? ` ${d.recurrence}` : ''}`, got: fmtDeadline(task) });
    }
    if (d.lead) {
      leads.total++;
      const lead = task.owners.find((o) => o.role === 'lead');
      if (lead && d.lead.includes(lead.name.trim())) leads.right++;
      else misses.push({ metric: 'lead', anchor: d.anchor, expected: d.lead.join(' | '), got: fmtOwners(task) });
    }
    for (const names of d.co ?? []) {
      coUnits.total++;
      if (task.owners.some((o) => o.role === 'co' && names.includes(o.name.trim()))) coUnits.right++;
    }
  });

  // Targets: first pair every anchor with a right target where one exists, then with any
  // overlapping target, so two targets of one distributive sentence are not swapped.
  const gSpans = expect.targets.map((t) => spanOf(text, t.anchor));
  const tSpans = plan.targets.map((t) => t.source);
  const exact = matchOneToOne(gSpans, tSpans, (a, i) => targetRight(expect.targets[a]!, plan.targets[i]!));
  const used = new Set(exact.filter((x): x is number => x !== null));
  const loose = matchOneToOne(
    exact.map((x, a) => (x === null ? gSpans[a]! : null)),
    tSpans,
    (_, i) => !used.has(i),
  );
  let targetsRight = 0;
  expect.targets.forEach((g, a) => {
    if (exact[a] !== null && exact[a] !== undefined) {
      targetsRight++;
      return;
    }
    const li = loose[a];
    misses.push({
      metric: 'target',
      anchor: g.anchor,
      expected: fmtTarget(g),
      got: li === null || li === undefined ? 'no target' : `${fmtTarget(plan.targets[li]!)} “${clip(plan.targets[li]!.quote)}”`,
    });
  });

  // Rhetoric probes: any task overlapping the probe is a false directive.
  let rhetoricHits = 0;
  for (const probe of expect.rhetoricProbes) {
    const span = spanOf(text, probe);
    const hit = span && plan.tasks.find((t) => overlaps(span, directiveSpan(t)));
    if (hit) {
      rhetoricHits++;
      misses.push({ metric: 'rhetoric', anchor: probe, expected: 'no task', got: `task “${clip(hit.quote)}”` });
    }
  }

  // Past figures: a target overlapping the figure's text and carrying one of its numbers (or a
  // masked value) took the figure; a target of the same sentence with another figure did not.
  let pastHits = 0;
  for (const fig of expect.pastFigures) {
    const span = spanOf(text, fig);
    const nums = figures(fig);
    const hit =
      span &&
      plan.targets.find(
        (t) => intersection(span, t.source) > 0 && (t.value === null || nums.length === 0 || nums.some((n) => sameFigure(t.value, n))),
      );
    if (hit) {
      pastHits++;
      misses.push({ metric: 'past', anchor: fig, expected: 'no target', got: `${fmtTarget(hit)} “${clip(hit.quote)}”` });
    }
  }

  const yearScored = !expect.yearGiven;
  if (yearScored && plan.year !== expect.year) misses.push({ metric: 'year', anchor: '(document)', expected: String(expect.year), got: String(plan.year) });

  return {
    name: doc.name,
    kind: expect.kind,
    level: expect.level,
    year: { expected: expect.year, got: plan.year, scored: yearScored },
    directives: { right: found, total: expect.directives.length },
    directivesInCandidates: inCandidates,
    deadlines,
    leads,
    coUnits,
    targets: { right: targetsRight, total: expect.targets.length },
    rhetoric: { right: rhetoricHits, total: expect.rhetoricProbes.length },
    past: { right: pastHits, total: expect.pastFigures.length },
    misses,
  };
}

export function runExtractor(doc: CorpusDoc, extract: Extractor): DocScore {
  const options = doc.expect.yearGiven ? { year: doc.expect.year, currentYear: CLOCK_YEAR } : { currentYear: CLOCK_YEAR };
  return scoreDoc(doc, extract(doc.text, options));
}

// ---------------------------------------------------------------------------------------------
// Totals and thresholds
// ---------------------------------------------------------------------------------------------

export interface Totals extends Figures {
  docs: number;
  years: Ratio;
}

export function totals(scores: DocScore[]): Totals {
  const sum = (pick: (s: DocScore) => Ratio): Ratio => ({
    right: scores.reduce((n, s) => n + pick(s).right, 0),
    total: scores.reduce((n, s) => n + pick(s).total, 0),
  });
  const withExpected = (pick: (s: DocScore) => Ratio & { expected: number }) => ({
    ...sum(pick),
    expected: scores.reduce((n, s) => n + pick(s).expected, 0),
  });
  const scoredYears = scores.filter((s) => s.year.scored);
  return {
    docs: scores.length,
    years: { right: scoredYears.filter((s) => s.year.got === s.year.expected).length, total: scoredYears.length },
    directives: sum((s) => s.directives),
    directivesInCandidates: scores.reduce((n, s) => n + s.directivesInCandidates, 0),
    deadlines: withExpected((s) => s.deadlines),
    leads: withExpected((s) => s.leads),
    coUnits: sum((s) => s.coUnits),
    targets: sum((s) => s.targets),
    rhetoric: sum((s) => s.rhetoric),
    past: sum((s) => s.past),
  };
}

export const rate = (r: Ratio): number => (r.total === 0 ? 1 : r.right / r.total);
/** The false-positive rates are "lower is better"; an empty sample is no evidence of a problem. */
export const falseRate = (r: Ratio): number => (r.total === 0 ? 0 : r.right / r.total);

/** The owners' thresholds (issue 10): a share at least `min`, or a false-positive share at most `max`. */
export const THRESHOLDS = [
  { key: 'directives', label: '指令找到 directives found', min: 0.8 },
  { key: 'deadlines', label: '明确时限正确 explicit deadlines right', min: 0.8 },
  { key: 'leads', label: '牵头单位正确 named lead units right', min: 0.8 },
  { key: 'targets', label: '目标正确 targets right', min: 0.85 },
  { key: 'rhetoric', label: '修辞误作任务 rhetoric probes as tasks', max: 0.05 },
  { key: 'past', label: '往年数字误作目标 past figures as targets', max: 0.05 },
] as const satisfies readonly { key: keyof Totals; label: string; min?: number; max?: number }[];

export interface ThresholdResult {
  key: (typeof THRESHOLDS)[number]['key'];
  label: string;
  value: number;
  ratio: Ratio;
  limit: string;
  ok: boolean;
}

export function checkThresholds(t: Totals): ThresholdResult[] {
  return THRESHOLDS.map((th) => {
    const ratio = t[th.key];
    if ('min' in th) {
      const value = rate(ratio);
      return { key: th.key, label: th.label, value, ratio, limit: `≥ ${Math.round(th.min * 100)}%`, ok: value >= th.min };
    }
    const value = falseRate(ratio);
    return { key: th.key, label: th.label, value, ratio, limit: `≤ ${Math.round(th.max * 100)}%`, ok: value <= th.max };
  });
}

// ---------------------------------------------------------------------------------------------
// The naive floor: what a few regular expressions get, so the parser is always compared with it
// ---------------------------------------------------------------------------------------------

const FLOOR_MODAL = /要|必须|确保|抓紧|加快/;
const FLOOR_DEADLINE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前|(?:(\d{4})年)?(\d{1,2})月底前|年底前/;
const FLOOR_TARGET = /(增长|达到)(\d+(?:\.\d+)?)(%|个百分点|亿元|万元|万人|万个|万吨|个|家|所|公里|万平方米)?(左右|以上|以内)?/g;
const FLOOR_COMPARATOR: Record<string, Comparator> = { 左右: 'about', 以上: 'atLeast', 以内: 'atMost' };

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function floorDue(sentence: string, year: number): string | null {
  const m = FLOOR_DEADLINE.exec(sentence);
  if (!m) return null;
  if (m[2] !== undefined) {
    const y = m[1] ? Number(m[1]) : year;
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOfMonth(y, mo) ? iso(y, mo, d) : null;
  }
  if (m[5] !== undefined) {
    const y = m[4] ? Number(m[4]) : year;
    const mo = Number(m[5]);
    return mo >= 1 && mo <= 12 ? iso(y, mo, lastDayOfMonth(y, mo)) : null;
  }
  return iso(year, 12, 31);
}

/** Sentences with 要/必须/确保/抓紧/加快 are tasks; the first plain deadline; figures after 增长/达到 are targets. */
export const naiveFloor: Extractor = (text, options) => {
  const docYear = /〔(\d{4})〕/.exec(text)?.[1] ?? /((?:19|20)\d{2})年/.exec(text)?.[1];
  const year = docYear ? Number(docYear) : (options.year ?? options.currentYear);
  const tasks: ScoredTask[] = [];
  const targets: ScoredTarget[] = [];
  const re = /[^。！？；\n]+[。！？；]?/g;
  for (const m of text.matchAll(re)) {
    const quote = m[0];
    if (quote.trim() === '') continue;
    const source = { start: m.index, end: m.index + quote.length };
    if (FLOOR_MODAL.test(quote)) {
      const due = floorDue(quote, year);
      tasks.push({ quote, source, owners: [], deadline: { label: '', due, recurrence: null, inferred: false } });
    }
    for (const g of quote.matchAll(FLOOR_TARGET)) {
      targets.push({
        quote,
        source,
        value: Number(g[2]),
        valueMax: null,
        unit: g[3] ?? null,
        comparator: g[4] ? FLOOR_COMPARATOR[g[4]]! : null,
        tier: null,
      });
    }
  }
  return { year, tasks, targets };
};
