/**
 * The city-scale data in the app's own storage format, written into localStorage before the app
 * loads. Uses the store's codec and key (src/store/codec.ts, keys.ts) rather than a copy of the
 * format, so the benchmark follows any change to the layout.
 */
import type { Identity } from '../../src/domain/model';
import type { PersistedData } from '../../src/domain/merge';
import { serialize } from '../../src/store/codec';
import { MAIN_KEY } from '../../src/store/keys';
import type { CityData } from '../fixtures';

export function persistedEntries(city: CityData, identity: Identity = { kind: 'office' }): Record<string, string> {
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
  return { [MAIN_KEY]: serialize(data) };
}
