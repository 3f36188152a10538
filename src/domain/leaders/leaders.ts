/**
 * Leaders (领导): 分管副市长, 市政府领导班子成员, 各部门主要负责同志, 各区县长. A leader is not a unit:
 * a leader answers for a portfolio (the units they oversee, and tasks assigned to them by name),
 * is never ranked, never picked as 当前身份, and never a task's 牵头 or 配合 unit. The dashboard
 * filters by leader through `tasksOverseenBy`.
 *
 * Speeches name leaders where they name owners (各位副市长要亲自抓): the parser reads them with the
 * registry's vocabulary (`leadersAsUnits`), then `separateLeaders` moves such owners out of the task
 * into the leader's list, so the task keeps only real units.
 */
import { z } from 'zod';
import type { Plan, Task, Unit } from '@/domain/model';
import { resolveTaskId } from '@/domain/events';
import { DEFAULT_UNITS } from '@/domain/units-registry';

export const LeaderRoleSchema = z.enum(['vice-mayor', 'leadership', 'dept-heads', 'district-heads', 'other']);
export type LeaderRole = z.infer<typeof LeaderRoleSchema>;

export const LeaderSchema = z.object({
  id: z.string().min(1).max(200),
  /** 分管副市长, or a named one (王副市长). */
  name: z.string().trim().min(1).max(200),
  role: LeaderRoleSchema,
  /** Other words a speech uses for the same leader (各位副市长, 各部门“一把手”). */
  aliases: z.array(z.string().min(1).max(200)).max(100),
  /** Names of the units this leader oversees: their tasks are in the leader's portfolio. */
  units: z.array(z.string().min(1).max(200)).max(500),
  /** Tasks assigned to the leader by name (a speech's 各位副市长要…), by task id. */
  tasks: z.array(z.string().min(1).max(200)).max(100_000),
});
export type Leader = z.infer<typeof LeaderSchema>;

const ROLE_OF_ENTRY: Readonly<Record<string, LeaderRole>> = {
  'role-fsz': 'vice-mayor',
  'role-bz': 'leadership',
  'role-yibashou': 'dept-heads',
  'role-qxz': 'district-heads',
};

/** A role from an old registry entry's id, or failing that from its name. */
function roleOf(unit: Pick<Unit, 'id' | 'name'>): LeaderRole {
  const known = ROLE_OF_ENTRY[unit.id];
  if (known) return known;
  if (/副市长|市长/.test(unit.name)) return 'vice-mayor';
  if (/区县长|县长|区长/.test(unit.name)) return 'district-heads';
  if (/主要负责|一把手/.test(unit.name)) return 'dept-heads';
  if (/领导班子/.test(unit.name)) return 'leadership';
  return 'other';
}

/** A leader made from a registry entry of the parser's kind 'leader'. */
function fromUnit(u: Unit): Leader {
  return { id: u.id, name: u.name, role: roleOf(u), aliases: [...u.aliases], units: [], tasks: [] };
}

/** The leaders a first start knows: the roles a speech names (from the parser's registry). */
export const DEFAULT_LEADERS: readonly Leader[] = Object.freeze(DEFAULT_UNITS.filter((u) => u.kind === 'leader').map(fromUnit));

/** The app's registry: every unit that is not a leader. */
export function registryUnits(units: readonly Unit[]): Unit[] {
  return units.filter((u) => u.kind !== 'leader');
}

/** Leaders in the parser's vocabulary, so a speech's 各位副市长 is still read as a role. */
export function leadersAsUnits(leaders: readonly Leader[]): Unit[] {
  return leaders.map((l) => ({ id: l.id, name: l.name, kind: 'leader', aliases: [...l.aliases], keywords: [] }));
}

/**
 * legacy: registries stored before leaders had their own list hold them as units of kind 'leader'.
 * Those entries become leaders (kept in their order); the rest stays the registry.
 */
export function splitLegacyRegistry(units: readonly Unit[]): { units: Unit[]; leaders: Leader[] } {
  return { units: registryUnits(units), leaders: units.filter((u) => u.kind === 'leader').map(fromUnit) };
}

/** Leaders by every name that means them (name and aliases). */
function leaderByName(leaders: readonly Leader[]): Map<string, Leader> {
  const m = new Map<string, Leader>();
  for (const l of leaders) for (const n of [l.name, ...l.aliases]) if (!m.has(n)) m.set(n, l);
  return m;
}

/**
 * Moves owners that name a leader out of the tasks into the leader's `tasks`. Returns the same
 * objects when nothing names a leader, so a store can tell that nothing changed. Pure and
 * deterministic: every office that takes up the same plan separates it the same way.
 */
export function separateLeaders(plan: Plan, leaders: readonly Leader[]): { plan: Plan; leaders: Leader[]; moved: number } {
  const byName = leaderByName(leaders);
  const added = new Map<string, string[]>();
  let moved = 0;
  let tasks: Task[] | null = null;
  plan.tasks.forEach((task, i) => {
    const hits = task.owners.filter((o) => byName.has(o.name));
    if (!hits.length) return;
    tasks ??= [...plan.tasks];
    tasks[i] = { ...task, owners: task.owners.filter((o) => !byName.has(o.name)) };
    for (const o of hits) {
      const l = byName.get(o.name)!;
      const list = added.get(l.id) ?? [];
      if (!list.includes(task.id)) list.push(task.id);
      added.set(l.id, list);
      moved++;
    }
  });
  if (!tasks) return { plan, leaders: [...leaders], moved: 0 };
  const next = leaders.map((l) => {
    const more = (added.get(l.id) ?? []).filter((id) => !l.tasks.includes(id));
    return more.length ? { ...l, tasks: [...l.tasks, ...more] } : l;
  });
  return { plan: { ...plan, tasks }, leaders: next, moved };
}

/** The tasks in a leader's portfolio: assigned to the leader, or owned by a unit the leader oversees. */
export function tasksOverseenBy(plan: Plan, leader: Leader): Task[] {
  const aliases = plan.mergedInto ?? {};
  const direct = new Set(leader.tasks.map((id) => resolveTaskId(aliases, id)));
  const units = new Set(leader.units);
  return plan.tasks.filter((t) => direct.has(t.id) || t.owners.some((o) => units.has(o.name)));
}

/** Leaders with at least one task in their portfolio, for the dashboard's filter. */
export function leadersWithTasks(plan: Plan, leaders: readonly Leader[]): Leader[] {
  return leaders.filter((l) => tasksOverseenBy(plan, l).length > 0);
}

/**
 * Leaders of unknown shape (storage, a file), one by one. Null when there is no list at all (data
 * from before leaders had one): the caller then migrates them from the registry.
 */
export function restoreLeaders(raw: unknown, setAside: (where: string, reason: string, value: unknown) => void): Leader[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) {
    setAside('领导', '领导名单不是数组', raw);
    return null;
  }
  const out: Leader[] = [];
  const seen = new Set<string>();
  raw.forEach((v, i) => {
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string' && s.length > 0) : []);
    const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    const candidate = o
      ? {
          id: typeof o.id === 'string' ? o.id : '',
          name: typeof o.name === 'string' ? o.name : '',
          role: LeaderRoleSchema.safeParse(o.role).success ? o.role : 'other',
          aliases: strings(o.aliases),
          units: strings(o.units),
          tasks: strings(o.tasks),
        }
      : v;
    const r = LeaderSchema.safeParse(candidate);
    if (!r.success) {
      setAside(`领导 #${i + 1}`, '缺少编号或名称', v);
      return;
    }
    if (seen.has(r.data.id)) {
      setAside(`领导 #${i + 1}`, `编号 ${r.data.id} 重复，保留了第一条`, v);
      return;
    }
    seen.add(r.data.id);
    out.push(r.data);
  });
  return out;
}
