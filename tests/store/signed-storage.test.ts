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
    const data: PersistedData = { plan: samplePlan, units: sampleUnits, events, identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] };
    const text = serialize(data);
    expect(text.match(new RegExp(office.info.keyId, 'g'))).toHaveLength(1);
    const back = decodeText(text, new Date('2026-03-10T00:00:00Z'));
    expect(back.report.setAside).toEqual([]);
    expect(canonicalJson(back.events)).toBe(canonicalJson(events));
    const trust = pinKey(pinKey(emptyTrust(), OFFICE_NAME, office.info, new Date()), '市大数据局', unit.info, new Date());
    const v = await verifyRecords(back.events.slice(0, 2), trust, { planId: samplePlan.id });
    expect(v.accepted).toHaveLength(2);
  });
});
