/**
 * Import a speech: keep or drop parsed items, then turn the kept ones into a plan (replace) or a
 * batch of items (merge). Pure; the id and the clock come from the caller.
 */
import type { ParsedPlan, Plan } from '@/domain/model';

/** The parsed plan with only the kept tasks and targets; warnings about dropped items go too. */
export function keepItems(parsed: ParsedPlan, kept: ReadonlySet<string>): ParsedPlan {
  return {
    ...parsed,
    tasks: parsed.tasks.filter((t) => kept.has(t.id)),
    targets: parsed.targets.filter((t) => kept.has(t.id)),
    warnings: parsed.warnings.filter((w) => w.itemId === null || kept.has(w.itemId)),
  };
}

/** A whole new plan from a parsed speech (replace mode). `now` is an ISO date-time. */
export function planFromParsed(parsed: ParsedPlan, sourceText: string, id: string, now: string): Plan {
  // Candidates the office did not tick stay in the preview; a plan holds only tasks.
  const { candidates: _candidates, ...rest } = parsed;
  return {
    ...rest,
    id,
    createdAt: now,
    updatedAt: now,
    sourceText,
    targetValues: {},
    targetActuals: {},
  };
}

/** Every item id of a parse (tasks then targets): the initial "keep all" selection. */
export function allItemIds(parsed: ParsedPlan): Set<string> {
  return new Set([...parsed.tasks.map((t) => t.id), ...parsed.targets.map((t) => t.id)]);
}

/** Between the current plan's text and a merged speech, so neither runs into the other. */
export const MERGE_SEPARATOR = '\n\n';

/**
 * The kept items prepared for merging into the current plan. Section ids of the new speech mean
 * nothing in the current plan (both may have an 's1'), so a task goes under the current plan's
 * section with the same number and title when there is one, else under no section.
 * The new speech is appended to the plan's source text and every span is shifted by the same
 * offset, so each merged item's quote still slices out of plan.sourceText and its sentence can
 * be shown in context like any other.
 */
export function itemsForMerge(
  parsed: ParsedPlan,
  current: Pick<Plan, 'sections' | 'sourceText'>,
  parsedText: string,
): Pick<Plan, 'tasks' | 'targets' | 'sourceText'> {
  const byKey = new Map(current.sections.map((s) => [`${s.number}\u0000${s.title}`, s.id]));
  const mapped = new Map<string, string | null>();
  for (const s of parsed.sections) mapped.set(s.id, byKey.get(`${s.number}\u0000${s.title}`) ?? null);
  const offset = current.sourceText.length === 0 ? 0 : current.sourceText.length + MERGE_SEPARATOR.length;
  const shift = (span: { start: number; end: number }) => ({ start: span.start + offset, end: span.end + offset });
  return {
    tasks: parsed.tasks.map((t) => ({
      ...t,
      source: shift(t.source),
      sectionId: t.sectionId === null ? null : (mapped.get(t.sectionId) ?? null),
    })),
    targets: parsed.targets.map((t) => ({ ...t, source: shift(t.source) })),
    sourceText: offset === 0 ? parsedText : current.sourceText + MERGE_SEPARATOR + parsedText,
  };
}
