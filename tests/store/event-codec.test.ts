/**
 * Every event type through every layout that stores events: a journal record, a sealed chunk,
 * the v2 one-key layout (migrated into the log), signed and unsigned, with the fields the 督办
 * cycle added present, null or absent; and tuples exactly as earlier releases wrote them.
 */
import { canonicalJson, type PersistedData } from '@/domain/merge';
import { EventSchema, OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { emptyTrust, pinKey, signEvent, verifyRecords } from '@/domain/signing/signing';
import { memoryKeyring } from '@/lib/keyring';
import { decodeText, encodeChunk, encodeRecord, packId, serializeV2 } from '@/store/codec';
import { MAIN_KEY } from '@/store/keys';
import { chunkPrefix, decodeLog, journalPrefix } from '@/store/log';
import { samplePlan, sampleUnits } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { makeStore, storedEvents } from './helpers';

const DSJ = '市大数据局';
const SHA = 'ab'.repeat(32);
const planId = samplePlan.id;

let n = 0;
/** A base record: UUID ids (packed in storage) and ISO times (stored as numbers), one second apart. */
const at = (unit: string, note = '') => {
  n++;
  return {
    id: `0f8fad5b-d9cb-469f-a165-${n.toString(16).padStart(12, '0')}`,
    at: new Date(Date.parse('2026-03-01T01:00:00.000Z') + n * 1000).toISOString(),
    unit,
    taskId: 't2',
    note,
  };
};

/** One or more events of every type, each variant of the optional and later fields. */
const EVERY_TYPE: PlanEvent[] = [
  { ...at(DSJ, '平台已上线'), type: 'tick', done: true, attachments: [{ name: '验收报告.pdf', size: 1024, sha256: SHA }] },
  { ...at(DSJ, '两份佐证'), type: 'tick', done: true, attachments: [{ name: 'a.pdf', size: 1, sha256: SHA }, { name: 'b.jpg', size: 0, sha256: SHA }] },
  { ...at(DSJ, '无附件'), type: 'tick', done: true, attachments: [] },
  { ...at(DSJ, '撤回'), type: 'tick', done: false },
  { ...at(DSJ), type: 'progress', percent: 45 },
  { ...at(DSJ), type: 'status', status: 'blocked' },
  { ...at(DSJ, '设备未到'), type: 'extension-request', requestedDue: '2026-06-30' },
  { ...at(OFFICE_NAME), type: 'extension-decision', requestId: 'req-1', approved: true, newDue: '2026-06-30' },
  { ...at(OFFICE_NAME, '不予延期'), type: 'extension-decision', requestId: 'req-2', approved: false, newDue: null },
  { ...at(OFFICE_NAME), type: 'review', accepted: true, grade: '优秀' },
  { ...at(OFFICE_NAME, '退回'), type: 'review', accepted: false, grade: null },
  { ...at(OFFICE_NAME, '请加快'), type: 'urge', replyBy: '2026-03-05', method: 'phone' },
  { ...at(OFFICE_NAME), type: 'urge', replyBy: '2026-03-06' },
  { ...at(OFFICE_NAME), type: 'urge', replyBy: null, method: null },
  { ...at(OFFICE_NAME), type: 'urge', replyBy: null },
  // A method without a reply deadline: the later field after the gap travels in the extras.
  { ...at(OFFICE_NAME), type: 'urge', method: 'onsite' },
  // Written before the cycle: no reply deadline, no method.
  { ...at(OFFICE_NAME, '旧的催办'), type: 'urge' },
  { ...at(OFFICE_NAME), type: 'inspection', date: '2026-03-03', finding: 'not-done' },
  { ...at(OFFICE_NAME), type: 'notice', kind: 'commend' },
  { ...at(OFFICE_NAME), type: 'flag', flagged: true },
  { ...at(OFFICE_NAME, '按期报送'), type: 'assign', year: 2026, number: 7, replyBy: '2026-03-10' },
  { ...at(OFFICE_NAME), type: 'assign', year: 2026, number: 8, replyBy: null },
  { ...at(DSJ), type: 'receipt', handler: '王敏', phone: '0571-87001234' },
  { ...at(DSJ, '本周完成'), type: 'reply', urgeId: '0f8fad5b-d9cb-469f-a165-00000000000c' },
  { ...at(DSJ, '一并答复'), type: 'reply', urgeId: null },
  // Ids that are not UUIDs, and one that starts with `~`, stay as written.
  { ...at(DSJ), id: 'legacy-1', type: 'progress', percent: 0 },
  { ...at(DSJ), id: '~tilde', type: 'tick', done: false },
];

async function signedAndUnsigned() {
  const ring = memoryKeyring();
  const office = await ring.ensure(OFFICE_NAME);
  const unit = await ring.ensure(DSJ);
  const signed = await Promise.all(EVERY_TYPE.map((e) => signEvent(e, planId, (e.unit === OFFICE_NAME ? office : unit).signer)));
  const unsigned = EVERY_TYPE.map((e) => ({ ...e, id: `${e.id}-plain` }));
  const trust = pinKey(pinKey(emptyTrust(), OFFICE_NAME, office.info, new Date()), DSJ, unit.info, new Date());
  return { signed, unsigned, trust, office, unit };
}

const same = (got: readonly unknown[], want: readonly unknown[]) => {
  expect(got).toHaveLength(want.length);
  const byId = new Map((got as PlanEvent[]).map((e) => [e.id, e]));
  for (const e of want as PlanEvent[]) expect(canonicalJson(byId.get(e.id))).toBe(canonicalJson(e));
};

describe('every event type in storage', () => {
  it('the samples are valid events and cover every type', () => {
    for (const e of EVERY_TYPE) expect(EventSchema.safeParse(e).success).toBe(true);
    const types = new Set(EVERY_TYPE.map((e) => e.type));
    expect([...types].sort()).toEqual(EventSchema.options.map((o) => o.shape.type.value).sort());
  });

  it('journal records: each event back exactly, signed and unsigned, every signature verifying', async () => {
    const { signed, unsigned, trust } = await signedAndUnsigned();
    for (const e of [...signed, ...unsigned]) {
      const loaded = decodeLog(planId, [[`${journalPrefix(planId)}${e.id}`, encodeRecord(e)]]);
      expect(loaded.setAside).toEqual([]);
      expect(loaded.damaged).toEqual([]);
      same(loaded.events, [e]);
    }
    const back = signed.map((e) => decodeLog(planId, [[`${journalPrefix(planId)}${e.id}`, encodeRecord(e)]]).events[0]!);
    const v = await verifyRecords(back, trust, { planId });
    expect(v.refused).toEqual([]);
    expect(v.accepted).toHaveLength(signed.length);
  });

  it('a sealed chunk of all of them, and the v2 one-key layout, give every event back exactly', async () => {
    const { signed, unsigned, trust } = await signedAndUnsigned();
    const all = [...signed, ...unsigned];
    const chunk = decodeLog(planId, [[`${chunkPrefix(planId)}a`, encodeChunk(all)]]);
    expect(chunk.setAside).toEqual([]);
    same(chunk.events, all);
    const data = { plan: samplePlan, units: sampleUnits, leaders: [], events: all, issued: [], identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] } satisfies PersistedData;
    const v2 = decodeText(serializeV2(data), new Date('2026-03-10T00:00:00Z'));
    expect(v2.report.setAside).toEqual([]);
    same(v2.events, all);
    const v = await verifyRecords(chunk.events.filter((e) => e.sig), trust, { planId });
    expect(v.refused).toEqual([]);
    expect(v.accepted).toHaveLength(signed.length);
  });

  it('a v2 key holding every type moves into the log, and a reload reads them all back exactly', async () => {
    const { signed, unsigned } = await signedAndUnsigned();
    const all = [...signed, ...unsigned];
    const st = new FakeStorage();
    st.setItem(MAIN_KEY, serializeV2({ plan: samplePlan, units: sampleUnits, leaders: [], events: all, issued: [], identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] }));
    const s = makeStore(st);
    await s.eventsSettled();
    expect(s.getState().storage.recovery).toBeNull();
    expect(JSON.parse(st.getItem(MAIN_KEY)!)).toMatchObject({ version: 3 });
    same(storedEvents(st), all);
    s.destroy();
    same(makeStore(st).getState().events, all);
  });

  it('a tuple stops before the later fields an event lacks, so records of older releases keep their length', async () => {
    const { signed } = await signedAndUnsigned();
    const byNote = (type: string, note: string) => signed.find((e) => e.type === type && e.note === note)!;
    const oldUrge = byNote('urge', '旧的催办');
    const untick = byNote('tick', '撤回');
    const record = (e: PlanEvent) => JSON.parse(encodeRecord(e)) as unknown[];
    // [code, id, at, unit, taskId, note, …fields, sig]: as the signing release wrote them.
    expect(record(oldUrge)).toEqual(['u', packId(oldUrge.id), Date.parse(oldUrge.at), OFFICE_NAME, 't2', '旧的催办', `${oldUrge.sig!.key}.${oldUrge.sig!.value}`]);
    expect(record(untick)).toEqual(['k', packId(untick.id), Date.parse(untick.at), DSJ, 't2', '撤回', 0, `${untick.sig!.key}.${untick.sig!.value}`]);
    expect(record({ ...oldUrge, sig: undefined } as PlanEvent)).toHaveLength(6);
    const gap = signed.find((e) => e.type === 'urge' && 'method' in e && !('replyBy' in e))!;
    expect(record(gap).at(-1)).toEqual({ method: 'onsite' });
  });

  it('reads tuples as earlier releases stored them: v2 (signing) and the v3 journal, cycle fields absent or in the extras', async () => {
    const { office, unit } = await signedAndUnsigned();
    const urge: PlanEvent = { ...at(OFFICE_NAME, '请报进展'), type: 'urge' };
    const tick: PlanEvent = { ...at(DSJ, '已完成'), type: 'tick', done: true };
    const withFiles: PlanEvent = { ...at(DSJ, '附佐证'), type: 'tick', done: true, attachments: [{ name: 'x.pdf', size: 9, sha256: SHA }] };
    const plainUrge: PlanEvent = { ...at(OFFICE_NAME), type: 'urge' };
    const [su, sk, sf] = [await signEvent(urge, planId, office.signer), await signEvent(tick, planId, unit.signer), await signEvent(withFiles, planId, unit.signer)];
    const head = (e: PlanEvent, u: unknown) => [e.type === 'urge' ? 'u' : 'k', packId(e.id), Date.parse(e.at), u, e.taskId, e.note];
    // v2 as the signing release wrote it: the unit an index into names, the key one into sigKeys.
    const v2 = {
      version: 2,
      state: {
        plan: samplePlan,
        units: sampleUnits,
        names: [OFFICE_NAME, DSJ],
        sigKeys: [office.info.keyId, unit.info.keyId],
        ev: [[...head(su, 0), `0.${su.sig!.value}`], [...head(sk, 1), 1, `1.${sk.sig!.value}`], [...head(plainUrge, 0)]],
        identity: { kind: 'office' },
        planSetAt: samplePlan.updatedAt,
        dropped: [],
      },
    };
    const fromV2 = decodeText(JSON.stringify(v2), new Date('2026-03-10T00:00:00Z'));
    expect(fromV2.report.setAside).toEqual([]);
    same(fromV2.events, [su, sk, plainUrge]);
    // The v3 journal before the cycle: a key id in the signature, a field it did not know in the extras.
    const journal = decodeLog(planId, [
      [`${journalPrefix(planId)}${su.id}`, JSON.stringify([...head(su, OFFICE_NAME), `${su.sig!.key}.${su.sig!.value}`])],
      [`${journalPrefix(planId)}${sk.id}`, JSON.stringify([...head(sk, DSJ), 1, `${sk.sig!.key}.${sk.sig!.value}`])],
      [`${journalPrefix(planId)}${sf.id}`, JSON.stringify([...head(sf, DSJ), 1, `${sf.sig!.key}.${sf.sig!.value}`, { attachments: withFiles.attachments }])],
    ]);
    expect(journal.setAside).toEqual([]);
    same(journal.events, [su, sk, sf]);
  });
});
