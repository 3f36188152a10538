/** Builders for the dashboard/scoring/supervision tests: plans, tasks and events by name. */
import type { Plan, PlanEvent, Section, Task, Unit } from '@/domain/model';

let seq = 0;
export function mkTask(id: string, lead: string | string[], due: string | null, extra: Partial<Task> = {}): Task {
  const leads = Array.isArray(lead) ? lead : [lead];
  return {
    id,
    title: extra.title ?? `任务${id}`,
    quote: extra.quote ?? `任务${id}`,
    source: { start: 0, end: 0 },
    sectionId: null,
    owners: leads.map((name) => ({ name, role: 'lead' as const, inferred: false })),
    deadline: { label: due ?? '常态化', due, recurrence: null, kind: due ? 'date' : 'ongoing', inferred: false },
    flagged: false,
    ...extra,
  };
}

export function mkSection(id: string, number: string, title: string, parentId: string | null = null): Section {
  return { id, title, number, level: parentId ? 2 : 1, parentId, source: { start: 0, end: 0 } };
}

export function mkPlan(tasks: Task[], extra: Partial<Plan> = {}): Plan {
  return {
    schemaVersion: 1,
    title: '测试计划',
    year: 2025,
    sections: [],
    tasks,
    targets: [],
    warnings: [],
    id: 'plan-test',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    sourceText: '',
    targetValues: {},
    targetActuals: {},
    ...extra,
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Body = DistributiveOmit<PlanEvent, 'id' | 'at' | 'unit' | 'taskId' | 'note'> & { note?: string };
/** An event on a day (China noon, so the day is the same in UTC and in China time). */
export function ev(taskId: string, day: string, body: Body, unit = '市政府办公室'): PlanEvent {
  seq++;
  return { id: `e${String(seq).padStart(5, '0')}`, at: `${day}T04:00:00.000Z`, unit, taskId, note: '', ...body } as PlanEvent;
}

export function mkUnit(name: string, kind: Unit['kind'] = 'department'): Unit {
  return { id: name, name, kind, aliases: [], keywords: [] };
}
