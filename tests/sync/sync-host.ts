/**
 * A stand-in for the app's store behind the sync engine, for tests and the sync benchmark: the
 * same data (plan, units, an append-only log merged by id), the same notifications, nothing else.
 */
import { randomUUID } from 'node:crypto';
import { mergeEvents } from '@/domain/merge';
import { OFFICE_NAME, type Identity, type Plan, type PlanEvent, type Unit } from '@/domain/model';
import type { Leader } from '@/domain/leaders/leaders';
import type { NewEvent } from '@/store/api';
import type { KeyValue, SyncHost } from '@/sync/engine';
import type { SyncStatus } from '@/sync/status';
import { owner, plan as makePlan, task } from '../domain/task-fixtures';

/** Two departments and the office; A leads t1 (B co-owns it) and t3, B leads t2. */
export const A = '市发展和改革委员会';
export const B = '市教育局';
export const syncUnits: Unit[] = [
  { id: 'office', name: OFFICE_NAME, kind: 'office', aliases: [], keywords: [] },
  { id: 'fgw', name: A, kind: 'department', aliases: [], keywords: [] },
  { id: 'jyj', name: B, kind: 'department', aliases: [], keywords: [] },
];
export function syncPlan(id: string): Plan {
  return makePlan([task({ id: 't1', owners: [owner(A), owner(B, 'co')] }), task({ id: 't2', owners: [owner(B)] }), task({ id: 't3', owners: [owner(A)] })], [], { id });
}

export class FakeHost implements SyncHost {
  /** `leaders` only when the host was given them (the app's store has them; most tests sync units alone). */
  data: { plan: Plan; units: Unit[]; leaders?: Leader[]; events: PlanEvent[]; dropped: string[] };
  identity: Identity = { kind: 'office' };
  status: SyncStatus | null = null;
  copies: Array<{ reason: string; plan: Plan }> = [];
  private listeners = new Set<() => void>();

  constructor(plan: Plan, units: Unit[], events: PlanEvent[] = [], leaders?: Leader[]) {
    this.data = { plan, units, ...(leaders ? { leaders } : {}), events: [...events], dropped: [] };
  }

  read() {
    return this.data;
  }
  subscribe(fn: () => void) {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }
  private changed() {
    for (const l of [...this.listeners]) l();
  }
  apply(patch: { plan?: Plan; units?: Unit[]; leaders?: Leader[]; events?: PlanEvent[] }) {
    let { plan, units, leaders, events } = this.data;
    if (patch.plan) {
      if (patch.plan.id !== plan.id) events = [];
      plan = patch.plan;
    }
    if (patch.units) units = patch.units;
    if (patch.leaders) leaders = patch.leaders;
    if (patch.events) {
      const gone = new Set(this.data.dropped);
      events = mergeEvents(events, patch.events.filter((e) => !gone.has(e.id))).events;
    }
    this.data = { ...this.data, plan, units, ...(leaders ? { leaders } : {}), events };
    this.changed();
  }
  setIdentity(identity: Identity) {
    this.identity = identity;
  }
  setStatus(status: SyncStatus) {
    this.status = status;
  }
  keepCopy(data: { plan: Plan }, reason: string) {
    this.copies.push({ reason, plan: data.plan });
  }
  saved() {
    return Promise.resolve();
  }
  ready() {
    return Promise.resolve();
  }

  /** What the store's record() does: id, time and the writing unit filled in. */
  record(input: NewEvent, unit = this.identity.kind === 'office' ? OFFICE_NAME : this.identity.name): PlanEvent {
    const e = { ...input, note: input.note ?? '', id: randomUUID(), at: new Date().toISOString(), unit } as PlanEvent;
    this.data = { ...this.data, events: [...this.data.events, e] };
    this.changed();
    return e;
  }

  /** What the office's 领导分工 does: the leaders replaced, the plan untouched. */
  editLeaders(f: (l: Leader[]) => Leader[]) {
    this.data = { ...this.data, leaders: f(this.data.leaders ?? []) };
    this.changed();
  }

  editPlan(f: (p: Plan) => Plan) {
    const next = f(this.data.plan);
    const at = Math.max(Date.now(), Date.parse(this.data.plan.updatedAt) + 1);
    this.data = { ...this.data, plan: { ...next, updatedAt: new Date(at).toISOString() } };
    this.changed();
  }
}

export function memoryKv(): KeyValue & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

export async function until<T>(what: string, f: () => T | null | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
