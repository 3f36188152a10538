/**
 * Storage at city scale: 1,000 tasks, 100 units, 20,000 events (bench/fixtures.ts).
 * - save: the adapter's full write path for one more event (read what is stored and check it is
 *   ours, serialise the compact v2 layout, one setItem) over a Map-backed storage;
 * - load with validation: parse → migrate → restore item by item (zod on every task and event),
 *   which is what the store does on every start;
 * - bytes stored, counted as browsers count localStorage (UTF-16: string length × 2, key included),
 *   against a 5 MiB quota, for v2 and for the plain v1 layout it replaced;
 * - deriveAllStates over the whole log.
 */
import { generateCity } from './fixtures';
import { median, time, type BenchRow } from './lib';
import { deriveAllStates } from '../src/domain/events';
import type { PersistedData } from '../src/domain/merge';
import { decodeText, serialize } from '../src/store/codec';
import { DEFAULT_QUOTA_BYTES, MAIN_KEY, storedBytes } from '../src/store/keys';
import { Persistence, type StorageBackend } from '../src/store/persistence';

function mapStorage(): StorageBackend {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

export default function storeBench(): BenchRow[] {
  const city = generateCity();
  const data: PersistedData = {
    plan: city.plan,
    units: city.units,
    leaders: [],
    events: city.events,
    issued: [],
    identity: { kind: 'office' },
    planSetAt: city.plan.createdAt,
    dropped: [],
  };
  const rows: BenchRow[] = [];
  const size = `${city.plan.tasks.length} tasks, ${city.events.length} events, ${city.units.length} units`;

  const text = serialize(data);
  const bytes = storedBytes(MAIN_KEY, text);
  const v1Text = JSON.stringify({ state: { plan: data.plan, units: data.units, events: data.events, identity: data.identity, planSetAt: data.planSetAt, dropped: [] }, version: 1 });
  const v1Bytes = storedBytes(MAIN_KEY, v1Text);
  const mib = (b: number) => (b / 1024 / 1024).toFixed(2);

  // Save: the adapter as the store uses it. Each run appends one event so the write is real.
  const backend = mapStorage();
  const persistence = new Persistence(backend, () => new Date('2026-06-15T08:00:00Z'));
  persistence.setItem(MAIN_KEY, { state: data, version: 2 });
  let cur = data;
  let n = 0;
  const saveMs = time(
    () => {
      const last = cur.events[cur.events.length - 1]!;
      const e = { ...last, id: `bench-${n++}`, at: new Date(Date.parse(last.at) + 1000).toISOString() };
      cur = { ...cur, events: [...cur.events, e] };
      persistence.setItem(MAIN_KEY, { state: cur, version: 2 });
    },
    9,
    2,
  );
  rows.push({
    group: 'store',
    name: `save (read-check-serialise-setItem), ${size}`,
    median: median(saveMs),
    unit: 'ms',
    runs: saveMs.length,
    extra: { bytesUtf16: bytes },
  });

  const serialiseMs = time(() => serialize(data), 9, 2);
  rows.push({ group: 'store', name: 'serialise v2 only', median: median(serialiseMs), unit: 'ms', runs: serialiseMs.length });

  let restored = 0;
  let setAside = -1;
  const loadMs = time(
    () => {
      const d = decodeText(text, new Date('2026-06-15T08:00:00Z'));
      restored = d.events.length + (d.plan?.tasks.length ?? 0);
      setAside = d.report.setAside.length;
    },
    7,
    2,
  );
  rows.push({
    group: 'store',
    name: 'load with validation (parse, migrate, restore)',
    median: median(loadMs),
    unit: 'ms',
    runs: loadMs.length,
    extra: { restoredItems: restored, setAside },
  });

  rows.push({
    group: 'store',
    name: 'bytes stored, v2 compact (UTF-16)',
    median: bytes,
    unit: 'B',
    runs: 1,
    extra: {
      MiB: mib(bytes),
      quotaMiB: mib(DEFAULT_QUOTA_BYTES),
      shareOfQuota: `${((bytes / DEFAULT_QUOTA_BYTES) * 100).toFixed(0)}%`,
      budget: bytes <= DEFAULT_QUOTA_BYTES ? 'ok' : 'FAIL',
    },
  });
  rows.push({
    group: 'store',
    name: 'bytes stored, v1 plain layout (for comparison)',
    median: v1Bytes,
    unit: 'B',
    runs: 1,
    extra: { MiB: mib(v1Bytes), fits5MiB: v1Bytes <= DEFAULT_QUOTA_BYTES ? 'yes' : 'no' },
  });

  const deriveMs = time(() => deriveAllStates(city.plan, city.events), 9, 2);
  rows.push({ group: 'store', name: 'deriveAllStates (1,000 tasks, 20,000 events)', median: median(deriveMs), unit: 'ms', runs: deriveMs.length });
  return rows;
}
