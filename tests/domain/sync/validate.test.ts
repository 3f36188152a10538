/**
 * The design document's rules, called the way CouchDB calls validate_doc_update: the function is
 * compiled from the design document's source text and called with (newDoc, oldDoc, userCtx,
 * secObj); a thrown {forbidden} is a 403. Every role × every document kind × create, update and
 * delete, each with the outcome written out in the table below.
 */
import { describe, expect, it } from 'vitest';
import validateSource from '../../../couchdb/validate_doc_update.js?raw';
import { buildDesignDoc, buildRules, buildSecurity, dbNameForPlan, docToEvent, eventToDoc, identityFromRoles, parseRefusal, type RefusalCode } from '@/domain/sync/couch';
import { OFFICE_NAME, type Plan } from '@/domain/model';
import { OFFICE_ONLY_TYPES } from '@/domain/files';
import { owner, plan as makePlan, task } from '../task-fixtures';

const A = '市发展和改革委员会';
const B = '市教育局';
const C = '市民政局';

const thePlan: Plan = makePlan(
  [task({ id: 't1', owners: [owner(A), owner(B, 'co')] }), task({ id: 't2', owners: [owner(B)] }), task({ id: 't3', owners: [owner(A)] }), task({ id: 't4', owners: [] })],
  [],
  { id: 'plan-x', mergedInto: { t9: 't3' } },
);
const rules = buildRules(thePlan);
const ddoc = buildDesignDoc(validateSource, rules);
const secObj = buildSecurity([
  { id: 'a', name: A, kind: 'department', aliases: [], keywords: [] },
  { id: 'b', name: B, kind: 'department', aliases: [], keywords: [] },
  { id: 'o', name: OFFICE_NAME, kind: 'office', aliases: [], keywords: [] },
]);

// What CouchDB's query server does with the stored source: evaluate it to a function.
const validate = new Function(`return (${ddoc.validate_doc_update});`)() as (n: unknown, o: unknown, u: unknown, s: unknown) => void;

type Outcome = 'ok' | RefusalCode;
function run(newDoc: Record<string, unknown>, oldDoc: Record<string, unknown> | null, roles: string[], name = 'user'): Outcome {
  try {
    validate(newDoc, oldDoc, { db: 'luoshi-plan-x', name, roles }, secObj);
    return 'ok';
  } catch (e) {
    const thrown = e as { forbidden?: string; unauthorized?: string };
    expect(thrown.forbidden, `threw something other than {forbidden}: ${JSON.stringify(e)}`).toBeTypeOf('string');
    const r = parseRefusal(thrown.forbidden);
    expect(r.code, thrown.forbidden).not.toBeNull();
    expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    return r.code!;
  }
}

const AT = '2024-03-01T08:00:00.000Z';
const ev = (id: string, fields: Record<string, unknown>) => ({ _id: id, at: AT, note: '', ...fields });
const planDoc = (p: Plan = thePlan) => ({ _id: 'plan', plan: p, editedBy: 'office', editedAt: AT });
const registryDoc = { _id: 'registry', units: [], editedBy: 'office', editedAt: AT };
const designDoc = { _id: '_design/other', views: {} };

const ROLES: Record<string, string[]> = {
  anonymous: [],
  'unit A': [`unit:${A}`],
  'unit B': [`unit:${B}`],
  'unit C (no tasks)': [`unit:${C}`],
  office: ['office'],
  'server admin': ['_admin'],
};

/** Documents of every kind, with the outcome of creating each, per role. */
const KINDS: Array<{ kind: string; doc: Record<string, unknown>; create: Record<string, Outcome> }> = [
  {
    kind: 'plan',
    doc: planDoc(),
    create: { anonymous: 'office-only', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'registry',
    doc: registryDoc,
    create: { anonymous: 'office-only', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'design document',
    doc: designDoc,
    create: { anonymous: 'office-only', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'A ticks its own lead task',
    doc: ev('e1', { type: 'tick', unit: A, taskId: 't1', done: true }),
    create: { anonymous: 'no-role', 'unit A': 'ok', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'B reports progress on a task it co-owns',
    doc: ev('e2', { type: 'progress', unit: B, taskId: 't1', percent: 40 }),
    create: { anonymous: 'no-role', 'unit A': 'not-own-unit', 'unit B': 'ok', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'A on a task merged into one it leads (old id)',
    doc: ev('e3', { type: 'status', unit: A, taskId: 't9', status: 'blocked' }),
    create: { anonymous: 'no-role', 'unit A': 'ok', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'A on a task it does not own',
    doc: ev('e4', { type: 'extension-request', unit: A, taskId: 't2', requestedDue: '2024-12-31' }),
    create: { anonymous: 'no-role', 'unit A': 'not-owner', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'C on a task without owners',
    doc: ev('e5', { type: 'tick', unit: C, taskId: 't4', done: true }),
    create: { anonymous: 'no-role', 'unit A': 'not-own-unit', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-owner', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'A on a task not in the plan',
    doc: ev('e6', { type: 'tick', unit: A, taskId: 'nope', done: true }),
    create: { anonymous: 'no-role', 'unit A': 'unknown-task', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'A on a task named like a built-in property',
    doc: ev('e6b', { type: 'tick', unit: A, taskId: 'constructor', done: true }),
    create: { anonymous: 'no-role', 'unit A': 'unknown-task', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'a 表扬 in the office name (office record)',
    doc: ev('e7', { type: 'notice', unit: OFFICE_NAME, taskId: 't1', kind: 'commend' }),
    create: { anonymous: 'no-role', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'an 验收 written in A’s own name (office type)',
    doc: ev('e8', { type: 'review', unit: A, taskId: 't1', accepted: true, grade: '优秀' }),
    create: { anonymous: 'no-role', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'office-name', 'server admin': 'office-name' },
  },
  {
    kind: 'a 交办 in the office name (office record)',
    doc: ev('e11', { type: 'assign', unit: OFFICE_NAME, taskId: 't1', year: 2024, number: 3, replyBy: null }),
    create: { anonymous: 'no-role', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'a 交办 written in A’s own name (office type)',
    doc: ev('e12', { type: 'assign', unit: A, taskId: 't1', year: 2024, number: 4, replyBy: null }),
    create: { anonymous: 'no-role', 'unit A': 'office-only', 'unit B': 'office-only', 'unit C (no tasks)': 'office-only', office: 'office-name', 'server admin': 'office-name' },
  },
  {
    kind: 'A 签收 its own lead task',
    doc: ev('e13', { type: 'receipt', unit: A, taskId: 't1', handler: '王敏', phone: '0571-87001234' }),
    create: { anonymous: 'no-role', 'unit A': 'ok', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'B 回复 an urge on a task it co-owns',
    doc: ev('e14', { type: 'reply', unit: B, taskId: 't1', urgeId: null, note: '本周报送' }),
    create: { anonymous: 'no-role', 'unit A': 'not-own-unit', 'unit B': 'ok', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'A 签收 a task it does not own',
    doc: ev('e15', { type: 'receipt', unit: A, taskId: 't2', handler: '王敏', phone: '0571-87001234' }),
    create: { anonymous: 'no-role', 'unit A': 'not-owner', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-own-unit', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'C 回复 on a task without owners',
    doc: ev('e16', { type: 'reply', unit: C, taskId: 't4', urgeId: 'u1', note: '已落实' }),
    create: { anonymous: 'no-role', 'unit A': 'not-own-unit', 'unit B': 'not-own-unit', 'unit C (no tasks)': 'not-owner', office: 'ok', 'server admin': 'ok' },
  },
  {
    kind: 'a record type the rules do not know',
    doc: ev('e9', { type: 'teleport', unit: A, taskId: 't1' }),
    create: { anonymous: 'unknown-type', 'unit A': 'unknown-type', 'unit B': 'unknown-type', 'unit C (no tasks)': 'unknown-type', office: 'unknown-type', 'server admin': 'unknown-type' },
  },
  {
    kind: 'an event without a task',
    doc: { _id: 'e10', type: 'tick', unit: A, at: AT, done: true },
    create: { anonymous: 'bad-shape', 'unit A': 'bad-shape', 'unit B': 'bad-shape', 'unit C (no tasks)': 'bad-shape', office: 'bad-shape', 'server admin': 'bad-shape' },
  },
];

describe('validate_doc_update (the design document as CouchDB runs it)', () => {
  for (const k of KINDS) {
    describe(k.kind, () => {
      const isEvent = !['plan', 'registry', 'design document'].includes(k.kind);
      for (const role of Object.keys(ROLES)) {
        it(`${role}: create → ${k.create[role]}`, () => {
          expect(run(k.doc, null, ROLES[role]!)).toBe(k.create[role]);
        });
        it(`${role}: update → ${isEvent ? 'immutable' : k.create[role]}`, () => {
          const old = { ...k.doc, _rev: '1-abc' };
          const next = { ...k.doc, _rev: '1-abc', note: '改过' };
          // An event is never changed, by anyone; the plan, the registry and the rules change by the office.
          expect(run(next, old, ROLES[role]!)).toBe(isEvent ? 'immutable' : k.create[role]);
        });
        it(`${role}: delete → no-delete`, () => {
          expect(run({ _id: k.doc._id, _rev: '1-abc', _deleted: true }, { ...k.doc, _rev: '1-abc' }, ROLES[role]!)).toBe('no-delete');
        });
      }
    });
  }

  it('refuses a later revision of an event replicated without its parent (new_edits=false)', () => {
    const doc = { ...ev('e1', { type: 'tick', unit: A, taskId: 't1', done: false }), _rev: '2-def', _revisions: { start: 2, ids: ['def', 'abc'] } };
    expect(run(doc, null, ROLES['unit A']!)).toBe('immutable');
    expect(run(doc, null, ROLES.office!)).toBe('immutable');
  });

  it('accepts a first revision replicated with its history (what a replicator sends)', () => {
    const doc = { ...ev('e1', { type: 'tick', unit: A, taskId: 't1', done: true }), _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } };
    expect(run(doc, null, ROLES['unit A']!)).toBe('ok');
  });

  it('keeps the database to its own plan', () => {
    expect(run(planDoc({ ...thePlan, id: 'another' }), null, ROLES.office!)).toBe('wrong-plan');
    expect(run({ _id: 'plan', editedBy: 'x' }, null, ROLES.office!)).toBe('bad-shape');
    expect(run({ _id: 'registry' }, null, ROLES.office!)).toBe('bad-shape');
  });

  it('lets an account with two unit roles write for either, and for no third', () => {
    const both = [`unit:${A}`, `unit:${B}`];
    expect(run(ev('x1', { type: 'tick', unit: A, taskId: 't3', done: true }), null, both)).toBe('ok');
    expect(run(ev('x2', { type: 'tick', unit: B, taskId: 't2', done: true }), null, both)).toBe('ok');
    expect(run(ev('x3', { type: 'tick', unit: C, taskId: 't1', done: true }), null, both)).toBe('not-own-unit');
  });

  it('takes the office-only list from the app’s own rule (files.ts), every type exactly once', () => {
    expect(new Set(rules.officeOnly)).toEqual(OFFICE_ONLY_TYPES);
    expect(rules.officeOnly.filter((t) => rules.unitTypes.includes(t))).toEqual([]);
    for (const type of OFFICE_ONLY_TYPES) {
      expect(run(ev(`o-${type}`, { type, unit: A, taskId: 't1' }), null, ROLES['unit A']!)).toBe('office-only');
    }
    for (const type of rules.unitTypes) {
      expect(run(ev(`u-${type}`, { type, unit: A, taskId: 't1' }), null, ROLES['unit A']!)).toBe('ok');
    }
  });

  it('says why in Chinese, naming the record type', () => {
    try {
      validate(ev('e7', { type: 'urge', unit: OFFICE_NAME, taskId: 't1' }), null, { name: 'a', roles: [`unit:${A}`] }, secObj);
      expect.unreachable();
    } catch (e) {
      expect((e as { forbidden: string }).forbidden).toBe(`[office-only] “催办”只能由${OFFICE_NAME}记录`);
    }
    try {
      validate(ev('e17', { type: 'assign', unit: A, taskId: 't1', year: 2024, number: 5, replyBy: null }), null, { name: 'a', roles: [`unit:${A}`] }, secObj);
      expect.unreachable();
    } catch (e) {
      expect((e as { forbidden: string }).forbidden).toBe(`[office-only] “交办”只能由${OFFICE_NAME}记录`);
    }
  });

  it('knows the 督办 cycle: 交办 is the office’s, 签收 and 回复 are the units’', () => {
    expect(rules.officeOnly).toContain('assign');
    expect(rules.unitTypes).toEqual(expect.arrayContaining(['receipt', 'reply']));
    expect(rules.labels).toMatchObject({ assign: '交办', receipt: '签收', reply: '回复催办' });
  });
});

describe('the design document', () => {
  it('writes the rules into the function text (validate_doc_update sees no other document)', () => {
    expect(ddoc._id).toBe('_design/luoshi');
    expect(ddoc.validate_doc_update.startsWith('function (newDoc, oldDoc, userCtx, secObj)')).toBe(true);
    expect(ddoc.validate_doc_update).toContain('"t1":[0,1]');
    expect(ddoc.luoshi).toEqual({ rulesVersion: rules.rulesVersion, planId: 'plan-x' });
  });

  it('is rebuilt identically from the same plan, and differently when an owner changes', () => {
    expect(buildDesignDoc(validateSource, buildRules(thePlan))).toEqual(ddoc);
    const moved = { ...thePlan, tasks: thePlan.tasks.map((t) => (t.id === 't2' ? { ...t, owners: [owner(C)] } : t)) };
    expect(buildDesignDoc(validateSource, buildRules(moved)).validate_doc_update).not.toBe(ddoc.validate_doc_update);
  });

  it('refuses a rule file that is not the expected function', () => {
    expect(() => buildDesignDoc('alert(1)', rules)).toThrow(/luoshiValidate/);
  });

  it('gives the office the admin role and every unit of the registry read access', () => {
    expect(secObj).toEqual({ admins: { names: [], roles: ['office'] }, members: { names: [], roles: ['office', `unit:${A}`, `unit:${B}`].sort() } });
  });
});

describe('documents and accounts', () => {
  it('an event round-trips through its document, the id becoming _id', () => {
    const e = { id: 'abc', type: 'tick' as const, at: AT, unit: A, taskId: 't1', note: '已完成', done: true };
    const doc = eventToDoc(e);
    expect(doc).toEqual({ _id: 'abc', type: 'tick', at: AT, unit: A, taskId: 't1', note: '已完成', done: true });
    expect(docToEvent({ ...doc, _rev: '1-x' })).toEqual({ ok: true, event: e });
  });

  it('a malformed document from the server is set aside with a reason, not taken', () => {
    const r = docToEvent({ _id: 'bad', _rev: '1-x', type: 'progress', at: AT, unit: A, taskId: 't1', percent: 300 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/bad.*percent/);
  });

  it('reads the identity from the roles', () => {
    expect(identityFromRoles(['office'])).toEqual({ kind: 'office' });
    expect(identityFromRoles([`unit:${A}`])).toEqual({ kind: 'unit', name: A });
    expect(identityFromRoles(['unit:'])).toBeNull();
    expect(identityFromRoles([])).toBeNull();
  });

  it('names a database after its plan in CouchDB’s alphabet, distinct plans distinct names', () => {
    expect(dbNameForPlan('seed')).toBe('luoshi-seed');
    expect(dbNameForPlan('plan-3f2a')).toBe('luoshi-plan-3f2a');
    expect(dbNameForPlan('Plan A')).toBe('luoshi-(50)lan(20)(41)');
    expect(dbNameForPlan('计划')).not.toBe(dbNameForPlan('计刬'));
    for (const id of ['seed', 'Plan A', '计划', '']) expect(dbNameForPlan(id)).toMatch(/^[a-z][a-z0-9_$()+/-]*$/);
  });

  it('reads another server’s refusal text as it is', () => {
    expect(parseRefusal('Only admins may do that')).toEqual({ code: null, message: 'Only admins may do that' });
    expect(parseRefusal('[not-owner] 不是')).toEqual({ code: 'not-owner', message: '不是' });
  });
});
