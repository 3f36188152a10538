/**
 * Issue 13's forgery, in the built app, in two Chromium contexts (two computers): a department
 * imports the office's plan package, switches its picker to 市政府办公室 and finds the office's
 * screens read-only; it then wipes its pinned keys so that its browser acts as an office of its
 * own, records a 表扬 and an 通过验收 on its own task and exports a plan package. The office's
 * preview lists both records as 拒收 with the reason, nothing is applied, the dashboard is unchanged.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeedPlan } from '@/domain/seed';
import type { Task } from '@/domain/model';
import { TRUST_KEY } from '@/store/keys';
import { catchDownload, confirmKey, expectClean, FAKE_NOW, launchBrowser, newOffice, open, ownFingerprint, PLAN_YEAR, seriousAxeViolations, shot, type Watched } from './harness';

const seed = createSeedPlan(FAKE_NOW);
const DEPT = '市发展和改革委员会';
const q1End = `${PLAN_YEAR}-03-31`;
/** The department's own task: it leads it. */
const own: Task | undefined =
  seed.tasks.find((t) => t.owners.some((o) => o.role === 'lead' && o.name === DEPT) && t.deadline.due !== null && t.deadline.due <= q1End) ??
  seed.tasks.find((t) => t.owners.some((o) => o.role === 'lead' && o.name === DEPT));

/** Another task, whose title the office edits. */
const other = seed.tasks.find((t) => t !== own && t.title.length < 40);

let browser: Browser;
let office: { context: BrowserContext; watched: Watched };
let dept: { context: BrowserContext; watched: Watched };
let officePage: Page;
let deptPage: Page;
let planPackage = '';
let forgedPackage = '';
let officeFingerprint = '';

async function importFile(p: Page, file: string) {
  await open(p, '/data');
  await p.getByLabel('选择要导入的文件（.json）').setInputFiles(file);
  const preview = p.getByRole('region', { name: /导入预览/ });
  await preview.waitFor();
  return preview;
}

async function dashboardFigures(p: Page): Promise<string> {
  await open(p, '/dashboard');
  return p.getByRole('region', { name: '关键指标' }).innerText();
}

describe('a department cannot speak for the office', () => {
  beforeAll(async () => {
    expect(own, `种子计划中应有一项由${DEPT}牵头的任务`).toBeTruthy();
    expect(other).toBeTruthy();
    browser = await launchBrowser();
    office = await newOffice(browser);
    dept = await newOffice(browser);
    officePage = await office.context.newPage();
    deptPage = await dept.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the office shows its fingerprint and exports a signed plan package', async () => {
    const p = officePage;
    await open(p, '/dashboard');
    // The office edits its plan (so its package is newer than a department's seed) and records
    // one office record for the package to carry: 挂牌督办 on the department's task.
    await open(p, '/lists');
    await p.getByRole('button', { name: other!.title, exact: true }).click();
    const editor = p.getByRole('form', { name: `编辑任务：${other!.title}` });
    await editor.getByRole('textbox', { name: '任务名称' }).fill(`${other!.title}（细化）`);
    await editor.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => p.getByRole('form', { name: `编辑任务：${other!.title}` }).count()).toBe(0);
    await p.getByRole('button', { name: new RegExp(`^挂牌\\s*：\\s*${own!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
    officeFingerprint = await ownFingerprint(p);
    expect(officeFingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    // The printed 督办单 carries the same fingerprint, for the department to compare on paper.
    await open(p, `/notice/${encodeURIComponent(own!.id)}`);
    await expect(p.getByText(`市政府办公室签名密钥指纹：${officeFingerprint}`).isVisible()).resolves.toBe(true);
    await p.emulateMedia({ media: 'print' });
    await shot(p, 'sign-01b-office-notice-print');
    await p.emulateMedia({ media: 'screen' });
    await open(p, '/data');
    await shot(p, 'sign-01-office-keys');
    const { file, text } = await catchDownload(p, () => p.getByRole('button', { name: '导出计划包' }).click(), 'signed-plan-package.json');
    planPackage = file;
    const pkg = JSON.parse(text) as { signature?: { key: string }; payload: { signer?: { author: string } } };
    expect(pkg.payload.signer?.author).toBe('市政府办公室');
    expect(pkg.signature?.key).toMatch(/^[0-9a-f]{16}$/);
    expect(text).toMatch(/"type": "flag"[\s\S]*"sig"|"sig"[\s\S]*"type": "flag"/);
    expectClean(office.watched);
  });

  it('the department pins the office’s key after comparing fingerprints, and imports the package', async () => {
    const p = deptPage;
    await open(p, '/dashboard');
    const preview = await importFile(p, planPackage);
    expect(await preview.innerText()).toContain('等待登记市政府办公室的密钥');
    await shot(p, 'sign-02-dept-confirm-office-key');
    await confirmKey(p, '市政府办公室', officeFingerprint);
    expect(await preview.innerText()).toMatch(/新增 1 条.*拒收 0 条/);
    await preview.getByRole('button', { name: '确认导入' }).click();
    const confirm = p.getByRole('dialog');
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => p.getByText(/已导入“/).count()).toBeGreaterThan(0);
    expectClean(dept.watched);
  });

  it('the department ticks its own task, then finds 市政府办公室 read-only in its browser', async () => {
    const p = deptPage;
    await p.getByLabel('当前身份').selectOption({ label: DEPT });
    await open(p, '/my');
    const card = p.getByRole('listitem').filter({ has: p.getByRole('checkbox', { name: own!.title }) });
    // Ticking opens 办结 in the card (issue 12): the evidence note is required, then 报告完成.
    await card.getByRole('checkbox', { name: own!.title }).click();
    await card.getByLabel(/^完成说明/).fill('项目已开工，佐证见附件');
    await card.getByRole('button', { name: '报告完成' }).click();
    await expect.poll(() => card.getByRole('checkbox', { name: own!.title }).isChecked()).toBe(true);
    await expect.poll(() => ownFingerprint(p)).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);

    await p.getByLabel('当前身份').selectOption({ label: '市政府办公室（全部内容）' });
    await open(p, `/supervision?task=${encodeURIComponent(own!.id)}`);
    await expect(p.getByText('只读：本浏览器没有市政府办公室的签名密钥').isVisible()).resolves.toBe(true);
    await p.getByRole('heading', { name: own!.title }).waitFor();
    expect(await p.getByRole('button', { name: /记录表扬/ }).count()).toBe(0);
    expect(await p.getByRole('button', { name: '通过验收' }).count()).toBe(0);
    await shot(p, 'sign-03-dept-office-view-read-only');
    expect(await seriousAxeViolations(p)).toEqual([]);
    expectClean(dept.watched);
  });

  it('the department forces its way (pins wiped), records a 表扬 and an 通过验收 as the office and exports a package', async () => {
    const p = deptPage;
    await p.evaluate((key) => localStorage.removeItem(key), TRUST_KEY);
    await p.reload();
    await open(p, `/supervision?task=${encodeURIComponent(own!.id)}`);
    await p.getByRole('heading', { name: own!.title }).waitFor();
    await expect.poll(() => p.getByRole('button', { name: /记录表扬/ }).count()).toBe(1);
    await p.getByRole('button', { name: /记录表扬/ }).click();
    await p.getByRole('button', { name: '通过验收' }).click();
    // Both records are in the log (IndexedDB journal records: `["n",…]` is a notice) before the export.
    await expect
      .poll(() =>
        p.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const r = indexedDB.open('luoshi', 1);
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          const values = await new Promise<unknown[]>((resolve) => {
            const r = db.transaction('kv').objectStore('kv').getAll(IDBKeyRange.bound('j|', 'j|\uffff'));
            r.onsuccess = () => resolve(r.result);
          });
          db.close();
          return values.filter((v) => String(v).startsWith('["n",')).length;
        }),
      )
      .toBeGreaterThan(0);
    await open(p, '/data');
    const { file } = await catchDownload(p, () => p.getByRole('button', { name: '导出计划包' }).click(), 'forged-plan-package.json');
    forgedPackage = file;
    expectClean(dept.watched);
  });

  it('the office’s preview refuses both records with the reason; nothing is applied and the dashboard is unchanged', async () => {
    const p = officePage;
    const before = await dashboardFigures(p);
    const preview = await importFile(p, forgedPackage);
    const text = await preview.innerText();
    expect(text).toMatch(/新增 0 条.*拒收 3 条/);
    await preview.getByText(/^拒收（3）/).waitFor();
    const refused = await preview.locator('details', { hasText: '拒收（3）' }).innerText();
    expect(refused).toContain(`${own!.title}：表扬 市政府办公室`);
    expect(refused).toMatch(new RegExp(`${own!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：通过验收（.+） 市政府办公室`));
    expect(refused.match(/市政府办公室的密钥与本机登记的不同/g)?.length).toBe(3);
    // The preview offers a deliberate re-pin, never a plain one.
    expect(await preview.getByRole('button', { name: '重新登记…' }).count()).toBe(1);
    expect(await preview.getByRole('button', { name: '指纹一致，登记并重新核对' }).count()).toBe(0);
    expect(await preview.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(p, 'sign-04-office-forgery-refused');
    await preview.getByRole('button', { name: '取消' }).click();
    expect(await dashboardFigures(p)).toBe(before);
    expectClean(office.watched);
  });
});
