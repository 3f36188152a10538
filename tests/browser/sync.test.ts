/**
 * Live sync in the built app, in Chromium, against a pouchdb-server that this file starts on
 * 127.0.0.1 (on disk, so it can be stopped and restarted) and stops at the end: the mayor's
 * office and two departments in three browser contexts, each logged in on 数据与备份 with the
 * account couch:setup made for it.
 * - A department that, before sync, had switched the picker to the office and praised itself,
 *   and ticked another unit's task, sees both refused by the server (403) with the reason.
 * - A department's tick reaches the office's dashboard within 5 s.
 * - The server stops mid-work: the departments keep working (离线（N 条待发送）), one reloads; the
 *   server restarts: everything arrives, each record once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPouchServer, type PouchServer } from '../../scripts/pouchdb-server';
import { couchSetup, type SetupReport } from '../../scripts/couch-setup';
import { createSeedPlan } from '@/domain/seed';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { CouchClient, withCookieJar } from '@/sync/couch-client';
import type { Task } from '@/domain/model';
import { baseURL, FAKE_NOW, kpi, launchBrowser, newOffice, open, seriousAxeViolations, shot, type Watched } from './harness';

const seed = createSeedPlan(FAKE_NOW);
const A = '市发展和改革委员会';
const leads = (name: string) => (t: Task) => t.owners.some((o) => o.role === 'lead' && o.name === name);
const aTasks = seed.tasks.filter(leads(A));
// The second department: another registry unit that leads a task A has no part in.
const unitB = DEFAULT_UNITS.find((u) => u.kind === 'department' && u.name !== A && seed.tasks.some((t) => leads(u.name)(t) && !t.owners.some((o) => o.name === A)))!;
const B = unitB.name;
const bTask = seed.tasks.find((t) => leads(B)(t) && !t.owners.some((o) => o.name === A))!;
const [aTick1, aTick2, aPraised] = aTasks;

let server: PouchServer;
let report: SetupReport;
let browser: Browser;
const people: Record<'office' | 'a' | 'b', { context: BrowserContext; watched: Watched; page: Page }> = {} as never;

const password = (account: string) => report.accounts.find((x) => x.account === account)!.password!;

async function connect(page: Page, account: string) {
  await open(page, '/data');
  const panel = page.getByRole('region', { name: '同步' });
  await panel.getByLabel('数据库地址').fill(report.dbUrl);
  await panel.getByLabel('账号').fill(account);
  await panel.getByLabel('密码').fill(password(account));
  await panel.getByRole('button', { name: '连接并登录' }).click();
}

/** The sync status line in the header, as a person reads it. */
function status(page: Page) {
  return page.getByRole('banner').getByRole('status').innerText();
}

/** Reports a task done as a department does (issue 12): the box opens 办结, the note is required. */
async function tick(page: Page, task: Task) {
  await open(page, '/my');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: task.title }) });
  const box = card.getByRole('checkbox', { name: task.title });
  await box.click();
  await card.getByLabel(/^完成说明/).fill('已完成，佐证材料已归档');
  await card.getByRole('button', { name: '报告完成' }).click();
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** Every event document on the server, read as the office. */
async function serverEvents(): Promise<Array<{ _id: string; type: string; unit: string; taskId: string }>> {
  const c = new CouchClient(report.dbUrl, { fetch: withCookieJar() });
  await c.login('office', password('office'));
  const r = await c.changes({ since: 0, limit: 10_000 });
  return r.results.filter((x) => x.doc && !['plan', 'registry'].includes(x.id) && !x.id.startsWith('_')).map((x) => x.doc as never);
}

beforeAll(async () => {
  expect(aTasks.length, 'the seed must give 市发展和改革委员会 three tasks to lead').toBeGreaterThanOrEqual(3);
  server = await startPouchServer();
  report = await couchSetup({ serverUrl: server.url, admin: server.admin, plan: { plan: seed, units: DEFAULT_UNITS }, origin: baseURL() });
  browser = await launchBrowser();
  for (const who of ['office', 'a', 'b'] as const) {
    const o = await newOffice(browser);
    people[who] = { ...o, page: await o.context.newPage() };
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('live sync through a server (three offices)', () => {
  it('before sync, department A speaks for the office and for another unit (there is no login yet)', async () => {
    const p = people.a.page;
    await open(p, '/dashboard');
    await p.getByLabel('当前身份').selectOption({ label: '市政府办公室（全部内容）' });
    await open(p, `/supervision?task=${encodeURIComponent(aPraised!.id)}`);
    const form = p.getByRole('form', { name: '表扬 / 通报' });
    await form.getByLabel('事由').fill('自己表扬自己');
    await form.getByRole('button', { name: /记录表扬/ }).click();
    await p.getByText('已记录表扬').first().waitFor();
    await p.getByLabel('当前身份').selectOption({ label: B });
    await tick(p, bTask);
  });

  it('each office logs in; the login decides the identity and the picker is gone', async () => {
    await connect(people.office.page, 'office');
    await connect(people.b.page, unitB.id);
    await connect(people.a.page, 'fgw');
    for (const who of ['office', 'a', 'b'] as const) {
      const p = people[who].page;
      await expect.poll(() => status(p), { timeout: 20_000 }).toMatch(/已同步|被服务器拒收/);
      expect(await p.getByLabel('当前身份').count()).toBe(0);
    }
    expect(await people.a.page.getByRole('banner').innerText()).toContain(`账号 fgw（${A}）`);
    expect(await people.office.page.getByRole('contentinfo').innerText()).toContain('每条记录的写入权限由服务器核验');
  });

  it('the server refuses (403) department A’s office record and its record for another unit, and the app says why', async () => {
    const p = people.a.page;
    await expect.poll(() => status(p), { timeout: 20_000 }).toContain('被服务器拒收');
    expect(await status(p)).toMatch(/共 2 条/);
    await open(p, '/data');
    const refused = p.getByRole('region', { name: '同步' });
    const text = await refused.innerText();
    expect(text).toContain('被服务器拒收的记录（2）');
    expect(text).toContain('“通报/表扬”只能由市政府办公室记录');
    expect(text).toContain(`不能以${B}的名义填写记录`);
    await shot(p, 'sync-01-dept-refused');
    await p.setViewportSize({ width: 390, height: 844 });
    await shot(p, 'sync-01-dept-refused-390');
    await p.setViewportSize({ width: 1280, height: 900 });
    // Neither reached the server, so neither reached the office or department B.
    const onServer = await serverEvents();
    expect(onServer.some((e) => e.type === 'notice')).toBe(false);
    expect(onServer.some((e) => e.unit === B && e.taskId === bTask.id)).toBe(false);
    expect(await seriousAxeViolations(p)).toEqual([]);
  });

  it('a department’s tick reaches the office’s dashboard within 5 s', async () => {
    const office = people.office.page;
    await open(office, '/dashboard');
    const before = Number(await kpi(office, '已完成'));
    const t0 = Date.now();
    await tick(people.a.page, aTick1!);
    await expect.poll(() => kpi(office, '已完成'), { timeout: 5_000, interval: 100 }).toBe(String(before + 1));
    const ms = Date.now() - t0;
    console.log(`tick → office dashboard: ${ms} ms`);
    expect(ms).toBeLessThan(5_000);
    await shot(office, 'sync-02-office-dashboard');
  });

  it('the server stops mid-work: departments keep working offline, a reload keeps the queue; after the restart everything arrives once', async () => {
    const office = people.office.page;
    const before = Number(await kpi(office, '已完成'));
    await server.stop();
    await tick(people.a.page, aTick2!);
    await tick(people.b.page, bTask);
    await expect.poll(() => status(people.a.page), { timeout: 20_000 }).toBe('离线（1 条待发送）');
    await expect.poll(() => status(people.b.page), { timeout: 20_000 }).toBe('离线（1 条待发送）');
    await open(people.a.page, '/my');
    await shot(people.a.page, 'sync-03-dept-offline');
    await people.a.page.reload();
    await people.a.page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => status(people.a.page), { timeout: 20_000 }).toBe('离线（1 条待发送）');
    expect(await kpi(office, '已完成')).toBe(String(before));

    await server.restart();
    for (const who of ['a', 'b'] as const) await expect.poll(() => status(people[who].page), { timeout: 30_000 }).toMatch(/已同步|被服务器拒收（[^）]*共 2 条）/);
    await expect.poll(() => kpi(office, '已完成'), { timeout: 15_000 }).toBe(String(before + 2));

    const onServer = await serverEvents();
    const ids = onServer.map((e) => e._id);
    expect(new Set(ids).size).toBe(ids.length);
    const ticks = onServer.filter((e) => e.type === 'tick');
    expect(ticks.map((e) => `${e.unit}:${e.taskId}`).sort()).toEqual([`${A}:${aTick1!.id}`, `${A}:${aTick2!.id}`, `${B}:${bTask.id}`].sort());
    // The office holds each record once: its record of the task lists one completion.
    await open(office, `/supervision?task=${encodeURIComponent(aTick2!.id)}`);
    await shot(office, 'sync-04-office-task-record');
    await expect.poll(() => office.getByText(/^(标记|报告)完成$/).count()).toBe(1);
    for (const who of ['office', 'a', 'b'] as const) {
      expect(people[who].watched.dialogs).toEqual([]);
      expect(people[who].watched.errors).toEqual([]);
    }
  });

  it('a second window of a department follows the first (one engine a browser); its untick still reaches the office', async () => {
    const office = people.office.page;
    await open(office, '/dashboard');
    const before = Number(await kpi(office, '已完成'));
    const second = await people.a.context.newPage();
    await open(second, '/my');
    await expect.poll(() => status(second), { timeout: 10_000 }).toBe('由本浏览器的另一个窗口同步');
    const box = second.getByRole('checkbox', { name: aTick1!.title });
    await box.uncheck();
    await expect.poll(() => box.isChecked()).toBe(false);
    await expect.poll(() => kpi(office, '已完成'), { timeout: 10_000 }).toBe(String(before - 1));
    await expect.poll(() => status(people.a.page), { timeout: 10_000 }).toMatch(/已同步|被服务器拒收/);
    await second.close();
  });
});
