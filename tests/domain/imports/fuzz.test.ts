/**
 * Hostile and broken files, generated (fast-check, fixed seed): real plan packages, progress
 * reports and backups, mutated as e-mail, hand edits and attackers mutate them — cut off, values
 * of the wrong type, huge strings, deep nesting, prototype keys, HTML and script, times out of
 * range, duplicated ids, wrong encodings; most re-sealed with a valid checksum so that the
 * mutation reaches the checks behind it. For every file: no crash, no silent wipe (tasks or
 * records here disappear only after the explicit confirmation), and every message Chinese.
 */
import fc from 'fast-check';
import { deriveAllStates } from '@/domain/events';
import { applyImport, buildBackup, buildPlanPackage, buildProgressReport, checksumOf, needsConfirmation, type DataState } from '@/domain/files';
import { decodeImportBytes, previewImport } from '@/domain/imports/preview';
import { canonicalJson } from '@/domain/merge';
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { createSeedPlan } from '@/domain/seed';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { sampleEvents } from '../../fixtures/storage/build-sample';
import { department, engineText, messagesOf, now, office } from './file-builders';

/** The seed speech's plan (32 tasks) with a few records, for files of a real size. */
const seedPlan = { ...createSeedPlan(now), updatedAt: '2026-03-01T00:00:00.000Z' };
const seedTask = seedPlan.tasks.find((t) => t.owners.some((o) => o.role === 'lead'))!;
const seedUnit = seedTask.owners.find((o) => o.role === 'lead')!.name;
const seedEvents: PlanEvent[] = [
  { id: 's1', at: '2026-03-02T01:00:00.000Z', unit: OFFICE_NAME, taskId: seedTask.id, note: '请加快进度', type: 'urge' },
  { id: 's2', at: '2026-03-03T01:00:00.000Z', unit: seedUnit, taskId: seedTask.id, note: '已完成主体工程', type: 'tick', done: true },
  { id: 's3', at: '2026-03-04T01:00:00.000Z', unit: seedUnit, taskId: seedTask.id, note: '', type: 'progress', percent: 80 },
];
const seedOffice: DataState = { plan: seedPlan, units: DEFAULT_UNITS, events: seedEvents, identity: { kind: 'office' } };
const seedDepartment: DataState = { ...seedOffice, events: seedEvents.filter((e) => e.unit === OFFICE_NAME), identity: { kind: 'unit', name: seedUnit } };

/** The genuine files everything below starts from, with the states that would import them. */
const bases = await (async () => {
  const later = new Date(now.getTime() - 3_600_000);
  const newer = { ...office, plan: { ...office.plan, updatedAt: later.toISOString(), title: '修订版' } };
  const list = [
    { name: 'package', text: (await buildPlanPackage(newer, later)).text, states: [department, office] },
    { name: 'report', text: (await buildProgressReport({ ...office, events: [...sampleEvents, { id: 'n1', at: later.toISOString(), unit: '市大数据局', taskId: 't2', note: '<b>进展</b>', type: 'progress', percent: 70 }] }, '市大数据局', later)).text, states: [office] },
    { name: 'backup', text: (await buildBackup(office, OFFICE_NAME, later)).text, states: [office, department] },
    { name: 'seed package', text: (await buildPlanPackage({ ...seedOffice, plan: { ...seedPlan, updatedAt: later.toISOString() } }, later)).text, states: [seedDepartment] },
    { name: 'seed report', text: (await buildProgressReport(seedOffice, seedUnit, later)).text, states: [seedOffice] },
  ];
  return list.map((b) => ({ ...b, json: JSON.parse(b.text) as unknown }));
})();

type Json = unknown;
interface Slot {
  parent: Record<string, Json> | Json[];
  key: string | number;
}

/** Every place a value sits in the tree (breadth first, bounded), so a mutation can pick one. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const queue: Json[] = [root];
  while (queue.length && out.length < 4000) {
    const v = queue.shift();
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        queue.push(x);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v as Record<string, Json>, key: k });
        queue.push(x);
      }
    }
  }
  return out;
}

const put = (s: Slot, value: Json) => {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = value;
  else Object.defineProperty(s.parent, s.key, { value, enumerable: true, writable: true, configurable: true });
};
const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key];

const SCRIPT = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(document.cookie)>', 'javascript:alert(1)', '{{constructor.constructor("alert(1)")()}}', '=HYPERLINK("http://x")'];
const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const TIMES = ['9999-12-31T00:00:00.000Z', '0000-01-01T00:00:00.000Z', 'zzz', '+275760-09-13T00:00:00.000Z', 'yesterday', '2023-02-30', '2023-02-30T00:00:00.000Z', '', '1999-12-31T23:59:59.999Z', '2026-03-09T23:00:00+08:00'];

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.constant(true),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(...SCRIPT, ...PROTO, ...TIMES),
  fc.array(fc.integer(), { maxLength: 3 }),
);

const mutation = fc.oneof(
  fc.record({ k: fc.constant('swap' as const), at: fc.nat(), value: anyValue }),
  fc.record({ k: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ k: fc.constant('huge' as const), at: fc.nat(), size: fc.integer({ min: 5_000, max: 400_000 }), ch: fc.constantFrom('x', '中', '<', '\u0000', '\uD800') }),
  fc.record({ k: fc.constant('deep' as const), at: fc.nat(), depth: fc.integer({ min: 30, max: 2_000 }), open: fc.constantFrom('[', '{') }),
  fc.record({ k: fc.constant('proto' as const), at: fc.nat(), key: fc.constantFrom(...PROTO), value: anyValue }),
  fc.record({ k: fc.constant('html' as const), at: fc.nat(), payload: fc.constantFrom(...SCRIPT) }),
  fc.record({ k: fc.constant('time' as const), at: fc.nat(), value: fc.constantFrom(...TIMES) }),
  fc.record({ k: fc.constant('dupId' as const), at: fc.nat(), note: fc.string({ maxLength: 10 }) }),
  fc.record({ k: fc.constant('idName' as const), at: fc.nat(), value: fc.constantFrom(...PROTO) }),
  fc.record({ k: fc.constant('emptyTasks' as const), value: fc.constantFrom<Json>([], {}, null, undefined, 'x', [null]) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(root: Json, m: Mutation): Json {
  if (m.k === 'emptyTasks') {
    const plan = (root as { payload?: { plan?: Record<string, Json> } })?.payload?.plan;
    if (plan && typeof plan === 'object') {
      if (m.value === undefined) delete plan.tasks;
      else plan.tasks = m.value;
    }
    return root;
  }
  const all = slots(root);
  if (!all.length) return root;
  const pick = (filter: (s: Slot) => boolean = () => true) => {
    const some = all.filter(filter);
    return some.length ? some[m.at % some.length]! : all[m.at % all.length]!;
  };
  const isString = (s: Slot) => typeof get(s) === 'string';
  const isObject = (s: Slot) => !!get(s) && typeof get(s) === 'object' && !Array.isArray(get(s));
  switch (m.k) {
    case 'swap':
      put(pick(), m.value);
      break;
    case 'delete': {
      const s = pick();
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      break;
    }
    case 'huge':
      put(pick(isString), m.ch.repeat(m.size));
      break;
    case 'deep': {
      const close = m.open === '[' ? ']' : '}';
      const inner = m.open === '[' ? '1' : '"a":1';
      const text = m.open === '[' ? `${'['.repeat(m.depth)}${inner}${close.repeat(m.depth)}` : `${'{"a":'.repeat(m.depth)}1${'}'.repeat(m.depth)}`;
      put(pick(), JSON.parse(text) as Json);
      break;
    }
    case 'proto': {
      const s = pick(isObject);
      const target = isObject(s) ? (get(s) as Record<string, Json>) : (root as Record<string, Json>);
      if (target && typeof target === 'object') Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'html':
      put(pick(isString), m.payload);
      break;
    case 'time':
      put(pick((s) => ['at', 'createdAt', 'updatedAt', 'date', 'requestedDue', 'due'].includes(String(s.key))), m.value);
      break;
    case 'dupId': {
      const events = (root as { payload?: { events?: Json[] } })?.payload?.events;
      if (Array.isArray(events) && events.length) {
        const e = events[m.at % events.length];
        if (e && typeof e === 'object') events.push({ ...(e as object), note: `改过：${m.note}` });
      }
      break;
    }
    case 'idName':
      put(pick((s) => s.key === 'id' || s.key === 'taskId' || s.key === 'planId'), m.value);
      break;
  }
  return root;
}

async function reseal(root: Json): Promise<string> {
  if (!root || typeof root !== 'object' || Array.isArray(root)) return JSON.stringify(root);
  const { checksum: _old, ...head } = root as Record<string, Json>;
  const checksum = await checksumOf(head as Parameters<typeof checksumOf>[0]);
  return JSON.stringify({ ...head, checksum });
}

const encode = {
  utf8: (t: string) => new TextEncoder().encode(t),
  'utf16le-bom': (t: string) => utf16(t, true, true),
  utf16le: (t: string) => utf16(t, true, false),
  'utf16be-bom': (t: string) => utf16(t, false, true),
  latin1: (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0) & 0xff),
  garbage: (t: string) => Uint8Array.from({ length: Math.min(t.length, 3000) }, (_, i) => (i * 7919 + t.length) % 256),
} as const;
function utf16(text: string, little: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let i = 0;
  if (bom) view.setUint16((i++) * 2, 0xfeff, little);
  for (let j = 0; j < text.length; j++) view.setUint16((i++) * 2, text.charCodeAt(j), little);
  return out;
}

const fileArb = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  state: fc.nat(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  reseal: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  cut: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
  encoding: fc.oneof({ weight: 8, arbitrary: fc.constant('utf8' as const) }, { weight: 1, arbitrary: fc.constantFrom(...(Object.keys(encode) as (keyof typeof encode)[])) }),
});

/** Every record of `before` is still there, byte for byte, and so is every task. */
function nothingLost(before: DataState, after: DataState): string | null {
  const events = new Map(after.events.map((e) => [e.id, canonicalJson(e)]));
  const lostEvent = before.events.find((e) => events.get(e.id) !== canonicalJson(e));
  if (lostEvent) return `记录 ${lostEvent.id} 丢失或被改动`;
  const tasks = new Set(after.plan.tasks.map((t) => t.id));
  const lostTask = before.plan.tasks.find((t) => !tasks.has(t.id));
  return lostTask ? `任务 ${lostTask.id} 丢失` : null;
}

describe('500 generated hostile files', () => {
  it('no crash, no silent wipe, every message Chinese', async () => {
    const tally = { files: 0, refusedWhole: 0, refusedRecords: 0, held: 0, appliedQuietly: 0, decodeRefused: 0 };
    await fc.assert(
      fc.asyncProperty(fileArb, async (f) => {
        tally.files++;
        const base = bases[f.base]!;
        const state = base.states[f.state % base.states.length]!;
        let root = structuredClone(base.json);
        for (const m of f.mutations) root = mutate(root, m);
        let text = f.reseal ? await reseal(root) : JSON.stringify(root);
        if (f.cut !== null) text = text.slice(0, Math.floor(text.length * f.cut));

        const decoded = decodeImportBytes(encode[f.encoding](text), '来件.json');
        if ('error' in decoded) {
          tally.decodeRefused++;
          expect(decoded.error).toMatch(/[\u4e00-\u9fff]/);
          expect(engineText(decoded.error)).toBeNull();
          return;
        }
        const p = await previewImport(state, decoded.text, { now });
        const messages = messagesOf(p);
        for (const m of messages) {
          expect(engineText(m), m).toBeNull();
          expect(m, m).toMatch(/[\u4e00-\u9fff]/);
          // A huge value is quoted shortened, never poured whole into the page.
          expect(m.length, m.slice(0, 200)).toBeLessThan(3000);
        }
        if (!p.ok) tally.refusedWhole++;
        tally.refusedRecords += p.ok ? p.refused.length : 0;

        // Without the confirmation nothing here may go; with it, only what the dialog named.
        const quiet = applyImport(state, p);
        expect(nothingLost(state, quiet.state)).toBeNull();
        if (quiet.needsConfirmation) tally.held++;
        else if (quiet.changed) tally.appliedQuietly++;
        expect(quiet.needsConfirmation ?? false).toBe(needsConfirmation(p));
        const confirmed = applyImport(state, p, { confirmed: true });
        if (!needsConfirmation(p)) expect(confirmed.state).toEqual(quiet.state);
        else if (p.planAction === 'update') {
          const named = new Set(p.removedTasks.map((t) => t.id));
          expect(state.plan.tasks.filter((t) => !confirmed.state.plan.tasks.some((x) => x.id === t.id)).every((t) => named.has(t.id))).toBe(true);
        }
        // What came in can be worked with: states derive, the data serialises.
        for (const r of [quiet, confirmed]) {
          expect(() => deriveAllStates(r.state.plan, r.state.events)).not.toThrow();
          expect(() => canonicalJson(r.state)).not.toThrow();
        }
      }),
      { seed: 16, numRuns: 500, endOnFailure: true },
    );
    // The generator really reaches every outcome (a fuzzer that only hits the checksum proves little).
    expect(tally.files).toBe(500);
    expect(tally.refusedWhole).toBeGreaterThan(50);
    expect(tally.refusedRecords).toBeGreaterThan(20);
    expect(tally.held).toBeGreaterThan(5);
    expect(tally.appliedQuietly).toBeGreaterThan(10);
    expect(tally.decodeRefused).toBeGreaterThan(5);
    console.info('导入模糊测试', tally);
  }, 120_000);
});
