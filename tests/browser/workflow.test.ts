/**
 * The whole workflow across two offices' computers, in the built app, in Chromium:
 * the mayor's office (context A) and a department (context B) exchange a plan package and a
 * progress report as files, the office's dashboard shows the department's ticks, a reload and a
 * second tab keep everything, and the Q1 summary prints to an A4 PDF holding the dashboard's
 * figures. Each step builds on the one before (they run in order, as in real life).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeedPlan } from '@/domain/seed';
import { chineseDate } from '@/domain/report';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import type { Task } from '@/domain/model';
import { MAIN_KEY } from '@/store/keys';
import { artifactsDir, catchDownload, confirmKey, FAKE_NOW, FAKE_TODAY, kpi, launchBrowser, newOffice, open, ownFingerprint, PLAN_YEAR, seriousAxeViolations, shot, url, type Watched } from './harness';

// The tasks the story uses, picked from the same seed the app builds (so a parser change that
// renames a task does not break the story, and a change that removes such tasks says so).
const seed = createSeedPlan(FAKE_NOW);
const DEPT = '市发展和改革委员会';
const q1End = `${PLAN_YEAR}-03-31`;
const isQ1 = (t: Task) => t.deadline.due !== null && t.deadline.due <= q1End;
/** A task with no owner at all: the office assigns DEPT as its lead. */
const toAssign = seed.tasks.find((t) => t.owners.length === 0 && isQ1(t)) ?? seed.tasks.find((t) => t.owners.length === 0);
/** A task DEPT already leads: the office flags it (挂牌督办). */
const toFlag = seed.tasks.find((t) => t !== toAssign && !t.flagged && t.owners.some((o) => o.role === 'lead' && o.name === DEPT) && isQ1(t)) ??
  seed.tasks.find((t) => t !== toAssign && !t.flagged && t.owners.some((o) => o.role === 'lead' && o.name === DEPT));
/** Used by the second-tab check. */
const another = seed.tasks.find((t) => t !== toAssign && t !== toFlag && !t.flagged);

const NOTE_A = '已召开专题会议部署，方案印发（文号：发改〔2026〕12号）';
const NOTE_B = '一季度主要指标已达序时进度，报表见附件';

let browser: Browser;
let office: { context: BrowserContext; watched: Watched };
let dept: { context: BrowserContext; watched: Watched };
let officePage: Page;
let deptPage: Page;
let planPackage = '';
let progressReport = '';
/** Read out over the phone between the two offices (issue 13): each pins the other's key once. */
let officeFingerprint = '';
let deptFingerprint = '';

/** An accessible name made of a visible word and a visually hidden "：task title" (the browser
 * may put a space between the two parts). */
function named(word: string, title: string): RegExp {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(word)}\\s*：\\s*${esc(title)}$`);
}

async function chooseIdentity(page: Page, label: string) {
  await page.getByLabel('当前身份').selectOption({ label });
}

/** The events stored for the plan, read as the app reads them after a reload (the log). */
async function eventCount(page: Page): Promise<number> {
  return page.evaluate(async (key) => {
    if (!localStorage.getItem(key)) return -1;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('luoshi', 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const r = db.transaction('kv').objectStore('kv').getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    // Journal records are one event each; this test's log is far below a sealed chunk.
    return keys.filter((k) => String(k).startsWith('j|')).length;
  }, MAIN_KEY);
}

function expectClean(w: Watched) {
  expect(w.dialogs, 'no alert/confirm/prompt may open').toEqual([]);
  expect(w.errors, 'no uncaught error in any page').toEqual([]);
}

describe('two offices, one plan', () => {
  beforeAll(async () => {
    expect(toAssign, '种子计划中应有一项未指定责任单位的任务').toBeTruthy();
    expect(toFlag, `种子计划中应有一项由${DEPT}牵头、未挂牌的任务`).toBeTruthy();
    expect(DEFAULT_UNITS.some((u) => u.name === DEPT)).toBe(true);
    browser = await launchBrowser();
    office = await newOffice(browser);
    dept = await newOffice(browser);
    officePage = await office.context.newPage();
    deptPage = await dept.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a first start shows the seed plan', async () => {
    await open(officePage, '/dashboard');
    await expect.poll(() => kpi(officePage, '任务总数')).toBe(String(seed.tasks.length));
    await shot(officePage, '01-office-first-start-dashboard');
    await open(officePage, '/lists');
    await expect(officePage.getByText(`共 ${seed.tasks.length} 项任务。`).isVisible()).resolves.toBe(true);
    await expect(officePage.getByRole('button', { name: toAssign!.title, exact: true }).count()).resolves.toBe(1);
    await shot(officePage, '02-office-lists');
    // The department's computer starts the app too (before the office edits the plan: a seed
    // opened after the office's edit currently looks newer than the office's package).
    await open(deptPage, '/dashboard');
    await expect.poll(() => kpi(deptPage, '任务总数')).toBe(String(seed.tasks.length));
    await shot(deptPage, '02-dept-first-start-dashboard');
    expectClean(office.watched);
    expectClean(dept.watched);
  });

  it('the office assigns a lead unit, flags a task and exports the plan package', async () => {
    const p = officePage;
    // Assign: click the task's name to open its editor in place, choose the lead unit, save.
    await p.getByRole('button', { name: toAssign!.title, exact: true }).click();
    const editor = p.getByRole('form', { name: `编辑任务：${toAssign!.title}` });
    await editor.getByLabel('牵头单位', { exact: true }).selectOption({ label: DEPT });
    await editor.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => p.getByRole('form', { name: `编辑任务：${toAssign!.title}` }).count()).toBe(0);
    const row = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: toAssign!.title }) });
    await expect.poll(() => row.first().innerText()).toContain(DEPT);

    // Flag: the 挂牌 button of the row.
    await p.getByRole('button', { name: named('挂牌', toFlag!.title) }).click();
    await expect.poll(() => p.getByRole('button', { name: named('已挂牌', toFlag!.title) }).getAttribute('aria-pressed')).toBe('true');
    await shot(p, '03-office-lists-assigned-and-flagged');

    // Export the plan package from 数据与备份.
    await open(p, '/data');
    const { file, text } = await catchDownload(p, () => p.getByRole('button', { name: '导出计划包' }).click(), 'plan-package.json');
    planPackage = file;
    const pkg = JSON.parse(text) as { kind?: string; payload?: { plan?: { tasks?: Task[] } } } & Record<string, unknown>;
    expect(JSON.stringify(pkg)).toContain('plan-package');
    const tasks = (pkg.payload?.plan?.tasks ?? (pkg as { plan?: { tasks?: Task[] } }).plan?.tasks) as Task[] | undefined;
    expect(tasks?.find((t) => t.id === toAssign!.id)?.owners).toEqual([{ name: DEPT, role: 'lead', inferred: false }]);
    await shot(p, '04-office-data-exported');
    officeFingerprint = await ownFingerprint(p);
    expectClean(office.watched);
  });

  it('the department imports it, ticks two tasks with notes and exports its progress report', async () => {
    const p = deptPage;
    await open(p, '/dashboard');
    await open(p, '/data');
    await p.getByLabel('选择要导入的文件（.json）').setInputFiles(planPackage);
    const preview = p.getByRole('region', { name: /导入预览/ });
    await preview.waitFor();
    await shot(p, '05-dept-plan-package-preview');
    // Signed records (issue 13): the first package asks to confirm the office's key; until then
    // nothing of it is applied. Intended change to this flow.
    await confirmKey(p, '市政府办公室', officeFingerprint);
    await preview.getByRole('button', { name: '确认导入' }).click();
    // A replace asks first (ConfirmDialog, a native <dialog>, not a JS dialog).
    const confirm = p.getByRole('dialog');
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => p.getByText(/已导入“/).count()).toBeGreaterThan(0);

    await chooseIdentity(p, DEPT);
    await open(p, '/my');
    for (const [task, note] of [
      [toAssign!, NOTE_A],
      [toFlag!, NOTE_B],
    ] as const) {
      // Ticking opens 办结 in the card: the evidence note is required, then 报告完成.
      const card = p.getByRole('listitem').filter({ has: p.getByRole('checkbox', { name: task.title }) });
      await card.getByRole('checkbox', { name: task.title }).click();
      await card.getByLabel(/^完成说明/).fill(note);
      await card.getByRole('button', { name: '报告完成' }).click();
      await expect.poll(() => card.getByRole('checkbox', { name: task.title }).isChecked()).toBe(true);
    }
    await shot(p, '06-dept-my-tasks-ticked');

    const { file, text } = await catchDownload(p, () => p.getByRole('button', { name: '导出进度报告' }).first().click(), 'progress-report.json');
    progressReport = file;
    expect(text).toContain(NOTE_A);
    expect(text).toContain(NOTE_B);
    deptFingerprint = await ownFingerprint(p);
    await open(p, '/my');
    expectClean(dept.watched);
  });

  it('the office imports the report: the preview shows the two updates, the dashboard shows them after accepting', async () => {
    const p = officePage;
    await open(p, '/dashboard');
    const doneBefore = Number(await kpi(p, '已完成'));
    await open(p, '/data');
    await p.getByLabel('选择要导入的文件（.json）').setInputFiles(progressReport);
    const preview = p.getByRole('region', { name: /导入预览/ });
    await preview.waitFor();
    // The department's first report: its key is confirmed by phone, then pinned.
    await confirmKey(p, DEPT, deptFingerprint);
    const text = await preview.innerText();
    expect(text).toContain('进度报告');
    expect(text).toContain(DEPT);
    expect(text).toMatch(/2\s*新增/);
    // A short list of new records is open from the start (issue 12 point 5: the office reads
    // each record before accepting); it used to be closed and needed this click.
    await expect(preview.locator('details').filter({ hasText: /^新增（2）/ }).getAttribute('open')).resolves.not.toBeNull();
    const items = await preview.innerText();
    expect(items).toContain(toAssign!.title);
    expect(items).toContain(toFlag!.title);
    await shot(p, '07-office-report-preview');
    await preview.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => p.getByText(/已导入“/).count()).toBeGreaterThan(0);

    await open(p, '/dashboard');
    await expect.poll(() => kpi(p, '已完成')).toBe(String(doneBefore + 2));
    await shot(p, '08-office-dashboard-after-import');
    // The ticked tasks show as done in the lists, with the department's note at hand.
    await open(p, '/lists');
    const row = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: toFlag!.title }) });
    await expect.poll(() => row.first().innerText()).toContain('已完成');
    expectClean(office.watched);
  });

  it('importing the same report again changes nothing', async () => {
    const p = officePage;
    await open(p, '/dashboard');
    const doneBefore = await kpi(p, '已完成');
    await open(p, '/data');
    const before = await eventCount(p);
    // The department's report is already in: the count is of real records, not of an absent key.
    expect(before).toBeGreaterThan(0);
    await p.getByLabel('选择要导入的文件（.json）').setInputFiles(progressReport);
    const preview = p.getByRole('region', { name: /导入预览/ });
    await preview.waitFor();
    expect(await preview.innerText()).toContain('无新内容');
    await expect(preview.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    await shot(p, '09-office-report-again-nothing-new');
    await preview.getByRole('button', { name: '取消' }).click();
    expect(await eventCount(p)).toBe(before);
    await open(p, '/dashboard');
    expect(await kpi(p, '已完成')).toBe(doneBefore);
    expectClean(office.watched);
  });

  it('a reload keeps everything, and a second tab sees a change made in the first', async () => {
    const p = officePage;
    await open(p, '/dashboard');
    const done = await kpi(p, '已完成');
    const flagged = await kpi(p, '挂牌督办');
    await p.reload();
    await p.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => kpi(p, '已完成')).toBe(done);
    expect(await kpi(p, '挂牌督办')).toBe(flagged);

    // The department's browser keeps its ticks and identity after a reload too.
    await deptPage.reload();
    await deptPage.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => deptPage.getByRole('checkbox', { name: toAssign!.title }).isChecked()).toBe(true);

    // Two tabs of the office: flag a task in the first, the second shows it without a reload.
    const tab2 = await office.context.newPage();
    await open(tab2, '/lists');
    await tab2.getByLabel('搜索', { exact: true }).fill(another!.title);
    await tab2.getByRole('button', { name: named('挂牌', another!.title) }).waitFor();
    await open(p, '/lists');
    await p.getByLabel('搜索', { exact: true }).fill(another!.title);
    await p.getByRole('button', { name: named('挂牌', another!.title) }).click();
    await expect
      .poll(() => tab2.getByRole('button', { name: named('已挂牌', another!.title) }).count(), { timeout: 10_000 })
      .toBe(1);
    await shot(tab2, '10-office-second-tab-sees-flag');
    await tab2.close();
    expectClean(office.watched);
  });

  it('the Q1 summary printed to PDF holds the headings and the figures the dashboard shows', async () => {
    const p = officePage;
    await open(p, '/dashboard');
    const fig = {
      total: await kpi(p, '任务总数'),
      done: await kpi(p, '已完成'),
      onTime: await kpi(p, '按期完成率'),
      overdue: await kpi(p, '逾期未完成'),
      flagged: await kpi(p, '挂牌督办'),
    };
    const dashText = await p.getByRole('region', { name: '关键指标' }).innerText();
    const completion = /完成率\s*([\d.]+%)/.exec(dashText)?.[1];
    expect(completion, dashText).toBeTruthy();

    await p.goto(url('/report?q=1'));
    await p.getByRole('heading', { level: 1, name: /第一季度/ }).waitFor();
    await shot(p, '11-office-report-q1-screen');
    await p.emulateMedia({ media: 'print' });
    await shot(p, '12-office-report-q1-print-media');
    const pdfPath = path.join(artifactsDir, 'q1-summary.pdf');
    await p.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true, printBackground: true });
    await p.emulateMedia({ media: 'screen' });

    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);

    const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
    writeFileSync(path.join(artifactsDir, 'q1-summary.txt'), raw);
    const flat = raw.replace(/\s+/g, '');
    for (const heading of [
      '督查通报',
      '市政府办公室',
      `关于${PLAN_YEAR}年第一季度重点工作落实情况的通报`,
      '一、总体情况',
      '二、目标指标完成情况',
      '三、各单位落实情况',
      '四、挂牌督办事项',
      '五、逾期未完成事项及原因',
      '六、表扬和通报批评',
      '七、本季度完成事项',
      chineseDate(FAKE_TODAY),
    ]) {
      expect(flat, `PDF 中应有“${heading}”`).toContain(heading.replace(/\s+/g, ''));
    }
    // The dashboard's figures, as the report's first paragraph states them.
    expect(flat).toContain(`共分解任务${fig.total}项，已完成${fig.done}项，完成率${completion}`);
    expect(flat).toContain(`按期完成率${fig.onTime}`);
    expect(flat).toContain(`逾期未完成${fig.overdue}项`);
    expect(flat).toContain(`挂牌督办${fig.flagged}项`);
    // The two tasks the department completed this quarter, with its notes (a table cell may wrap
    // a long title, and pdftotext then interleaves it with the next column: compare the start).
    const completed = flat.slice(flat.indexOf('七、本季度完成事项'));
    expect(completed).toContain(toAssign!.title.replace(/\s+/g, '').slice(0, 8));
    expect(completed).toContain(toFlag!.title.replace(/\s+/g, '').slice(0, 8));
    expect(completed).toContain(NOTE_A.replace(/\s+/g, ''));
    expect(completed).toContain(NOTE_B.replace(/\s+/g, ''));
    // Page numbers in the page-margin boxes: — 1 —, — 2 — …
    expect(flat).toContain('—1—');
    expect(flat).toContain('—2—');
    // A look at every page, for people.
    execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, path.join(artifactsDir, 'q1-summary-page')]);
    expectClean(office.watched);
  });

  it('axe finds no serious or critical violations on any screen', async () => {
    const p = officePage;
    const screens = [
      '/dashboard',
      '/lists',
      '/my',
      '/supervision',
      '/targets',
      '/import',
      '/units',
      '/report?q=1',
      '/data',
      `/notice/${encodeURIComponent(toFlag!.id)}`,
      '/print/lists',
    ];
    const found: string[] = [];
    for (const route of screens) {
      await open(p, route);
      await p.waitForTimeout(300);
      await shot(p, `20-office-${route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
      const v = await seriousAxeViolations(p);
      for (const x of v) found.push(`${route}: ${x.id} (${x.impact}) ${x.help} → ${x.targets.join(' | ')}`);
    }
    // The department's own screens, as a unit sees them.
    for (const route of ['/my', '/dashboard', '/data']) {
      await open(deptPage, route);
      await deptPage.waitForTimeout(300);
      await shot(deptPage, `21-dept-${route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
      const v = await seriousAxeViolations(deptPage);
      for (const x of v) found.push(`(单位) ${route}: ${x.id} (${x.impact}) ${x.help} → ${x.targets.join(' | ')}`);
    }
    expect(found, found.join('\n')).toEqual([]);
    expectClean(office.watched);
    expectClean(dept.watched);
  });
});
