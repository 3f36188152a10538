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
  return {
    ...parsed,
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

/**
 * The kept items prepared for merging into the current plan. Section ids of the new speech mean
 * nothing in the current plan (both may have an 's1'), so a task goes under the current plan's
 * section with the same number and title when there is one, else under no section.
 */
export function itemsForMerge(parsed: ParsedPlan, current: Pick<Plan, 'sections'>): Pick<Plan, 'tasks' | 'targets'> {
  const byKey = new Map(current.sections.map((s) => [`${s.number}\u0000${s.title}`, s.id]));
  const mapped = new Map<string, string | null>();
  for (const s of parsed.sections) mapped.set(s.id, byKey.get(`${s.number}\u0000${s.title}`) ?? null);
  return {
    tasks: parsed.tasks.map((t) => ({ ...t, sectionId: t.sectionId === null ? null : (mapped.get(t.sectionId) ?? null) })),
    targets: parsed.targets,
  };
}
