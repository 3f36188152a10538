/**
 * 我的任务: a unit's tasks grouped by how soon they are due, the order a department head works in.
 * Pure; `today` is passed in.
 */
import { daysFromTo } from '@/domain/lights';
import type { IsoDate, Task, Unit } from '@/domain/model';

export type UrgencyGroup = 'overdue' | 'due-soon' | 'this-month' | 'other' | 'done';

export const URGENCY_ORDER: readonly UrgencyGroup[] = ['overdue', 'due-soon', 'this-month', 'other', 'done'];

export interface UrgencyInput {
  done: boolean;
  /** Due date after approved extensions; null for ongoing tasks or an undated 即将出台. */
  due: IsoDate | null;
  /** Keep the item in this group whatever its state (a task ticked on screen stays put). */
  pinned?: UrgencyGroup;
}

/**
 * overdue: past its due date and not done; due-soon: due today or within `soonDays` days (the
 * light rule's 3 days); this-month: due later in today's calendar month; other: later, or no date.
 */
export function urgencyOf(item: UrgencyInput, today: IsoDate, soonDays = 3): UrgencyGroup {
  if (item.done) return 'done';
  if (item.due === null) return 'other';
  const days = daysFromTo(today, item.due);
  if (days < 0) return 'overdue';
  if (days <= soonDays) return 'due-soon';
  if (item.due.slice(0, 7) === today.slice(0, 7)) return 'this-month';
  return 'other';
}

/** Groups items, each group sorted by due date (undated last), then by the input order. */
export function groupByUrgency<T>(
  items: readonly T[],
  get: (item: T) => UrgencyInput,
  today: IsoDate,
  soonDays = 3,
): Record<UrgencyGroup, T[]> {
  const groups: Record<UrgencyGroup, { item: T; due: IsoDate | null; i: number }[]> = {
    overdue: [],
    'due-soon': [],
    'this-month': [],
    other: [],
    done: [],
  };
  items.forEach((item, i) => {
    const u = get(item);
    groups[u.pinned ?? urgencyOf(u, today, soonDays)].push({ item, due: u.due, i });
  });
  const out = {} as Record<UrgencyGroup, T[]>;
  for (const g of URGENCY_ORDER) {
    out[g] = groups[g]
      .sort((a, b) => {
        if (a.due !== b.due) {
          if (a.due === null) return 1;
          if (b.due === null) return -1;
          return a.due < b.due ? -1 : 1;
        }
        return a.i - b.i;
      })
      .map((x) => x.item);
  }
  return out;
}

/**
 * The names that mean `unitName` in task owners: its registry name and aliases. A speech may
 * name 发改委 where the registry says 市发展和改革委员会; both are the same unit's tasks.
 */
export function namesOfUnit(unitName: string, units: readonly Unit[]): Set<string> {
  const names = new Set([unitName]);
  const unit = units.find((u) => u.name === unitName || u.aliases.includes(unitName));
  if (unit) {
    names.add(unit.name);
    for (const a of unit.aliases) names.add(a);
  }
  return names;
}

/** The tasks a unit leads or co-operates on, with its role in each. */
export function tasksOfUnit(
  tasks: readonly Task[],
  unitName: string,
  units: readonly Unit[],
): { task: Task; role: 'lead' | 'co' }[] {
  const names = namesOfUnit(unitName, units);
  const out: { task: Task; role: 'lead' | 'co' }[] = [];
  for (const task of tasks) {
    const mine = task.owners.filter((o) => names.has(o.name));
    if (mine.length === 0) continue;
    out.push({ task, role: mine.some((o) => o.role === 'lead') ? 'lead' : 'co' });
  }
  return out;
}
