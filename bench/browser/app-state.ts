/**
 * The city-scale data in the app's own storage layout, written into the browser before the app
 * loads: the working state in localStorage (MAIN_KEY) and the events in the IndexedDB log, as
 * sealed chunks. Uses the store's codec and keys (src/store/codec.ts, log.ts, keys.ts) rather
 * than a copy of the format, so the benchmark and the browser tests follow any change to it.
 */
import type { Page } from 'playwright-core';
import type { Identity } from '../../src/domain/model';
import type { PersistedData } from '../../src/domain/merge';
import { encodeChunk, serialize } from '../../src/store/codec';
import { MAIN_KEY } from '../../src/store/keys';
import { chunkPrefix, SEAL_AT } from '../../src/store/log';
import type { CityData } from '../fixtures';

export interface StoredEntries {
  /** localStorage key → value. */
  local: Record<string, string>;
  /** IndexedDB log key → value. */
  log: Array<[string, string]>;
}

export function persistedEntries(city: CityData, identity: Identity = { kind: 'office' }): StoredEntries {
  const data: PersistedData = {
    plan: city.plan,
    units: city.units,
    leaders: [],
    events: city.events,
    issued: [],
    identity,
    dropped: [],
    planSetAt: city.plan.createdAt,
  };
  const log: Array<[string, string]> = [];
  for (let i = 0; i < city.events.length; i += SEAL_AT) {
    log.push([`${chunkPrefix(city.plan.id)}${String(i / SEAL_AT).padStart(9, '0')}-bench`, encodeChunk(city.events.slice(i, i + SEAL_AT))]);
  }
  return { local: { [MAIN_KEY]: serialize(data) }, log };
}

/**
 * Writes the entries for the page's origin before the app's first load (from a static file of
 * the same origin): localStorage, then the IndexedDB log in batches (the database and its store
 * are created as the app creates them).
 */
export async function writeEntries(page: Page, entries: StoredEntries): Promise<void> {
  await page.evaluate((local) => {
    for (const [k, v] of Object.entries(local)) localStorage.setItem(k, v);
  }, entries.local);
  for (let i = 0; i < entries.log.length; i += 20) {
    await page.evaluate(async (batch) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('luoshi', 1);
        r.onupgradeneeded = () => {
          if (!r.result.objectStoreNames.contains('kv')) r.result.createObjectStore('kv');
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('kv', 'readwrite');
        for (const [k, v] of batch) tx.objectStore('kv').put(v, k);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, entries.log.slice(i, i + 20));
  }
}
