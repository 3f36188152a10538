/**
 * The plan slice: the plan, the unit registry and every edit to them. Each edit stamps
 * plan.updatedAt (the merge between tabs keeps the newer plan) and pushes an undo step that puts
 * the previous plan and units back. Undo restores a snapshot rather than replaying an inverse:
 * plan edits are local, never sent as events, so a snapshot is exact.
 */
import { parseIsoTime, type OwnerRef, type Plan, type PlanEvent, type Task, type Unit } from '@/domain/model';
import { sortEvents } from '@/domain/events';
import { separateLeaders, type Leader } from '@/domain/leaders/leaders';
import { localDay } from '@/lib/ids';
import type { PlanSlice } from '@/store/api';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { refuseUnlessOffice } from '@/store/slices/signing';

/** What a structural undo puts back. */
export interface PlanSnapshot {
  plan: Plan;
  units: Unit[];
  leaders: Leader[];
}

/**
 * A plan (or new tasks) taken up by this browser: every task without a 交办日期 is handed over
 * today (the local day), and owners that name a leader move to the leader's portfolio.
 */
export function intakePlan(plan: Plan, leaders: readonly Leader[], now: Date): { plan: Plan; leaders: Leader[] } {
  const today = localDay(now);
  const stamped = plan.tasks.some((t) => !t.assignedOn) ? { ...plan, tasks: plan.tasks.map((t) => (t.assignedOn ? t : { ...t, assignedOn: today })) } : plan;
  const sep = separateLeaders(stamped, leaders);
  return { plan: sep.plan, leaders: sep.leaders };
}

export function createPlanSlice(set: SetState, get: GetState, ctx: StoreContext, initial: PlanSnapshot & { planSetAt: string }): PlanSlice {
  const stamp = (plan: Plan): Plan => ({ ...plan, updatedAt: laterIso(ctx.now(), plan.updatedAt) });

  /** Applies an edit of plan/units/leaders with an undo step that restores the state before it. */
  const edit = (label: string, fn: (s: PlanSnapshot) => PlanSnapshot | null, toast?: string): boolean => {
    const before: PlanSnapshot = { plan: get().plan, units: get().units, leaders: get().leaders };
    const after = fn(before);
    if (!after) return false;
    set({ plan: stamp(after.plan), units: after.units, leaders: after.leaders });
    ctx.pushUndo({
      label,
      toast,
      run: () => set({ plan: stamp(before.plan), units: before.units, leaders: before.leaders }),
    });
    return true;
  };

  const patchTask = (s: PlanSnapshot, id: string, f: (t: Task) => Task): PlanSnapshot | null => {
    const i = s.plan.tasks.findIndex((t) => t.id === id);
    if (i < 0) return null;
    const tasks = [...s.plan.tasks];
    tasks[i] = f(tasks[i]!);
    return { ...s, plan: { ...s.plan, tasks } };
  };

  const uniqueId = (taken: Set<string>, wanted?: string): string => {
    if (wanted && !taken.has(wanted)) return wanted;
    let id = `t-${ctx.newId()}`;
    while (taken.has(id)) id = `t-${ctx.newId()}`;
    return id;
  };

  return {
    plan: initial.plan,
    units: initial.units,
    leaders: initial.leaders,
    planSetAt: initial.planSetAt,

    replacePlan: (incoming) => {
      const s = get();
      // A backup of what is replaced comes first, always: the UI confirmed, but people regret.
      ctx.persistence.backup(
        { plan: s.plan, units: s.units, leaders: s.leaders, events: s.events, issued: s.issued, identity: s.identity, planSetAt: s.planSetAt, dropped: s.dropped },
        `替换计划前的自动备份（${s.plan.title || '未命名计划'}）`,
      );
      const before = { plan: s.plan, units: s.units, leaders: s.leaders, events: s.events };
      // A new plan's portfolios start afresh: the leaders keep their units, not the old plan's tasks.
      const fresh = incoming.id === s.plan.id ? s.leaders : s.leaders.map((l) => (l.tasks.length ? { ...l, tasks: [] } : l));
      const { plan, leaders } = intakePlan(incoming, fresh, ctx.now());
      // Events belong to tasks of a plan: a different plan starts a new log (the old one is in the backup).
      const events = plan.id === s.plan.id ? s.events : [];
      set({ plan: stamp(plan), leaders, events, planSetAt: ctx.now().toISOString() });
      ctx.pushUndo({
        label: '替换计划',
        toast: '已替换计划（原计划已自动备份）',
        run: () =>
          set({
            plan: stamp(before.plan),
            units: before.units,
            leaders: before.leaders,
            events: mergeBack(before.events, get().events, before.plan.id === get().plan.id),
            planSetAt: ctx.now().toISOString(),
          }),
      });
    },

    addItems: ({ tasks, targets, sourceText }) => {
      edit(`添加 ${tasks.length} 项任务`, (s) => {
        const taskIds = new Set(s.plan.tasks.map((t) => t.id));
        const added = tasks.map((t) => {
          const id = uniqueId(taskIds, t.id);
          taskIds.add(id);
          return id === t.id ? t : { ...t, id };
        });
        const targetIds = new Set(s.plan.targets.map((t) => t.id));
        const addedTargets = targets.map((t) => {
          const id = targetIds.has(t.id) ? `g-${ctx.newId()}` : t.id;
          targetIds.add(id);
          return id === t.id ? t : { ...t, id };
        });
        const plan = { ...s.plan, tasks: [...s.plan.tasks, ...added], targets: [...s.plan.targets, ...addedTargets] };
        const taken = intakePlan(sourceText === undefined ? plan : { ...plan, sourceText }, s.leaders, ctx.now());
        return { ...s, plan: taken.plan, leaders: taken.leaders };
      }, `已添加 ${tasks.length} 项任务`);
    },

    updateTask: (id, patch) => {
      edit('修改任务', (s) => patchTask(s, id, (t) => ({ ...t, ...patch, id: t.id })));
    },

    setOwners: (id, owners: OwnerRef[]) => {
      edit('修改责任单位', (s) => patchTask(s, id, (t) => ({ ...t, owners })));
    },

    addTask: (task) => {
      const taken = new Set(get().plan.tasks.map((t) => t.id));
      const id = uniqueId(taken, task.id);
      edit('新增任务', (s) => {
        const taken = intakePlan({ ...s.plan, tasks: [...s.plan.tasks, { ...task, id }] }, s.leaders, ctx.now());
        return { ...s, plan: taken.plan, leaders: taken.leaders };
      });
      return id;
    },

    deleteTask: (id) => {
      edit('删除任务', (s) => {
        if (!s.plan.tasks.some((t) => t.id === id)) return null;
        // The task's events stay in the log (append-only); they simply no longer count.
        return { ...s, plan: { ...s.plan, tasks: s.plan.tasks.filter((t) => t.id !== id) } };
      }, '已删除任务');
    },

    splitTask: (id, at) => {
      const task = get().plan.tasks.find((t) => t.id === id);
      if (!task) return null;
      const parts = splitParts(task, at, get().plan.sourceText);
      if (!parts) return null;
      const taken = new Set(get().plan.tasks.map((t) => t.id));
      const secondId = uniqueId(taken);
      edit('拆分任务', (s) => {
        const i = s.plan.tasks.findIndex((t) => t.id === id);
        const tasks = [...s.plan.tasks];
        // The first part keeps the id, so the events already written stay with it.
        tasks.splice(i, 1, { ...task, ...parts[0] }, { ...task, ...parts[1], id: secondId });
        return { ...s, plan: { ...s.plan, tasks } };
      }, '已拆分为两项任务');
      return [id, secondId];
    },

    mergeTasks: (ids) => {
      const plan = get().plan;
      const list = [...new Set(ids)].map((id) => plan.tasks.find((t) => t.id === id)).filter((t): t is Task => !!t);
      if (list.length < 2) return null;
      const [first, ...rest] = list as [Task, ...Task[]];
      edit(`合并 ${list.length} 项任务`, (s) => {
        const owners = [...first.owners];
        for (const t of rest) for (const o of t.owners) if (!owners.some((x) => x.name === o.name)) owners.push({ ...o, role: 'co' });
        const merged: Task = {
          ...first,
          owners,
          quote: [first.quote, ...rest.map((t) => t.quote)].filter(Boolean).join('\n'),
          flagged: list.some((t) => t.flagged),
        };
        const gone = new Set(rest.map((t) => t.id));
        const mergedInto = { ...(s.plan.mergedInto ?? {}) };
        // Events are never rewritten: the alias makes the old ids' events count for the first task.
        for (const t of rest) mergedInto[t.id] = first.id;
        const tasks = s.plan.tasks.filter((t) => !gone.has(t.id)).map((t) => (t.id === first.id ? merged : t));
        return { ...s, plan: { ...s.plan, tasks, mergedInto } };
      }, `已合并 ${list.length} 项任务`);
      return first.id;
    },

    setTargetValue: (targetId, value) => {
      edit('修改目标值', (s) => ({ ...s, plan: { ...s.plan, targetValues: { ...s.plan.targetValues, [targetId]: value } } }));
    },

    setTargetActual: (targetId, quarter, value) => {
      edit('修改目标完成值', (s) => {
        const prev = s.plan.targetActuals[targetId] ?? [null, null, null, null];
        const next: [number | null, number | null, number | null, number | null] = [...prev];
        next[quarter - 1] = value;
        return { ...s, plan: { ...s.plan, targetActuals: { ...s.plan.targetActuals, [targetId]: next } } };
      });
    },

    upsertUnit: (unit) => {
      edit('修改单位', (s) => {
        const i = s.units.findIndex((u) => u.id === unit.id);
        const units = i < 0 ? [...s.units, unit] : s.units.map((u) => (u.id === unit.id ? unit : u));
        // Units travel with the plan: their change stamps the plan for the last-writer merge.
        return { ...s, units };
      });
    },

    removeUnit: (id) => {
      edit('删除单位', (s) => (s.units.some((u) => u.id === id) ? { ...s, units: s.units.filter((u) => u.id !== id) } : null), '已删除单位');
    },

    upsertLeader: (leader) => {
      refuseUnlessOffice(get());
      edit('修改领导分工', (s) => {
        const i = s.leaders.findIndex((l) => l.id === leader.id);
        const leaders = i < 0 ? [...s.leaders, leader] : s.leaders.map((l) => (l.id === leader.id ? leader : l));
        return { ...s, leaders };
      });
    },

    removeLeader: (id) => {
      refuseUnlessOffice(get());
      edit('删除领导', (s) => (s.leaders.some((l) => l.id === id) ? { ...s, leaders: s.leaders.filter((l) => l.id !== id) } : null), '已删除领导');
    },

    setTaskLeaders: (taskId, leaderIds) => {
      refuseUnlessOffice(get());
      edit('修改分管领导', (s) => {
        const want = new Set(leaderIds);
        let changed = false;
        const leaders = s.leaders.map((l) => {
          const has = l.tasks.includes(taskId);
          if (has === want.has(l.id)) return l;
          changed = true;
          return { ...l, tasks: has ? l.tasks.filter((x) => x !== taskId) : [...l.tasks, taskId] };
        });
        return changed ? { ...s, leaders } : null;
      });
    },
  };
}

/**
 * Undo of a replacement: the old plan's events come back; events written since under the same
 * plan (a replacement with the same id) are kept too, since the log only grows.
 */
function mergeBack(before: PlanEvent[], now: PlanEvent[], samePlan: boolean): PlanEvent[] {
  if (!samePlan) return before;
  const ids = new Set(before.map((e) => e.id));
  return sortEvents([...before, ...now.filter((e) => !ids.has(e.id))]);
}

const LAST_ISO_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO time strictly after `prev`, so two edits in one millisecond still order (last writer wins). */
export function laterIso(now: Date, prev: string): string {
  const iso = now.toISOString();
  // Only a real time with a four-digit year is stepped past: "+275760-09-13T…" parses, but one
  // millisecond later is no date at all (toISOString throws RangeError and the edit was lost).
  const p = parseIsoTime(prev);
  if (p !== null && p >= now.getTime() && p < LAST_ISO_TIME) return new Date(p + 1).toISOString();
  return iso;
}

/** The two halves of a task split at a character index of its quote (or title when it has none). */
function splitParts(task: Task, at: number, sourceText: string): [Partial<Task>, Partial<Task>] | null {
  const text = task.quote || task.title;
  if (!Number.isInteger(at) || at <= 0 || at >= text.length) return null;
  const a = text.slice(0, at);
  const b = text.slice(at);
  if (!a.trim() || !b.trim()) return null;
  const title = (s: string) => {
    const t = s.trim();
    return t.length > 80 ? `${t.slice(0, 79)}…` : t;
  };
  if (!task.quote) return [{ title: title(a) }, { title: title(b) }];
  // Keep the spans pointing into the speech when the quote is the speech's own text.
  const exact = sourceText.slice(task.source.start, task.source.end) === task.quote;
  const mid = task.source.start + at;
  return [
    { title: title(a), quote: a, source: exact ? { start: task.source.start, end: mid } : task.source },
    { title: title(b), quote: b, source: exact ? { start: mid, end: task.source.end } : task.source },
  ];
}
