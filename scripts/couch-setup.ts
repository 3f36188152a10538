/**
 * `npm run couch:setup -- <server URL> [--plan <plan package or backup .json>] [--office-accounts N]
 *  [--origin <the app's address>] [--reset <account>] [--session-hours H] [--json]`
 *
 * Prepares a CouchDB (or pouchdb-server) for one plan, as its server admin (COUCH_ADMIN_USER and
 * COUCH_ADMIN_PASSWORD in the environment, never on the command line where `ps` shows it):
 * the plan's database, its security object (the office administers, every unit reads), the
 * design document with the write rules, the plan and the registry documents, and one account per
 * unit of the registry plus the office's, printing each new account's password once to hand out.
 * Running it again changes nothing that is already right: existing accounts keep their password
 * (`--reset <account>` gives one a new one), the plan and registry on the server are kept (the
 * office edits them there), and the rules are rewritten only when the plan's owners changed.
 * Without --plan, the plan is the app's first-start plan (the seed speech).
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OFFICE_NAME, type Plan, type Unit } from '../src/domain/model';
import { restorePlan, restoreUnits } from '../src/domain/restore';
import { buildDesignDoc, buildRules, buildSecurity, dbNameForPlan, DESIGN_DOC_ID, OFFICE_ROLE, PLAN_DOC_ID, REGISTRY_DOC_ID, unitRole, type DesignDoc } from '../src/domain/sync/couch';

const root = path.resolve(import.meta.dirname, '..');
const USAGE =
  '用法：COUCH_ADMIN_USER=… COUCH_ADMIN_PASSWORD=… npm run couch:setup -- <服务器地址> [--plan 计划包或完整备份.json] [--office-accounts 数量] [--origin 应用网址] [--reset 账号] [--session-hours 小时] [--json]';

export class SetupError extends Error {}

export interface SetupOptions {
  serverUrl: string;
  admin: { user: string; password: string };
  plan?: { plan: Plan; units: Unit[] };
  officeAccounts?: number;
  /** The app's origin, allowed to call the server from the browser with its cookie (CORS). */
  origin?: string;
  reset?: string[];
  sessionHours?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface AccountLine {
  unit: string;
  account: string;
  role: string;
  /** Only for an account created or reset now: printed once, stored nowhere. */
  password: string | null;
  status: 'created' | 'kept' | 'roles-updated' | 'reset';
}

export interface SetupReport {
  server: 'couchdb' | 'pouchdb-server';
  dbUrl: string;
  db: 'created' | 'existed';
  design: 'created' | 'updated' | 'same' | 'newer-kept';
  plan: 'created' | 'kept';
  registry: 'created' | 'kept';
  accounts: AccountLine[];
}

/** Unambiguous letters and digits (no 0/O, 1/l/I): read aloud over the phone or copied from paper. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newPassword(length = 14): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** An account name from a unit's registry id: CouchDB user names must not start with `_`. */
export function accountName(unit: Unit): string {
  const s = unit.id.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-_.]+/, '');
  return s || `unit-${[...unit.name].map((c) => c.codePointAt(0)!.toString(16)).join('')}`;
}

export async function couchSetup(o: SetupOptions): Promise<SetupReport> {
  const doFetch = o.fetch ?? fetch;
  const base = o.serverUrl.endsWith('/') ? o.serverUrl : `${o.serverUrl}/`;
  const auth = `Basic ${Buffer.from(`${o.admin.user}:${o.admin.password}`).toString('base64')}`;
  const call = async (method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    let res: Response;
    try {
      res = await doFetch(`${base}${p}`, {
        method,
        headers: { Authorization: auth, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new SetupError(`无法连接 ${base}：${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = { raw: text };
    }
    return { status: res.status, json };
  };
  const must = async (method: string, p: string, body?: unknown, ok: number[] = [200, 201, 202]) => {
    const r = await call(method, p, body);
    if (!ok.includes(r.status)) throw new SetupError(`${method} ${p} 失败：HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    return r;
  };

  const hello = await must('GET', '');
  const server: SetupReport['server'] = 'express-pouchdb' in hello.json ? 'pouchdb-server' : 'couchdb';
  const me = await must('GET', '_session');
  const roles = ((me.json.userCtx as { roles?: string[] } | undefined)?.roles ?? []) as string[];
  if (!roles.includes('_admin')) throw new SetupError('COUCH_ADMIN_USER / COUCH_ADMIN_PASSWORD 不是这台服务器的管理员账号（或密码不对）');

  // Server settings. A session lasts a working day and survives closing the browser, because a
  // department may be offline for hours; every request renews it.
  const hours = o.sessionHours ?? 12;
  const config = async (section: string, key: string, value: string) => {
    const p = server === 'couchdb' ? `_node/_local/_config/${section}/${key}` : `_config/${section}/${key}`;
    await must('PUT', p, value);
  };
  const authSection = server === 'couchdb' ? 'chttpd_auth' : 'couch_httpd_auth';
  await config(authSection, 'timeout', String(Math.round(hours * 3600)));
  await config(authSection, 'allow_persistent_cookies', 'true');
  if (server === 'pouchdb-server') {
    // pouchdb-server draws a new cookie secret at every start unless one is saved: keep the
    // current one, so a restart does not log every office out.
    const cur: unknown = (await must('GET', `_config/${authSection}/secret`)).json;
    await config(authSection, 'secret', typeof cur === 'string' && cur ? cur : newPassword(32));
  } else {
    await must('PUT', '_users', undefined, [201, 202, 412]);
  }
  if (o.origin) {
    const origin = new URL(o.origin).origin;
    const cors = server === 'couchdb' ? 'chttpd' : 'httpd';
    await config(cors, 'enable_cors', 'true');
    await config('cors', 'origins', origin);
    await config('cors', 'credentials', 'true');
    await config('cors', 'methods', 'GET, PUT, POST, HEAD, DELETE');
    await config('cors', 'headers', 'accept, authorization, content-type, origin, referer');
  }

  // The plan: the server's when it has one (the office edits it there), else the one given.
  const given = o.plan ?? (await seedPlan(o.now?.() ?? new Date()));
  const dbName = dbNameForPlan(given.plan.id);
  const dbPath = encodeURIComponent(dbName);
  const createdDb = await must('PUT', dbPath, undefined, [201, 202, 412]);
  const onServerPlan = await call('GET', `${dbPath}/${PLAN_DOC_ID}`);
  const onServerRegistry = await call('GET', `${dbPath}/${REGISTRY_DOC_ID}`);
  const now = (o.now?.() ?? new Date()).toISOString();
  let plan = given.plan;
  let units = given.units;
  let planStatus: SetupReport['plan'] = 'kept';
  let registryStatus: SetupReport['registry'] = 'kept';
  if (onServerPlan.status === 200) plan = (onServerPlan.json as { plan: Plan }).plan;
  if (onServerRegistry.status === 200) units = (onServerRegistry.json as { units: Unit[] }).units;

  await must('PUT', `${dbPath}/_security`, buildSecurity(units));

  const validateSource = readFileSync(path.join(root, 'couchdb/validate_doc_update.js'), 'utf8');
  const want = buildDesignDoc(validateSource, buildRules(plan));
  const have = await call('GET', `${dbPath}/${DESIGN_DOC_ID}`);
  let design: SetupReport['design'];
  if (have.status !== 200) {
    await must('PUT', `${dbPath}/${DESIGN_DOC_ID}`, want);
    design = 'created';
  } else {
    const cur = have.json as unknown as DesignDoc;
    if ((cur.luoshi?.rulesVersion ?? 0) > want.luoshi.rulesVersion) design = 'newer-kept';
    else if (cur.validate_doc_update === want.validate_doc_update) design = 'same';
    else {
      await must('PUT', `${dbPath}/${DESIGN_DOC_ID}`, { ...want, _rev: cur._rev });
      design = 'updated';
    }
  }
  if (onServerPlan.status !== 200) {
    await must('PUT', `${dbPath}/${PLAN_DOC_ID}`, { _id: PLAN_DOC_ID, plan, editedBy: o.admin.user, editedAt: now });
    planStatus = 'created';
  }
  if (onServerRegistry.status !== 200) {
    await must('PUT', `${dbPath}/${REGISTRY_DOC_ID}`, { _id: REGISTRY_DOC_ID, units, editedBy: o.admin.user, editedAt: now });
    registryStatus = 'created';
  }

  // Accounts: the office's, then one per unit of the registry.
  const reset = new Set(o.reset ?? []);
  const wanted: Array<{ unit: string; account: string; role: string }> = [];
  const officeCount = Math.max(1, o.officeAccounts ?? 1);
  for (let i = 1; i <= officeCount; i++) wanted.push({ unit: OFFICE_NAME, account: i === 1 ? 'office' : `office${i}`, role: OFFICE_ROLE });
  const taken = new Set(wanted.map((w) => w.account));
  for (const u of units) {
    if (u.kind === 'office') continue;
    let account = accountName(u);
    for (let n = 2; taken.has(account); n++) account = `${accountName(u)}-${n}`;
    taken.add(account);
    wanted.push({ unit: u.name, account, role: unitRole(u.name) });
  }
  for (const r of reset) if (!taken.has(r)) throw new SetupError(`没有账号“${r}”：--reset 只能用于本计划的账号（${[...taken].slice(0, 5).join('、')}…）`);

  const accounts: AccountLine[] = [];
  for (const w of wanted) {
    const id = `_users/${encodeURIComponent(`org.couchdb.user:${w.account}`)}`;
    const cur = await call('GET', id);
    if (cur.status === 200) {
      const doc = cur.json as { _rev: string; roles?: string[] } & Record<string, unknown>;
      const sameRoles = JSON.stringify(doc.roles ?? []) === JSON.stringify([w.role]);
      if (reset.has(w.account)) {
        const password = newPassword();
        await must('PUT', id, { ...doc, roles: [w.role], password });
        accounts.push({ ...w, password, status: 'reset' });
      } else if (!sameRoles) {
        // A renamed unit: the account keeps its password and gets the new name's role.
        await must('PUT', id, { ...doc, roles: [w.role] });
        accounts.push({ ...w, password: null, status: 'roles-updated' });
      } else accounts.push({ ...w, password: null, status: 'kept' });
    } else if (cur.status === 404) {
      const password = newPassword();
      await must('PUT', id, { _id: `org.couchdb.user:${w.account}`, name: w.account, type: 'user', roles: [w.role], password });
      accounts.push({ ...w, password, status: 'created' });
    } else {
      throw new SetupError(`读取账号 ${w.account} 失败：HTTP ${cur.status}`);
    }
  }

  return {
    server,
    dbUrl: `${base}${dbPath}`,
    db: createdDb.status === 412 ? 'existed' : 'created',
    design,
    plan: planStatus,
    registry: registryStatus,
    accounts,
  };
}

/** The plan of a first start: the seed speech, parsed as the app parses it. */
async function seedPlan(now: Date): Promise<{ plan: Plan; units: Unit[] }> {
  const { enableRawImports } = await import('../bench/raw-import');
  enableRawImports();
  const { createSeedPlan } = await import('../src/domain/seed');
  const { DEFAULT_UNITS } = await import('../src/domain/units-registry');
  return { plan: createSeedPlan(now), units: DEFAULT_UNITS };
}

/** A plan package or a full backup (the app's own files) as the plan and registry to install. */
export function readPlanFile(file: string, now: Date): { plan: Plan; units: Unit[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SetupError(`无法读取 ${file}：${e instanceof Error ? e.message : String(e)}`);
  }
  const payload = (json as { payload?: { plan?: unknown; units?: unknown } } | null)?.payload;
  const plan = restorePlan(payload?.plan, { now });
  const units = restoreUnits(payload?.units);
  if (!plan || !units) throw new SetupError(`${file} 不是落实的计划包或完整备份（缺少计划或单位名录）`);
  return { plan, units };
}

function printReport(r: SetupReport): string {
  const status: Record<AccountLine['status'], string> = { created: '新建', kept: '已存在，密码未改', 'roles-updated': '已存在，角色已更新', reset: '密码已重置' };
  const lines = [
    `服务器：${r.server === 'couchdb' ? 'CouchDB' : 'pouchdb-server'}`,
    `数据库地址（填入落实“数据与备份 → 同步”）：${r.dbUrl}`,
    `数据库：${r.db === 'created' ? '已新建' : '已存在'}；规则：${{ created: '已安装', updated: '已更新', same: '无变化', 'newer-kept': '服务器上是更新版本的规则，未改动' }[r.design]}；计划：${r.plan === 'created' ? '已上传' : '服务器上已有，未改动'}；单位名录：${r.registry === 'created' ? '已上传' : '服务器上已有，未改动'}`,
    '',
    '单位\t账号\t密码（只显示这一次，请分发后妥善保管）\t说明',
  ];
  for (const a of r.accounts) lines.push(`${a.unit}\t${a.account}\t${a.password ?? '—'}\t${status[a.status]}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let serverUrl: string | undefined;
  let planFile: string | undefined;
  let officeAccounts: number | undefined;
  let origin: string | undefined;
  let sessionHours: number | undefined;
  let json = false;
  const reset: string[] = [];
  const value = (i: number, name: string) => {
    const v = argv[i];
    if (v === undefined) throw new SetupError(`${name} 后面缺少值。${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--plan') planFile = value(++i, a);
    else if (a === '--office-accounts') officeAccounts = Number(value(++i, a));
    else if (a === '--origin') origin = value(++i, a);
    else if (a === '--reset') reset.push(value(++i, a));
    else if (a === '--session-hours') sessionHours = Number(value(++i, a));
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') throw new SetupError(USAGE);
    else if (a.startsWith('-')) throw new SetupError(`不认识的选项：${a}。${USAGE}`);
    else if (!serverUrl) serverUrl = a;
    else throw new SetupError(`多出的参数：${a}。${USAGE}`);
  }
  if (!serverUrl) throw new SetupError(`没有指定服务器地址。${USAGE}`);
  if (officeAccounts !== undefined && (!Number.isInteger(officeAccounts) || officeAccounts < 1 || officeAccounts > 20)) throw new SetupError('--office-accounts 应为 1 至 20');
  if (sessionHours !== undefined && !(sessionHours > 0 && sessionHours <= 24 * 30)) throw new SetupError('--session-hours 应为 0 至 720 之间的小时数');
  const user = process.env.COUCH_ADMIN_USER;
  const password = process.env.COUCH_ADMIN_PASSWORD;
  if (!user || !password) throw new SetupError(`请在环境变量 COUCH_ADMIN_USER 和 COUCH_ADMIN_PASSWORD 中给出服务器管理员账号。${USAGE}`);
  const report = await couchSetup({
    serverUrl,
    admin: { user, password },
    plan: planFile ? readPlanFile(planFile, new Date()) : undefined,
    officeAccounts,
    origin,
    reset,
    sessionHours,
  });
  process.stdout.write(json ? `${JSON.stringify(report, null, 1)}\n` : `${printReport(report)}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof SetupError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(e instanceof SetupError ? 2 : 1);
    },
  );
}
