/**
 * The same rules end to end: a real pouchdb-server (CouchDB's HTTP API, validate_doc_update,
 * `_users` roles and `_session` cookies), started by this file on 127.0.0.1 and stopped after it,
 * prepared by the setup script, and written to by the app's own client logged in as each role.
 * A forbidden write is HTTP 403 with the rule's reason; the setup is idempotent.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPouchServer, type PouchServer } from '../../scripts/pouchdb-server';
import { couchSetup, SetupError, type SetupReport } from '../../scripts/couch-setup';
import { CouchClient, CouchError, withCookieJar } from '@/sync/couch-client';
import { parseRefusal } from '@/domain/sync/couch';
import { OFFICE_NAME, type Plan } from '@/domain/model';
import { owner } from '../domain/task-fixtures';
import { A, B, syncPlan, syncUnits } from './sync-host';

const root = path.resolve(import.meta.dirname, '../..');
const units = syncUnits;
const thePlan: Plan = syncPlan('e2e');
const AT = '2024-03-01T08:00:00.000Z';

let server: PouchServer;
let report: SetupReport;
const pw = (account: string) => report.accounts.find((a) => a.account === account)!.password!;

async function as(account: string, password = pw(account)): Promise<CouchClient> {
  const c = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
  await c.login(account, password);
  return c;
}

/** One document through _bulk_docs: 'ok' or the refusal's code (a 403 per document). */
async function write(c: CouchClient, doc: Record<string, unknown>): Promise<string> {
  const [r] = await c.bulkDocs([doc]);
  if (r?.ok) return 'ok';
  return r?.error === 'forbidden' ? (parseRefusal(r.reason).code ?? `forbidden: ${r.reason}`) : String(r?.error);
}

/** One document through PUT: its HTTP status (403 when the rules refuse it). */
async function put(c: CouchClient, doc: { _id: string; _rev?: string } & Record<string, unknown>): Promise<number> {
  try {
    await c.put(doc);
    return 201;
  } catch (e) {
    if (e instanceof CouchError) return e.status;
    throw e;
  }
}

beforeAll(async () => {
  server = await startPouchServer({ inMemory: true });
  report = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: thePlan, units }, officeAccounts: 2 });
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

describe('couch:setup', () => {
  it('creates the database, the rules, the plan, the registry and one account per unit', () => {
    expect(report).toMatchObject({ server: 'pouchdb-server', db: 'created', design: 'created', plan: 'created', registry: 'created' });
    expect(report.dbUrl).toBe(`${server.url}luoshi-e2e`);
    expect(report.accounts.map((a) => [a.account, a.role, a.status])).toEqual([
      ['office', 'office', 'created'],
      ['office2', 'office', 'created'],
      ['fgw', `unit:${A}`, 'created'],
      ['jyj', `unit:${B}`, 'created'],
    ]);
    for (const a of report.accounts) expect(a.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
  });

  it('changes nothing when run again, and the handed-out passwords still work', async () => {
    const again = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: thePlan, units }, officeAccounts: 2 });
    expect(again).toMatchObject({ db: 'existed', design: 'same', plan: 'kept', registry: 'kept' });
    expect(again.accounts.every((a) => a.status === 'kept' && a.password === null)).toBe(true);
    const c = await as('fgw');
    expect((await c.session()).roles).toEqual([`unit:${A}`]);
  });

  it('gives one account a new password with --reset, and the old one stops working', async () => {
    const old = pw('jyj');
    const r = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: thePlan, units }, officeAccounts: 2, reset: ['jyj'] });
    const line = r.accounts.find((a) => a.account === 'jyj')!;
    expect(line.status).toBe('reset');
    await expect(as('jyj', old)).rejects.toMatchObject({ status: 401 });
    await as('jyj', line.password!);
    report.accounts = report.accounts.map((a) => (a.account === 'jyj' ? line : a));
  });

  it('runs as `npm run couch:setup -- <server>` with the admin from the environment, twice', () => {
    const run = () =>
      spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/couch-setup.ts'), server.url, '--json'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, COUCH_ADMIN_USER: server.admin.user, COUCH_ADMIN_PASSWORD: server.admin.password },
        timeout: 120_000,
      });
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const r1 = JSON.parse(first.stdout) as SetupReport;
    // Without --plan: the app's first-start plan (the seed speech) in its own database.
    expect(r1.dbUrl).toBe(`${server.url}luoshi-seed`);
    expect(r1.accounts.filter((a) => a.status === 'created').length).toBeGreaterThan(20);
    const r2 = JSON.parse(run().stdout) as SetupReport;
    expect(r2).toMatchObject({ db: 'existed', design: 'same', plan: 'kept', registry: 'kept' });
    expect(r2.accounts.every((a) => a.status === 'kept' && a.password === null)).toBe(true);
    const missing = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/couch-setup.ts'), server.url], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, COUCH_ADMIN_USER: '', COUCH_ADMIN_PASSWORD: '' },
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('COUCH_ADMIN_USER');
  }, 240_000);

  it('refuses an admin that is not one', async () => {
    await expect(couchSetup({ serverUrl: server.url, admin: { user: 'admin', password: 'wrong' }, plan: { plan: thePlan, units } })).rejects.toThrow(SetupError);
  });
});

describe('the rules on a real server (403 for a forbidden write)', () => {
  it('nobody without an account reads or writes', async () => {
    const anon = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
    await expect(anon.dbInfo()).rejects.toMatchObject({ status: 401 });
    await expect(as('fgw', 'not-the-password')).rejects.toMatchObject({ status: 401 });
  });

  it('a unit writes its own records on its own tasks, and nothing else', async () => {
    const a = await as('fgw');
    expect(await write(a, { _id: 'ev-a1', type: 'tick', at: AT, unit: A, taskId: 't1', note: '', done: true })).toBe('ok');
    expect(await write(a, { _id: 'ev-a2', type: 'notice', at: AT, unit: OFFICE_NAME, taskId: 't1', note: '', kind: 'commend' })).toBe('office-only');
    expect(await write(a, { _id: 'ev-a3', type: 'review', at: AT, unit: A, taskId: 't1', note: '', accepted: true, grade: '优秀' })).toBe('office-only');
    expect(await write(a, { _id: 'ev-a4', type: 'tick', at: AT, unit: B, taskId: 't2', note: '', done: true })).toBe('not-own-unit');
    expect(await write(a, { _id: 'ev-a5', type: 'tick', at: AT, unit: A, taskId: 't2', note: '', done: true })).toBe('not-owner');
    expect(await put(a, { _id: 'ev-a6', type: 'urge', at: AT, unit: OFFICE_NAME, taskId: 't1', note: '' })).toBe(403);
    // The co-owner writes on the shared task.
    const b = await as('jyj');
    expect(await write(b, { _id: 'ev-b1', type: 'progress', at: AT, unit: B, taskId: 't1', note: '', percent: 30 })).toBe('ok');
  });

  it('nobody changes or deletes an event, not even the office', async () => {
    const a = await as('fgw');
    const doc = await a.get('ev-a1');
    expect(await put(a, { ...doc!, done: false })).toBe(403);
    expect(await write(a, { ...doc!, _deleted: true })).toBe('no-delete');
    const office = await as('office');
    expect(await put(office, { ...doc!, note: '改' })).toBe(403);
    // Written again under the same id without a revision: never a second copy. CouchDB answers
    // 409 before it runs the rules; pouchdb-server runs the rules first (403 immutable). The
    // client takes either as "already on the server".
    expect(['conflict', 'immutable']).toContain(await write(a, { _id: 'ev-a1', type: 'tick', at: AT, unit: A, taskId: 't1', note: '', done: true }));
    expect((await a.get('ev-a1'))!._rev).toBe(doc!._rev);
  });

  it('only the office writes the plan, the registry and the rules', async () => {
    const a = await as('fgw');
    const planDoc = (await a.get<{ plan: Plan }>('plan'))!;
    expect(await put(a, { ...planDoc, plan: { ...planDoc.plan, title: '改了' } })).toBe(403);
    const reg = (await a.get('registry'))!;
    expect(await put(a, { ...reg, units: [] })).toBe(403);
    const ddoc = (await a.get('_design/luoshi'))!;
    expect([401, 403]).toContain(await put(a, { ...ddoc, validate_doc_update: 'function(){}' }));

    const office = await as('office');
    expect(await write(office, { _id: 'ev-o1', type: 'urge', at: AT, unit: OFFICE_NAME, taskId: 't1', note: '请加快' })).toBe('ok');
    expect(await put(office, { ...planDoc, plan: { ...planDoc.plan, title: '办公室改了' }, editedBy: 'office' })).toBe(201);
    expect(await put(office, { ...reg, editedBy: 'office' })).toBe(201);
    // The office relays a department's record that reached it as a file.
    expect(await write(office, { _id: 'ev-relay', type: 'tick', at: AT, unit: B, taskId: 't2', note: '', done: true })).toBe('ok');
  });

  it('two office users saving the plan from the same version: the second gets 409, nothing is overwritten', async () => {
    const o1 = await as('office');
    const o2 = await as('office2');
    const base = (await o1.get<{ plan: Plan }>('plan'))!;
    expect(await put(o1, { ...base, plan: { ...base.plan, title: '一号的修改' }, editedBy: 'office' })).toBe(201);
    expect(await put(o2, { ...base, plan: { ...base.plan, title: '二号的修改' }, editedBy: 'office2' })).toBe(409);
    expect((await o2.get<{ plan: Plan }>('plan'))!.plan.title).toBe('一号的修改');
  });

  it('the office can rewrite the rules (it is the database admin); a new owner may then write', async () => {
    const a = await as('fgw');
    expect(await write(a, { _id: 'ev-a7', type: 'tick', at: AT, unit: A, taskId: 't2', note: '', done: true })).toBe('not-owner');
    const office = await as('office');
    const planDoc = (await office.get<{ plan: Plan }>('plan'))!;
    const moved = { ...planDoc.plan, tasks: planDoc.plan.tasks.map((t) => (t.id === 't2' ? { ...t, owners: [...t.owners, owner(A, 'co')] } : t)) };
    await office.put({ ...planDoc, plan: moved });
    const r = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: thePlan, units }, officeAccounts: 2 });
    expect(r.design).toBe('updated');
    expect(await write(a, { _id: 'ev-a7', type: 'tick', at: AT, unit: A, taskId: 't2', note: '', done: true })).toBe('ok');
  });
});
