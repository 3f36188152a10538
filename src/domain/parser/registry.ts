/**
 * The units registry as matchers: names and aliases, keywords. Built once per units array (the
 * office's edits make a new array), so no pass has to thread it back and forth.
 */
import type { Unit } from '../model';
import { PhraseMatcher } from './phrase-matcher';

export interface Registry {
  /** The array's length when built: an in-place push (not the store's way) still rebuilds. */
  size: number;
  names: PhraseMatcher<Unit>;
  keywords: PhraseMatcher<Unit>;
  order: Map<Unit, number>;
}
const registries = new WeakMap<Unit[], Registry>();

/** Matchers for one registry, built once per units array (the office's edits make a new array). */
/** The last registry asked for: the parser asks for the same one thousands of times a parse. */
let last: { units: Unit[]; registry: Registry } | null = null;

export function registryOf(units: Unit[]): Registry {
  if (last && last.units === units && last.registry.size === units.length) return last.registry;
  let r = registries.get(units);
  if (!r || r.size !== units.length) {
    const names: [string, Unit][] = [];
    const keywords: [string, Unit][] = [];
    for (const u of units) {
      names.push([u.name, u]);
      for (const a of u.aliases) names.push([a, u]);
      for (const k of u.keywords) keywords.push([k, u]);
    }
    r = { size: units.length, names: new PhraseMatcher(names), keywords: new PhraseMatcher(keywords), order: new Map(units.map((u, i) => [u, i])) };
    registries.set(units, r);
  }
  last = { units, registry: r };
  return r;
}

/** The registry name for a name as written (an alias becomes the unit's name), else as written. */
export function canonicalName(raw: string, units: Unit[]): string {
  const hit = registryOf(units).names.matchAt(raw, 0);
  return hit && hit.end === raw.length ? hit.value.name : raw;
}

