/**
 * Storage at city scale: 1,000 tasks, 100 units, and 20,000, 100,000 and 200,000 events
 * (bench/fixtures.ts), in the v3 layout: the working state in one localStorage key, the events in
 * the log (sealed chunks of SEAL_AT events, a journal record per recent event).
 * - bytes in each store, counted as UTF-16 (two bytes a character, key included), against
 *   localStorage's 5,242,880 characters; and the old one-key v2 layout for comparison;
 * - load with validation: the working state (parse → migrate → restore item by item) and the log
 *   (chunks checked by their seal, journal records validated one by one), as on every start;
 * - a tick's write: the log's append of one event (the record it writes, and its size);
 * - the seal of SEAL_AT records into one chunk (off the click's path);
 * - deriveAllStates over the whole log.
 */
import { generateCity } from './fixtures';
import { median, time, type BenchRow } from './lib';
import { deriveAllStates } from '../src/domain/events';
import type { PersistedData } from '../src/domain/merge';
import type { PlanEvent } from '../src/domain/model';
import { decodeText, encodeChunk, serialize, serializeV2 } from '../src/store/codec';
import { DEFAULT_QUOTA_BYTES, LOG_PREFIX, MAIN_KEY, storedBytes } from '../src/store/keys';
import { chunkPrefix, decodeLog, EventLog, journalPrefix, SEAL_AT, StorageKv } from '../src/store/log';
import type { StorageBackend } from '../src/store/persistence';

function mapStorage(): StorageBackend & { m: Map<string, string> } {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

const mib = (b: number) => (b / 1024 / 1024).toFixed(2);

export default function storeBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const now = new Date('2026-06-15T08:00:00Z');
  let baseLoad = 0;
  for (const n of [20_000, 100_000, 200_000]) {
    const city = generateCity({ events: n });
    const data: PersistedData = { plan: city.plan, units: city.units, leaders: [], events: city.events, issued: [], identity: { kind: 'office' }, planSetAt: city.plan.createdAt, dropped: [] };
    const size = `${n.toLocaleString('en')} events`;

    const main = serialize(data);
    const chunks: Array<[string, string]> = [];
    for (let i = 0; i < city.events.length; i += SEAL_AT) chunks.push([`${chunkPrefix(city.plan.id)}${String(i).padStart(9, '0')}`, encodeChunk(city.events.slice(i, i + SEAL_AT))]);
    const mainBytes = storedBytes(MAIN_KEY, main);
    const logBytes = chunks.reduce((s, [k, v]) => s + storedBytes(k, v), 0);
    const v2Bytes = storedBytes(MAIN_KEY, serializeV2(data));
    rows.push({
      group: 'store',
      name: `bytes, ${size}`,
      median: mainBytes + logBytes,
      unit: 'B',
      runs: 1,
      extra: {
        workingStateMiB: mib(mainBytes),
        shareOfLocalStorage: `${((mainBytes / DEFAULT_QUOTA_BYTES) * 100).toFixed(1)}%`,
        logMiB: mib(logBytes),
        bytesPerEvent: Math.round(logBytes / n),
        oldOneKeyMiB: mib(v2Bytes),
        oldFits: v2Bytes <= DEFAULT_QUOTA_BYTES ? 'yes' : 'no',
        budget: mainBytes <= DEFAULT_QUOTA_BYTES * 0.1 ? 'ok' : 'FAIL',
      },
    });

    let restored = 0;
    const loadMs = time(
      () => {
        const d = decodeText(main, now);
        const log = decodeLog(city.plan.id, chunks);
        restored = log.events.length + (d.plan?.tasks.length ?? 0);
      },
      n > 50_000 ? 3 : 5,
      1,
    );
    const lm = median(loadMs);
    baseLoad ||= lm;
    rows.push({ group: 'store', name: `load with validation (working state + log), ${size}`, median: lm, unit: 'ms', runs: loadMs.length, extra: { restoredItems: restored, ratio: (lm / baseLoad).toFixed(2) } });

    // A tick: the log's own write path over a Map-backed localStorage that holds the city's log.
    const backend = mapStorage();
    for (const [k, v] of chunks) backend.setItem(LOG_PREFIX + k, v);
    const log = new EventLog(new StorageKv(backend));
    log.loadSync(city.plan.id);
    const last = city.events[city.events.length - 1]!;
    let i = 0;
    let chars = 0;
    const tickMs = time(
      () => {
        const e: PlanEvent = { ...last, id: `bench-${n}-${i++}`, at: new Date(Date.parse(last.at) + i * 1000).toISOString(), type: 'tick', done: true } as PlanEvent;
        const before = [...backend.m.keys()].filter((k) => k.includes(journalPrefix(city.plan.id))).length;
        void log.append([e]);
        chars = backend.getItem(`${LOG_PREFIX}${journalPrefix(city.plan.id)}${e.id}`)?.length ?? before;
      },
      15,
      3,
    );
    rows.push({ group: 'store', name: `tick: append one record to the log, ${size}`, median: median(tickMs), unit: 'ms', runs: tickMs.length, extra: { charsWritten: chars } });

    if (n === 20_000) {
      const sealMs = time(() => encodeChunk(city.events.slice(0, SEAL_AT)), 9, 2);
      rows.push({ group: 'store', name: `seal ${SEAL_AT} events into a chunk (encode)`, median: median(sealMs), unit: 'ms', runs: sealMs.length });
    }
    const deriveMs = time(() => deriveAllStates(city.plan, city.events), n > 50_000 ? 5 : 9, 2);
    rows.push({ group: 'store', name: `deriveAllStates, ${size}`, median: median(deriveMs), unit: 'ms', runs: deriveMs.length });
  }
  return rows;
}
