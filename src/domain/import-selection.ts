/**
 * Import a speech: keep or drop parsed items, then turn the kept ones into a plan (replace) or a
 * batch of items (merge). Pure; the id and the clock come from the caller.
 */
import type { Candidate, Deadline, OwnerRef, ParsedPlan, Plan, Task } from '@/domain/model';

/** The parsed plan with only the kept tasks and targets; warnings about dropped items go too. */
export function keepItems(parsed: ParsedPlan, kept: ReadonlySet<string>): ParsedPlan {
  return {
    ...parsed,
    tasks: parsed.tasks.filter((t) => kept.has(t.id)),
    targets: parsed.targets.filter((t) => kept.has(t.id)),
    warnings: parsed.warnings.filter((w) => w.itemId === null || kept.has(w.itemId)),
  };
}

/** What the office changed on one task in the preview before accepting it. */
export interface TaskCorrection {
  /** The lead unit it chose (replaces every lead; co-units stay unless it is one of them). */
  lead?: string;
  /** A date (yyyy-MM-dd) or only a label such as 长期 (then no date). */
  deadline?: { due: string | null; label: string };
}

/** A task with the office's corrections: what it set is its own word, never "inferred". */
export function correctTask<T extends Task>(task: T, c: TaskCorrection | undefined): T {
  if (!c) return task;
  let owners: OwnerRef[] = task.owners;
  if (c.lead !== undefined && c.lead !== '') {
    owners = [{ name: c.lead, role: 'lead', inferred: false }, ...task.owners.filter((o) => o.role === 'co' && o.name !== c.lead)];
  }
  let deadline: Deadline = task.deadline;
  if (c.deadline) {
    const label = c.deadline.label.trim();
    deadline = c.deadline.due
      ? { label: label || c.deadline.due, due: c.deadline.due, recurrence: null, kind: 'date', inferred: false }
      : { label: label || '长期', due: null, recurrence: null, kind: 'ongoing', inferred: false };
  }
  return { ...task, owners, deadline };
}

/** A ticked candidate becomes a task: the same item without its reason. */
function candidateTask({ reason: _reason, ...task }: Candidate): Task {
  return task;
}

/**
 * The review step's result: the kept tasks and the ticked candidates (as tasks, in text order),
 * each with the office's corrections, and the kept targets. Candidates not ticked stay out; a
 * candidate whose id a task already uses gets a fresh one. Warnings that a correction answered
 * (no owner once a lead is chosen) go.
 */
export function reviewedPlan(parsed: ParsedPlan, kept: ReadonlySet<string>, corrections: ReadonlyMap<string, TaskCorrection>): ParsedPlan {
  const base = keepItems(parsed, kept);
  const ids = new Set(parsed.tasks.map((t) => t.id));
  const ticked: Task[] = [];
  for (const c of parsed.candidates ?? []) {
    if (!kept.has(c.id)) continue;
    let id = c.id;
    for (let n = 2; ids.has(id); n++) id = `${c.id}-${n}`;
    ids.add(id);
    ticked.push({ ...candidateTask(c), id });
  }
  const tasks = [...base.tasks, ...ticked]
    .sort((a, b) => a.source.start - b.source.start)
    .map((t) => correctTask(t, corrections.get(t.id)));
  const answered = new Set(tasks.filter((t) => corrections.get(t.id)?.lead).map((t) => t.id));
  const warnings = parsed.warnings.filter(
    (w) => (w.itemId === null || kept.has(w.itemId)) && !(w.code === 'no-owner' && w.itemId !== null && answered.has(w.itemId)),
  );
  return { ...base, tasks, candidates: [], warnings };
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
