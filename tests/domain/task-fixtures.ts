/** Small builders for plans and tasks used by the lists/checklist domain tests. */
import type { Deadline, OwnerRef, Plan, Section, Task } from '@/domain/model';

export function owner(name: string, role: 'lead' | 'co' = 'lead', inferred = false): OwnerRef {
  return { name, role, inferred };
}

export function deadline(due: string | null, label = due ?? '常态化'): Deadline {
  return { label, due, recurrence: null, kind: due ? 'date' : 'ongoing', inferred: false };
}

let seq = 0;
export function task(partial: Partial<Task> = {}): Task {
  seq += 1;
  return {
    id: partial.id ?? `t${seq}`,
    title: partial.title ?? `任务${seq}`,
    quote: partial.quote ?? partial.title ?? `任务${seq}`,
    source: { start: 0, end: 0 },
    sectionId: null,
    owners: [],
    deadline: deadline('2024-12-31', '年底前'),
    flagged: false,
    ...partial,
  };
}

export function section(id: string, parentId: string | null = null, title = id): Section {
  return { id, title, number: '', level: parentId ? 2 : 1, parentId, source: { start: 0, end: 0 } };
}

export function plan(tasks: Task[], sections: Section[] = [], extra: Partial<Plan> = {}): Plan {
  return {
    schemaVersion: 1,
    title: '测试计划',
    year: 2024,
    sections,
    tasks,
    targets: [],
    warnings: [],
    id: 'plan-1',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    sourceText: '',
    targetValues: {},
    targetActuals: {},
    ...extra,
  };
}
