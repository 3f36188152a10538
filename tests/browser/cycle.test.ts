/**
 * The 督办 cycle as two offices run it, in the built app, in Chromium: the mayor's office
 * (context A) and a department (context B) pass the plan package and progress reports as files,
 * as the app does, through 交办 → 签收 → 催办 → 回复 → 办结 with evidence → 核查不符 → 重新上报 → 验收.
 * At each step the office's dashboard and the live 通报 are checked; 通报 issued along the way stay
 * as they were issued, and the first one reprinted after later edits gives the same PDF text.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeedPlan } from '@/domain/seed';
import type { Task } from '@/domain/model';
import { artifactsDir, catchDownload, confirmKey, expectClean, FAKE_NOW, kpi, launchBrowser, newOffice, open, ownFingerprint, PLAN_YEAR, seriousAxeViolations, shot, url, type Watched } from './harness';

const seed = createSeedPlan(FAKE_NOW);
const DEPT = '市发展和改革委员会';
const q1End = `${PLAN_YEAR}-03-31`;
/** A task the department leads, due at the end of Q1 (a week after FAKE_NOW). */
const task = seed.tasks.find((t: Task) => t.owners.some((o) => o.role === 'lead' && o.name === DEPT) && t.deadline.due === q1End)!;

const REQUIREMENT = '请于3月27日前书面报告推进情况，3月31日前办结';
const URGE = '请说明一季度指标完成情况';
const REPLY = '3月主要指标已完成，正在汇总报表';
const EVIDENCE_1 = '一季度经济运行分析会已召开，指标完成情况报表已报送';
const EVIDENCE_2 = '整改后补齐全部县区报表，附签批件';
const FINDING = '现场核查发现两个县区报表未报送';

let browser: Browser;
let office: { context: BrowserContext; watched: Watched };
let dept: { context: BrowserContext; watched: Watched };
let op: Page;
let dp: Page;
const issued: { id: string; text: string; pdfText: string }[] = [];

/** The office's dashboard: done, 核查不符, and the lights as the chart names them. */
async function dashboard(page: Page): Promise<{ done: string; mismatch: string; lights: string; cycle: string }> {
  await open(page, '/dashboard');
  const lights = (await page.getByRole('img', { name: /^红黄绿灯分布：/ }).getAttribute('aria-label')) ?? '';
  return { done: await kpi(page, '已完成'), mismatch: await kpi(page, '核查不符'), lights, cycle: await page.locator('.dashboard__cycle').innerText() };
}

/** The live (draft) Q1 通报 as text. */
async function draft(page: Page): Promise<string> {
  await open(page, '/report?q=1&draft=1');
  return page.locator('.doc-sheet').innerText();
}

/** The text of a section of a 通报, from its heading to the next one. */
function section(text: string, heading: string, next: string): string {
  const from = text.indexOf(heading);
  const to = text.indexOf(next, from + 1);
  return text.slice(from, to < 0 ? undefined : to);
}

/**
 * Imports a file. The first signed file from the other office asks once to confirm its key (issue
 * 13): `key` is the fingerprint the other side read out over the phone.
 */
async function importFile(page: Page, file: string, key?: { author: string; fingerprint: string }) {
  await open(page, '/data');
  await page.getByLabel('选择要导入的文件（.json）').setInputFiles(file);
  const preview = page.getByRole('region', { name: /导入预览/ });
  await preview.waitFor();
  if (key) await confirmKey(page, key.author, key.fingerprint);
  await preview.getByRole('button', { name: '确认导入' }).click();
  const confirm = page.getByRole('dialog');
  if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: '确认导入' }).click();
  await expect.poll(() => page.getByText(/已导入“/).count()).toBeGreaterThan(0);
}

async function exportPackage(page: Page, name: string): Promise<string> {
  await open(page, '/data');
  return (await catchDownload(page, () => page.getByRole('button', { name: '导出计划包' }).click(), name)).file;
}

async function exportReport(page: Page, name: string): Promise<string> {
  await open(page, '/my');
  return (await catchDownload(page, () => page.getByRole('button', { name: '导出进度报告' }).first().click(), name)).file;
}

function card(page: Page) {
  return page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: task.title }) });
}

async function openTask(page: Page) {
  await page.goto(url(`/supervision?task=${encodeURIComponent(task.id)}`));
  await page.getByRole('heading', { level: 2, name: task.title }).waitFor();
}

/** Issues the Q1 通报 from the live draft; returns the bulletin's id and its printed text. */
async function issue(page: Page, label: string): Promise<{ id: string; text: string; pdfText: string }> {
  await open(page, '/report?q=1&draft=1');
  await page.getByRole('button', { name: '印发本期通报…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '印发', exact: true }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/issued=/);
  const id = new URL(page.url().replace('#', '')).searchParams.get('issued') ?? decodeURIComponent(/issued=([^&]+)/.exec(page.url())![1]!);
  const text = await page.locator('.doc-sheet').innerText();
  return { id, text, pdfText: await printIssued(page, id, label) };
}

/** Prints an issued 通报 to PDF and reads it back with pdftotext. */
async function printIssued(page: Page, id: string, label: string): Promise<string> {
  await page.goto(url(`/report?issued=${encodeURIComponent(id)}`));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(artifactsDir, `cycle-${label}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  writeFileSync(path.join(artifactsDir, `cycle-${label}.txt`), text);
  return text;
}

describe('the 督办 cycle across two offices', () => {
  beforeAll(async () => {
    expect(task, `种子计划中应有一项由${DEPT}牵头、${q1End}到期的任务`).toBeTruthy();
    browser = await launchBrowser();
    office = await newOffice(browser);
    dept = await newOffice(browser);
    op = await office.context.newPage();
    dp = await dept.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a first start shows no red task, on the office’s computer and the department’s', async () => {
    for (const p of [op, dp]) {
      const d = await dashboard(p);
      expect(d.lights).toMatch(/红灯 0 项/);
      expect(d.done).toBe('0');
    }
    await shot(op, 'cycle-01-office-first-start');
    expectClean(office.watched);
  });

  it('交办: the office issues the 督办单 under the year’s first register number and sends the plan package', async () => {
    await open(op, `/notice/${encodeURIComponent(task.id)}`);
    const box = op.getByLabel(/督办要求（可修改/);
    await box.fill(REQUIREMENT);
    await op.getByLabel('反馈时限（选填）').fill('2026-03-27');
    await op.getByRole('button', { name: '交办并编号' }).click();
    await op.getByText(`督办〔${PLAN_YEAR}〕第1号`).first().waitFor();
    await shot(op, 'cycle-02-office-notice-assigned');
    const officeFingerprint = await ownFingerprint(op);
    const pkg = await exportPackage(op, 'cycle-package-1.json');

    await importFile(dp, pkg, { author: '市政府办公室', fingerprint: officeFingerprint });
    await dp.getByLabel('当前身份').selectOption({ label: DEPT });
    await open(dp, '/my');
    // 交办 is a message to the unit; the task waits for 签收.
    await expect.poll(() => dp.getByRole('region', { name: /督办消息/ }).innerText()).toContain(`交办：督办〔${PLAN_YEAR}〕第1号`);
    expect(await card(dp).innerText()).toContain('待签收');
    expectClean(office.watched);
    expectClean(dept.watched);
  });

  it('签收: the department signs with 承办人 and phone; the office sees who handles it', async () => {
    const bar = dp.getByRole('region', { name: /项任务待签收$/ });
    await bar.getByLabel('承办人').fill('李明');
    await bar.getByLabel('联系电话').fill('0813-2101234');
    await bar.getByRole('button', { name: /^全部签收/ }).click();
    await expect.poll(() => card(dp).innerText()).toContain('已签收：李明');
    await shot(dp, 'cycle-03-dept-signed');
    // The department's key is made when it takes its identity: read out to the office once.
    await expect.poll(() => ownFingerprint(dp)).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    const deptFingerprint = await ownFingerprint(dp);
    const report = await exportReport(dp, 'cycle-report-1.json');

    const before = await dashboard(op);
    await importFile(op, report, { author: DEPT, fingerprint: deptFingerprint });
    const after = await dashboard(op);
    expect(after.cycle).not.toBe(before.cycle); // fewer 待签收
    await openTask(op);
    expect(await op.getByRole('region', { name: '交办、签收与催办' }).innerText()).toMatch(/承办人 李明，电话 0813-2101234/);
    expectClean(office.watched);
  });

  it('催办 and 回复: a written urge with a deadline, answered on the department’s card', async () => {
    const urge = op.getByRole('form', { name: '催办' });
    await urge.getByLabel('书面').check();
    await urge.getByLabel('催办内容').fill(URGE);
    await urge.getByLabel('回复期限').fill('2026-03-27');
    await urge.getByRole('button', { name: '记录催办' }).click();
    await expect.poll(() => op.getByRole('region', { name: '交办、签收与催办' }).innerText()).toContain('待回复');
    expect((await dashboard(op)).cycle).toMatch(/催办待回复 1 项/);
    const pkg = await exportPackage(op, 'cycle-package-2.json');

    await importFile(dp, pkg);
    await open(dp, '/my');
    const c = card(dp);
    expect(await c.innerText()).toMatch(/催办（书面），请于 2026年3月27日 前回复/);
    await c.getByLabel('回复内容').fill(REPLY);
    await c.getByRole('button', { name: '回复' }).click();
    await expect.poll(() => c.innerText()).not.toContain('催办待回复');
    const report = await exportReport(dp, 'cycle-report-2.json');

    await importFile(op, report);
    expect((await dashboard(op)).cycle).toMatch(/催办待回复 0 项/);
    await openTask(op);
    expect(await op.getByRole('region', { name: '交办、签收与催办' }).innerText()).toContain(REPLY);
    expectClean(office.watched);
    expectClean(dept.watched);
  });

  it('办结 with evidence: the note is required, a file is kept by name, size and SHA-256; the dashboard and the 通报 count it', async () => {
    await open(dp, '/my');
    const c = card(dp);
    await c.getByRole('checkbox', { name: task.title }).focus();
    await dp.keyboard.press('Space');
    const form = c.getByRole('form', { name: `报告完成：${task.title}` });
    await form.getByRole('button', { name: '报告完成' }).click();
    expect(await form.getByRole('alert').innerText()).toContain('请填写完成说明');
    await form.getByLabel(/^完成说明/).fill(EVIDENCE_1);
    await form.getByLabel(/^佐证材料/).setInputFiles({ name: '一季度指标报表.xlsx', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('abc') });
    await form.getByText('一季度指标报表.xlsx').waitFor();
    await form.getByLabel(/^完成说明/).press('Control+Enter');
    await expect.poll(() => c.getByRole('checkbox', { name: task.title }).isChecked()).toBe(true);
    await shot(dp, 'cycle-04-dept-done-with-evidence');
    const report = await exportReport(dp, 'cycle-report-3.json');

    await importFile(op, report);
    const d = await dashboard(op);
    expect(d.done).toBe('1');
    expect(d.mismatch).toBe('0');
    const text = await draft(op);
    expect(section(text, '七、本季度完成事项', '八、')).toContain(EVIDENCE_1);
    await openTask(op);
    const facts = await op.getByRole('region', { name: '交办、签收与催办' }).innerText();
    expect(facts).toContain('一季度指标报表.xlsx');
    expect(facts).toContain('SHA-256 ba7816bf8f01'); // the hash of the file's bytes, computed in the browser

    issued.push(await issue(op, 'issue-1'));
    expect(issued[0]!.text).toContain(`${PLAN_YEAR}年第1期`);
    expect(section(issued[0]!.text, '七、本季度完成事项', '八、')).toContain(EVIDENCE_1);
    expectClean(office.watched);
    expectClean(dept.watched);
  });

  it('核查不符: an inspection finds it not done; it is not counted done anywhere, and the issued 第1期 is unchanged', async () => {
    await openTask(op);
    const form = op.getByRole('form', { name: '“四不两直”核查' });
    await form.getByLabel('未完成').check();
    await form.getByLabel('核查情况').fill(FINDING);
    await form.getByRole('button', { name: '记录核查' }).click();
    await op.getByRole('alert').filter({ hasText: '核查不符' }).waitFor();
    const d = await dashboard(op);
    expect(d.done).toBe('0');
    expect(d.mismatch).toBe('1');
    const text = await draft(op);
    expect(section(text, '七、本季度完成事项', '八、')).not.toContain(EVIDENCE_1);
    expect(section(text, '三、各单位落实情况', '四、')).toContain('核查不符事项');
    // The ranking counts it as open and not done: the department has no completion in Q1.
    await shot(op, 'cycle-05-office-mismatch-draft');
    issued.push(await issue(op, 'issue-2'));
    expect(issued[1]!.text).toContain(`${PLAN_YEAR}年第2期`);
    await open(op, `/report?issued=${encodeURIComponent(issued[0]!.id)}`);
    expect(await op.locator('.doc-sheet').innerText()).toBe(issued[0]!.text);
    const pkg = await exportPackage(op, 'cycle-package-3.json');

    await importFile(dp, pkg);
    await open(dp, '/my');
    const c = card(dp);
    expect(await c.getByRole('checkbox', { name: task.title }).isChecked()).toBe(false);
    expect(await c.innerText()).toContain(FINDING);
    await shot(dp, 'cycle-06-dept-mismatch');
    expectClean(office.watched);
    expectClean(dept.watched);
  });

  it('重新上报 and 验收: the department reports anew, the office accepts with a grade', async () => {
    await open(dp, '/my');
    const c = card(dp);
    await c.getByRole('checkbox', { name: task.title }).click();
    await c.getByLabel(/^完成说明/).fill(EVIDENCE_2);
    await c.getByRole('button', { name: '报告完成' }).click();
    await expect.poll(() => c.getByRole('checkbox', { name: task.title }).isChecked()).toBe(true);
    const report = await exportReport(dp, 'cycle-report-4.json');

    await importFile(op, report);
    let d = await dashboard(op);
    expect(d.done).toBe('1');
    expect(d.mismatch).toBe('0');
    await openTask(op);
    const review = op.getByRole('form', { name: '完成验收' });
    await review.getByLabel('验收等次').selectOption('优秀');
    await review.getByRole('button', { name: '通过验收' }).click();
    await expect.poll(() => op.getByRole('form', { name: '完成验收' }).innerText()).toMatch(/验收：优秀/);
    d = await dashboard(op);
    expect(d.done).toBe('1');
    const text = await draft(op);
    expect(section(text, '七、本季度完成事项', '八、')).toContain(EVIDENCE_2);
    issued.push(await issue(op, 'issue-3'));
    expect(issued[2]!.text).toContain(`${PLAN_YEAR}年第3期`);
    // The department sees the grade among its 督办消息 once the office's package arrives.
    await importFile(dp, await exportPackage(op, 'cycle-package-4.json'));
    await open(dp, '/my');
    expect(await dp.getByRole('region', { name: /督办消息/ }).innerText()).toContain('通过验收（优秀）');
    expectClean(office.watched);
    expectClean(dept.watched);
  });

  it('the issued 第1期, reprinted after later edits, gives the same PDF text as when it was issued', async () => {
    // Later edits: a task added, a lead unit changed.
    await open(op, '/lists');
    await op.getByRole('button', { name: '新增任务' }).click();
    const add = op.getByRole('form', { name: '新增任务' });
    await add.getByLabel(/^任务名称/).fill('四月新增的一项任务');
    await add.getByRole('button', { name: '添加' }).click();
    await op.getByRole('button', { name: task.title, exact: true }).click();
    const editor = op.getByRole('form', { name: `编辑任务：${task.title}` });
    await editor.getByLabel('牵头单位', { exact: true }).selectOption({ label: '市财政局' });
    await editor.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => op.getByRole('form', { name: `编辑任务：${task.title}` }).count()).toBe(0);
    // The live draft shows the edit; the issued one does not.
    expect(await draft(op)).toContain('市财政局');
    const again = await printIssued(op, issued[0]!.id, 'issue-1-reprinted');
    expect(again).toBe(issued[0]!.pdfText);
    expect(again).not.toContain('四月新增的一项任务');
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '2', path.join(artifactsDir, 'cycle-issue-1-reprinted.pdf'), path.join(artifactsDir, 'cycle-issue-1-page')]);
    expectClean(office.watched);
  });

  it('axe: no serious or critical violations on the cycle’s screens', async () => {
    const found: string[] = [];
    const check = async (page: Page, where: string) => {
      for (const x of await seriousAxeViolations(page)) found.push(`${where}: ${x.id} (${x.impact}) ${x.help} → ${x.targets.join(' | ')}`);
    };
    await openTask(op);
    await check(op, '督查督办（任务）');
    await open(op, `/report?issued=${encodeURIComponent(issued[1]!.id)}`);
    await check(op, '季度总结（已印发）');
    await open(op, `/notice/${encodeURIComponent(task.id)}`);
    await check(op, '督办单');
    await open(op, '/units');
    await check(op, '单位名录（领导分工）');
    await open(dp, '/my');
    await card(dp).getByRole('checkbox', { name: task.title }).click(); // untick: the card is open again
    await card(dp).getByRole('checkbox', { name: task.title }).click(); // and the 办结 form is open
    await check(dp, '我的任务（办结）');
    expect(found, found.join('\n')).toEqual([]);
  });
});
