/**
 * Signed events in storage: the v2 one-key layout (with `sigKeys`) still migrates, the v3 log
 * (journal records and sealed chunks) keeps every signature byte for byte, and the signed copy
 * that replaces an event a moment after it is written is persisted, wins on every read and
 * between tabs, and counts neither as a new event nor as a conflict.
 */
import { canonicalJson, type PersistedData } from '@/domain/merge';
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { emptyTrust, pinKey, signEvent, verifyRecords } from '@/domain/signing/signing';
import { memoryKeyring } from '@/lib/keyring';
import { decodeText, encodeChunk, encodeRecord, serialize, serializeV2 } from '@/store/codec';
import { LOG_PREFIX, MAIN_KEY } from '@/store/keys';
import { chunkPrefix, decodeLog, journalPrefix, SEAL_AT } from '@/store/log';
import { samplePlan, sampleUnits } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore, storedEvents } from './helpers';

const DSJ = '市大数据局';

async function signedSample() {
  const ring = memoryKeyring();
  const office = await ring.ensure(OFFICE_NAME);
  const unit = await ring.ensure(DSJ);
  const raw: PlanEvent[] = [
    { id: '0f8fad5b-d9cb-469f-a165-70867728950e', at: '2026-03-01T08:00:00.000Z', unit: OFFICE_NAME, taskId: 't1', note: '', type: 'urge' },
    { id: 'e2', at: '2026-03-02T08:00:00.000Z', unit: DSJ, taskId: 't2', note: '已上线', type: 'tick', done: true },
    { id: 'e3', at: '2026-03-03T08:00:00.000Z', unit: DSJ, taskId: 't2', note: '', type: 'progress', percent: 40 },
  ];
  const events = [await signEvent(raw[0]!, samplePlan.id, office.signer), await signEvent(raw[1]!, samplePlan.id, unit.signer), raw[2]!];
  const trust = pinKey(pinKey(emptyTrust(), OFFICE_NAME, office.info, new Date()), DSJ, unit.info, new Date());
  return { events, office, unit, trust };
}

const logKeys = (st: FakeStorage, kind: 'j' | 'c') =>
  [...st.map.keys()].filter((k) => k.startsWith(LOG_PREFIX + (kind === 'j' ? journalPrefix(samplePlan.id) : chunkPrefix(samplePlan.id))));

describe('signed events in storage', () => {
  it('a v2 key with signatures (sigKeys) migrates into the log, every signature still verifying', async () => {
    const { events, office, trust } = await signedSample();
    const data: PersistedData = { plan: samplePlan, units: sampleUnits, leaders: [], events, issued: [], identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] };
    const text = serializeV2(data);
    expect(text.match(new RegExp(office.info.keyId, 'g'))).toHaveLength(1);
    const back = decodeText(text, new Date('2026-03-10T00:00:00Z'));
    expect(back.report.setAside).toEqual([]);
    expect(canonicalJson(back.events)).toBe(canonicalJson(events));

    const st = new FakeStorage();
    st.setItem(MAIN_KEY, text);
    const s = makeStore(st);
    await s.eventsSettled();
    expect(canonicalJson(s.getState().events)).toBe(canonicalJson(events));
    expect(JSON.parse(st.getItem(MAIN_KEY)!)).toMatchObject({ version: 3 });
    const stored = storedEvents(st);
    expect(canonicalJson(stored)).toBe(canonicalJson(events));
    expect((await verifyRecords(stored.slice(0, 2), trust, { planId: samplePlan.id })).accepted).toHaveLength(2);
  });

  it('journal records and sealed chunks keep signatures byte for byte, a key id once per chunk', async () => {
    const { events, office, trust } = await signedSample();
    const chunk = encodeChunk(events);
    expect(chunk.match(new RegExp(office.info.keyId, 'g'))).toHaveLength(1);
    const entries: Array<[string, string]> = [
      [`${chunkPrefix(samplePlan.id)}a`, chunk],
      ...events.map((e): [string, string] => [`${journalPrefix(samplePlan.id)}${e.id}`, encodeRecord(e)]),
    ];
    for (const part of [entries.slice(0, 1), entries.slice(1)]) {
      const loaded = decodeLog(samplePlan.id, part);
      expect(loaded.setAside).toEqual([]);
      expect(loaded.damaged).toEqual([]);
      expect(canonicalJson(loaded.events)).toBe(canonicalJson(events));
      expect((await verifyRecords(loaded.events.slice(0, 2), trust, { planId: samplePlan.id })).accepted).toHaveLength(2);
    }
    // A signature is one string in the tuple: `<key>.<value>` in a record, `<index>.<value>` in a chunk.
    expect(JSON.parse(encodeRecord(events[1]!))).toContain(`${events[1]!.sig!.key}.${events[1]!.sig!.value}`);
    expect(chunk).toContain(`"0.${events[0]!.sig!.value}"`);
  });

  it('a signature of another shape is kept as it is (in the extras), for restore to judge', () => {
    const odd = { id: 'e9', at: '2026-03-02T08:00:00.000Z', unit: DSJ, taskId: 't2', note: '', type: 'urge', sig: { key: 'k.1', value: 'v', by: 'x' } };
    const back = decodeLog(samplePlan.id, [[`${journalPrefix(samplePlan.id)}e9`, encodeRecord(odd as unknown as PlanEvent)]]);
    expect(back.events).toHaveLength(0);
    expect(back.setAside).toHaveLength(1);
    expect(JSON.stringify(back.setAside[0]!.value)).toContain('"by":"x"');
  });

  it('a city-scale signed log stays out of localStorage: the working state does not grow with it', async () => {
    const { unit } = await signedSample();
    const base: PlanEvent = { id: 'x', at: '2026-03-02T08:00:00.000Z', unit: DSJ, taskId: 't2', note: '', type: 'tick', done: true };
    const signed = await signEvent(base, samplePlan.id, unit.signer);
    const events = Array.from({ length: 20_000 }, (_, i): PlanEvent => ({ ...signed, id: crypto.randomUUID(), at: new Date(Date.parse(base.at) + i * 1000).toISOString() }));
    const data: PersistedData = { plan: samplePlan, units: sampleUnits, leaders: [], events, issued: [], identity: { kind: 'office' }, planSetAt: samplePlan.updatedAt, dropped: [] };
    // The working state is the same text with or without the history.
    expect(serialize(data)).toBe(serialize({ ...data, events: [] }));
    const perEvent = (encodeChunk(events).length - encodeChunk([]).length) / events.length;
    // A signature is its 86 characters and an index: about 90 characters on top of the tuple.
    expect(perEvent).toBeLessThan(150);
  });
});

describe('the signed copy of a record just written', () => {
  it('replaces the record in the log: one event, signed, after a reload; no conflict, no new event', async () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const keyring = memoryKeyring(clock.now);
    const s = makeStore(st, { clock, keyring });
    await s.getState().whenSigned();
    s.getState().setIdentity({ kind: 'unit', name: DSJ });
    await s.getState().whenSigned();
    s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '平台已上线' });
    expect(s.getState().events[0]!.sig).toBeUndefined();
    await s.getState().whenSigned();
    await s.eventsSettled();
    expect(s.getState().events).toHaveLength(1);
    expect(s.getState().events[0]!.sig).toBeDefined();
    expect(logKeys(st, 'j')).toHaveLength(1);
    s.destroy();
    const again = makeStore(st, { clock, keyring });
    expect(again.getState().events).toHaveLength(1);
    expect(canonicalJson(again.getState().events)).toBe(canonicalJson(s.getState().events));
    expect(again.getState().storage.recovery).toBeNull();
  });

  it('an unsigned copy sealed in a chunk and the signed one in the journal read as one signed event, silently', async () => {
    const { events, unit } = await signedSample();
    const unsigned = events[2]!;
    const signed = await signEvent(unsigned, samplePlan.id, unit.signer);
    const loaded = decodeLog(samplePlan.id, [
      [`${chunkPrefix(samplePlan.id)}a`, encodeChunk([events[0]!, unsigned])],
      [`${journalPrefix(samplePlan.id)}e3`, encodeRecord(signed)],
    ]);
    expect(loaded.setAside).toEqual([]);
    expect(loaded.events).toHaveLength(2);
    expect(loaded.events.find((e) => e.id === 'e3')).toEqual(signed);
  });

  it(`is persisted even when the unsigned record was already sealed (signed at export, ${SEAL_AT} older records)`, async () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const s = makeStore(st, { clock });
    s.getState().setIdentity({ kind: 'unit', name: DSJ });
    for (let i = 0; i < SEAL_AT + 2; i++) {
      s.getState().record({ type: 'progress', taskId: 't2', percent: i % 100 });
      clock.tick(1000);
    }
    expect(logKeys(st, 'c')).toHaveLength(1);
    const { unit } = await signedSample();
    // What exportSigned does with records written before signing existed.
    const signed = new Map<PlanEvent, PlanEvent>();
    for (const e of s.getState().events) signed.set(e, await signEvent(e, samplePlan.id, unit.signer));
    s.setState({ events: s.getState().events.map((e) => signed.get(e)!) });
    await s.eventsSettled();
    s.destroy();
    const again = makeStore(st, { clock });
    expect(again.getState().events).toHaveLength(SEAL_AT + 2);
    expect(again.getState().events.every((e) => e.sig)).toBe(true);
    expect(again.getState().storage.recovery).toBeNull();
  });

  it('reaches another tab as a replacement, not a second event', async () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const keyring = memoryKeyring(clock.now);
    const a = makeStore(st.tab(), { clock, keyring });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    await a.getState().whenSigned();
    a.getState().record({ type: 'urge', taskId: 't1', note: '请加快' });
    expect(b.getState().events).toHaveLength(1);
    expect(b.getState().events[0]!.sig).toBeUndefined();
    await a.getState().whenSigned();
    await a.eventsSettled();
    expect(b.getState().events).toHaveLength(1);
    expect(b.getState().events[0]).toEqual(a.getState().events[0]);
    expect(b.getState().events[0]!.sig).toBeDefined();
  });
});
