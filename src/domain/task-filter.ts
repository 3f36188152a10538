/**
 * The three lists' table logic (三张清单): one row per task with the figures the table shows,
 * then filter, search and sort. Pure: the page passes in the derived states and a light function,
 * so this stays testable for any day and independent of the light rule's configuration.
 */
import type { TaskState } from '@/domain/events';
import type { Light } from '@/domain/lights';
import type { IsoDate, Plan, Task, TaskStatus } from '@/domain/model';

export interface TaskRow {
  task: Task;
  /** Position of the task in the plan (the speech's order), for a stable sort. */
  index: number;
  status: TaskStatus;
  percent: number;
  light: Light;
  flagged: boolean;
  /** Due date after approved extensions (falls back to the plan's deadline). */
  due: IsoDate | null;
  lead: string | null;
  coUnits: string[];
  /** Index of the task's section in plan.sections; sections come in reading order. */
  sectionOrder: number;
  /** Ids of the task's section and all its ancestors, so a filter on 一、 includes (一). */
  sectionPath: string[];
  /** Lower-cased title, quote and owner names: searched without rebuilding strings per key. */
  haystack: string;
}

export type FlagFilter = 'all' | 'flagged' | 'unflagged';

export interface TaskFilter {
  /** Unit name ('' = all): matches the lead or a co-unit. */
  unit: string;
  /** Section id ('' = all): matches the section and its subsections. */
  sectionId: string;
  status: TaskStatus | '';
  light: Light | '';
  flagged: FlagFilter;
  /** Whitespace-separated words; every word must occur in the title, quote or an owner. */
  query: string;
}

export const EMPTY_FILTER: TaskFilter = {
  unit: '',
  sectionId: '',
  status: '',
  light: '',
  flagged: 'all',
  query: '',
};

export type TaskSortKey = 'section' | 'deadline' | 'light' | 'unit';

export interface TaskSort {
  key: TaskSortKey;
  /** 挂牌督办 items come first everywhere unless the user turns it off. */
  flaggedFirst: boolean;
}

export const DEFAULT_SORT: TaskSort = { key: 'section', flaggedFirst: true };

/** Builds one row per task. `lightOf` is usually `taskLight` bound to today and the plan year. */
export function buildTaskRows(
  plan: Plan,
  states: ReadonlyMap<string, TaskState>,
  lightOf: (task: Task, state: TaskState | undefined) => Light,
): TaskRow[] {
  const sectionIndex = new Map<string, number>();
  const parentOf = new Map<string, string | null>();
  plan.sections.forEach((s, i) => {
    sectionIndex.set(s.id, i);
    parentOf.set(s.id, s.parentId);
  });
  const pathCache = new Map<string, string[]>();
  const pathOf = (id: string | null): string[] => {
    if (id === null) return [];
    const cached = pathCache.get(id);
    if (cached) return cached;
    const path: string[] = [];
    const seen = new Set<string>();
    // The seen set guards against a hand-edited file whose sections form a cycle.
    for (let cur: string | null | undefined = id; cur && !seen.has(cur); cur = parentOf.get(cur)) {
      seen.add(cur);
      path.push(cur);
    }
    pathCache.set(id, path);
    return path;
  };

  return plan.tasks.map((task, index) => {
    const state = states.get(task.id);
    const lead = task.owners.find((o) => o.role === 'lead')?.name ?? null;
    const coUnits = task.owners.filter((o) => o.role === 'co').map((o) => o.name);
    return {
      task,
      index,
      status: state?.status ?? 'not-started',
      percent: state?.percent ?? 0,
      light: lightOf(task, state),
      flagged: state?.flagged ?? task.flagged,
      due: state ? state.due : task.deadline.due,
      lead,
      coUnits,
      sectionOrder: task.sectionId === null ? Number.MAX_SAFE_INTEGER : (sectionIndex.get(task.sectionId) ?? Number.MAX_SAFE_INTEGER),
      sectionPath: pathOf(task.sectionId),
      haystack: [task.title, task.quote, ...task.owners.map((o) => o.name)].join('\n').toLowerCase(),
    };
  });
}

/** Splits a search box's text into lower-cased words (spaces, full-width spaces, commas). */
export function searchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s\u3000,，、]+/u)
    .filter((w) => w.length > 0);
}

export function rowMatches(row: TaskRow, filter: TaskFilter, terms: readonly string[]): boolean {
  if (filter.unit && row.lead !== filter.unit && !row.coUnits.includes(filter.unit)) return false;
  if (filter.sectionId && !row.sectionPath.includes(filter.sectionId)) return false;
  if (filter.status && row.status !== filter.status) return false;
  if (filter.light && row.light !== filter.light) return false;
  if (filter.flagged === 'flagged' && !row.flagged) return false;
  if (filter.flagged === 'unflagged' && row.flagged) return false;
  for (const term of terms) if (!row.haystack.includes(term)) return false;
  return true;
}

export function filterRows(rows: readonly TaskRow[], filter: TaskFilter): TaskRow[] {
  const terms = searchTerms(filter.query);
  return rows.filter((r) => rowMatches(r, filter, terms));
}

/** Red first: the order in which the office wants to look at things. */
const LIGHT_ORDER: Record<Light, number> = { red: 0, yellow: 1, green: 2, done: 3 };

// Pinyin order for unit names, as a Chinese office list is sorted; created once (Collator is costly).
const collator = new Intl.Collator('zh-Hans-CN');

function compareDue(a: IsoDate | null, b: IsoDate | null): number {
  // No date (常态化, 即将出台 without a date) goes last: it is not more urgent than a dated task.
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function compareUnit(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // no lead unit yet: last, the office still has to assign one
  if (b === null) return -1;
  return collator.compare(a, b);
}

export function compareRows(a: TaskRow, b: TaskRow, sort: TaskSort): number {
  if (sort.flaggedFirst && a.flagged !== b.flagged) return a.flagged ? -1 : 1;
  let c = 0;
  switch (sort.key) {
    case 'deadline':
      c = compareDue(a.due, b.due);
      break;
    case 'light':
      c = LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] || compareDue(a.due, b.due);
      break;
    case 'unit':
      c = compareUnit(a.lead, b.lead);
      break;
    case 'section':
      c = a.sectionOrder - b.sectionOrder;
      break;
  }
  // The plan's own order breaks every tie, so the sort is total and stable across renders.
  return c || a.index - b.index;
}

export function sortRows(rows: readonly TaskRow[], sort: TaskSort): TaskRow[] {
  return [...rows].sort((a, b) => compareRows(a, b, sort));
}

/** Every unit named as lead or co-unit in the plan, in pinyin order (for the unit filter). */
export function unitsInPlan(plan: Plan): string[] {
  const names = new Set<string>();
  for (const t of plan.tasks) for (const o of t.owners) names.add(o.name);
  return [...names].sort((a, b) => collator.compare(a, b));
}

/** How many tasks name each unit (lead or co), for the registry's count column. */
export function taskCountByUnit(plan: Plan): Map<string, { lead: number; co: number }> {
  const counts = new Map<string, { lead: number; co: number }>();
  for (const t of plan.tasks) {
    // A unit named twice on one task (lead and co by mistake) still counts once per role.
    const seen = new Set<string>();
    for (const o of t.owners) {
      const key = `${o.role}\u0000${o.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(o.name) ?? { lead: 0, co: 0 };
      if (o.role === 'lead') c.lead++;
      else c.co++;
      counts.set(o.name, c);
    }
  }
  return counts;
}
