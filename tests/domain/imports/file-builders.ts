/** Sealed files with exactly the content a test needs, as a hostile or broken sender would make them. */
import { checksumOf, type DataState } from '@/domain/files';
import { OFFICE_NAME, type Plan, type PlanEvent } from '@/domain/model';
import { sampleEvents, samplePlan, sampleUnits } from '../../fixtures/storage/build-sample';

export const now = new Date('2026-03-10T00:00:00Z');
/** The office, holding the sample plan (3 tasks) and one record of every type. */
export const office: DataState = { plan: samplePlan, units: sampleUnits, events: sampleEvents, identity: { kind: 'office' } };
/** A department holding the same plan and only the office's records. */
export const department: DataState = {
  plan: samplePlan,
  units: sampleUnits,
  events: sampleEvents.filter((e) => e.unit === OFFICE_NAME),
  identity: { kind: 'unit', name: '市大数据局' },
};

export type Kind = 'luoshi/plan-package' | 'luoshi/progress-report' | 'luoshi/backup';

/** Any envelope, sealed with a correct checksum over whatever it holds. */
export async function sealed(fields: { kind: Kind | unknown; sender?: unknown; planId?: unknown; createdAt?: unknown; schemaVersion?: unknown; payload: unknown }): Promise<string> {
  const head = { schemaVersion: 1, planId: samplePlan.id, createdAt: now.toISOString(), sender: OFFICE_NAME, ...fields } as Parameters<typeof checksumOf>[0];
  return JSON.stringify({ ...head, checksum: await checksumOf(head) }, null, 1);
}

/** A plan package of the sample plan, edited later than the copy both sides hold. */
export function packageOf(plan: unknown, extra: { sender?: string; events?: unknown[] } = {}): Promise<string> {
  return sealed({
    kind: 'luoshi/plan-package',
    sender: extra.sender ?? OFFICE_NAME,
    payload: { plan, units: sampleUnits, events: extra.events ?? [] },
  });
}

export function reportOf(events: unknown[], sender = '市大数据局'): Promise<string> {
  return sealed({ kind: 'luoshi/progress-report', sender, payload: { events } });
}

export function backupOf(plan: unknown, events: unknown[] = sampleEvents): Promise<string> {
  return sealed({ kind: 'luoshi/backup', sender: OFFICE_NAME, payload: { plan, units: sampleUnits, events, identity: { kind: 'office' }, dropped: [] } });
}

/** The sample plan as the office edits it a day later. */
export const newerPlan = (over: Partial<Plan> | Record<string, unknown> = {}): Plan => ({ ...samplePlan, updatedAt: '2026-03-09T08:00:00.000Z', ...over }) as Plan;

export const dsj = (over: Partial<PlanEvent> | Record<string, unknown> = {}): PlanEvent =>
  ({ id: 'r1', at: '2026-03-05T00:00:00.000Z', unit: '市大数据局', taskId: 't2', note: '平台已上线', type: 'progress', percent: 60, ...over }) as PlanEvent;

/** Every sentence a user can read in a preview: the error, the summary, each reason and label, each correction. */
export function messagesOf(p: { error: string | null; summary: string; refused: { label: string; reason?: string }[]; toConfirm: { label: string; reason?: string }[]; present: { reason?: string }[]; repaired: string[] }): string[] {
  return [p.error ?? '', p.summary, ...p.refused.flatMap((i) => [i.label, i.reason ?? '']), ...p.toConfirm.flatMap((i) => [i.label, i.reason ?? '']), ...p.present.map((i) => i.reason ?? ''), ...p.repaired].filter(Boolean);
}

/**
 * A message that came from a JavaScript or zod engine rather than from us: after taking out the
 * quoted bad values (“…”), three or more English words in a row, or an engine's stock phrase.
 */
export function engineText(message: string): string | null {
  const outside = message.replace(/“[^”]*”/g, '“”');
  const m = /\b[A-Za-z]+(?:[\s,.;:'’]+[A-Za-z]+){2,}/.exec(outside) ?? /\b(?:undefined|NaN|null|Infinity|Unexpected|Invalid|expected|received|Cannot|object Object)\b/.exec(outside);
  return m ? m[0] : null;
}
