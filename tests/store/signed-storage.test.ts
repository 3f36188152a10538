/** Signed events survive the compact storage layout exactly, so their signatures still verify after a reload. */
import { canonicalJson, type PersistedData } from '@/domain/merge';
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { emptyTrust, pinKey, signEvent, verifyRecords } from '@/domain/signing/signing';
import { memoryKeyring } from '@/lib/keyring';
import { decodeText, serialize } from '@/store/codec';
import { samplePlan, sampleUnits } from '../fixtures/storage/build-sample';

describe('signed events in storage', () => {
  it('come back byte for byte, unsigned ones beside them unchanged', async () => {
    const ring = memoryKeyring();
    const office = await ring.ensure(OFFICE_NAME);
    const unit = await ring.ensure('市大数据局');
    const raw: PlanEvent[] = [
      { id: '0f8fad5b-d9cb-469f-a165-70867728950e', at: '2026-03-01T08:00:00.000Z', unit: OFFICE_NAME, taskId: 't1', note: '', type: 'urge' },
      { id: 'e2', at: '2026-03-02T08:00:00.000Z', unit: '市大数据局', taskId: 't2', note: '已上线', type: 'tick', done: true },
      { id: 'e3', at: '2026-03-03T08:00:00.000Z', unit: '市大数据局', taskId: 't2', note: '', type: 'progress', percent: 40 },
    ];
    const events = [await signEvent(raw[0]!, samplePlan.id, office.signer), await signEvent(raw[1]!, samplePlan.id, unit.signer), raw[2]!];
    const data: PersistedData = { plan: samplePlan, units: sampleUnits, leaders: [], events, issued: [], identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] };
    const text = serialize(data);
    expect(text.match(new RegExp(office.info.keyId, 'g'))).toHaveLength(1);
    const back = decodeText(text, new Date('2026-03-10T00:00:00Z'));
    expect(back.report.setAside).toEqual([]);
    expect(canonicalJson(back.events)).toBe(canonicalJson(events));
    const trust = pinKey(pinKey(emptyTrust(), OFFICE_NAME, office.info, new Date()), '市大数据局', unit.info, new Date());
    const v = await verifyRecords(back.events.slice(0, 2), trust, { planId: samplePlan.id });
    expect(v.accepted).toHaveLength(2);
  });

  it('keep the 督办 cycle\'s fields beside the signature, and read records stored before those fields existed exactly as they were', async () => {
    const ring = memoryKeyring();
    const office = await ring.ensure(OFFICE_NAME);
    const unit = await ring.ensure('市大数据局');
    const base = { taskId: 't2', note: '' };
    const sha = 'ab'.repeat(32);
    const raw: PlanEvent[] = [
      { ...base, id: 'a1', at: '2026-03-01T01:00:00.000Z', unit: OFFICE_NAME, type: 'assign', year: 2026, number: 7, replyBy: '2026-03-10', note: '按期报送' },
      { ...base, id: 'a2', at: '2026-03-01T01:30:00.000Z', unit: OFFICE_NAME, type: 'assign', year: 2026, number: 8, replyBy: null },
      { ...base, id: 'c1', at: '2026-03-01T02:00:00.000Z', unit: '市大数据局', type: 'receipt', handler: '王敏', phone: '0571-87001234' },
      { ...base, id: 'u1', at: '2026-03-02T02:00:00.000Z', unit: OFFICE_NAME, type: 'urge', replyBy: '2026-03-05', method: 'phone' },
      { ...base, id: 'u2', at: '2026-03-02T03:00:00.000Z', unit: OFFICE_NAME, type: 'urge', replyBy: '2026-03-06' },
      { ...base, id: 'y1', at: '2026-03-03T02:00:00.000Z', unit: '市大数据局', type: 'reply', urgeId: 'u1', note: '本周完成' },
      { ...base, id: 'y2', at: '2026-03-03T03:00:00.000Z', unit: '市大数据局', type: 'reply', urgeId: null, note: '一并答复' },
      { ...base, id: 'k1', at: '2026-03-04T02:00:00.000Z', unit: '市大数据局', type: 'tick', done: true, note: '已上线', attachments: [{ name: '验收报告.pdf', size: 1024, sha256: sha }] },
      { ...base, id: 'k2', at: '2026-03-04T03:00:00.000Z', unit: '市大数据局', type: 'tick', done: false, note: '撤回' },
      // Written before the cycle: no reply deadline, no method, no attachments.
      { ...base, id: 'u0', at: '2026-02-01T02:00:00.000Z', unit: OFFICE_NAME, type: 'urge' },
      { ...base, id: 'k0', at: '2026-02-01T03:00:00.000Z', unit: '市大数据局', type: 'tick', done: true, note: '旧' },
    ];
    const signed = await Promise.all(raw.map((e) => signEvent(e, samplePlan.id, (e.unit === OFFICE_NAME ? office : unit).signer)));
    // Unsigned copies beside them (legacy records and records not yet signed) keep their fields too.
    const unsigned = raw.map((e) => ({ ...e, id: `${e.id}-plain` }));
    const events = [...signed, ...unsigned];
    const data: PersistedData = { plan: samplePlan, units: sampleUnits, leaders: [], events, issued: [], identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] };
    const text = serialize(data);
    const back = decodeText(text, new Date('2026-03-10T00:00:00Z'));
    expect(back.report.setAside).toEqual([]);
    const byId = new Map(back.events.map((e) => [e.id, e]));
    for (const e of events) expect(canonicalJson(byId.get(e.id))).toBe(canonicalJson(e));
    const trust = pinKey(pinKey(emptyTrust(), OFFICE_NAME, office.info, new Date()), '市大数据局', unit.info, new Date());
    const v = await verifyRecords(signed.map((e) => byId.get(e.id)!), trust, { planId: samplePlan.id });
    expect(v.refused).toEqual([]);
    expect(v.accepted).toHaveLength(signed.length);

    // A record without the later fields is stored exactly as the signing release stored it
    // (its fields, then `<key>.<signature>`), so what that release wrote reads the same.
    const ev = (JSON.parse(text) as { state: { ev: unknown[][] } }).state.ev;
    const tuple = (id: string) => ev.find((t) => t[1] === id)!;
    expect(tuple('u0')).toHaveLength(7);
    expect(tuple('k0')).toHaveLength(8);
    expect(String(tuple('k0')[7])).toMatch(/^\d+\./);
    expect(tuple('u0-plain')).toHaveLength(6);
  });
});
