/**
 * A malformed plan package of the same plan, in the built app, in Chromium (issue 16 point 4):
 * it used to wipe every task on one click. Now the preview lists each removal under 需确认, the
 * confirmation names the tasks, cancel leaves everything, a package whose task list is broken is
 * refused outright, and confirming makes a backup first that brings the tasks back.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgressReport, checksumOf } from '@/domain/files';
import { OFFICE_NAME, type Plan, type PlanEvent } from '@/domain/model';
import { createSeedPlan } from '@/domain/seed';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { BACKUP_PREFIX } from '@/store/keys';
import { artifactsDir, FAKE_NOW, launchBrowser, newOffice, open, seriousAxeViolations, shot, storageDump, type Watched } from './harness';

const seed = createSeedPlan(FAKE_NOW);
const DEPT = '市发展和改革委员会';
const madeAt = new Date(FAKE_NOW.getTime() - 3_600_000).toISOString();

/** A package of the seed plan, sealed as the office's export would be, with `plan` as given. */
async function packageFile(name: string, plan: Record<string, unknown>): Promise<string> {
  const head = { kind: 'luoshi/plan-package' as const, schemaVersion: 1, planId: seed.id, createdAt: madeAt, sender: OFFICE_NAME, payload: { plan, units: DEFAULT_UNITS, events: [] } };
  const file = path.join(artifactsDir, name);
  writeFileSync(file, JSON.stringify({ ...head, checksum: await checksumOf(head) }, null, 1));
  return file;
}

async function totalTasks(page: Page): Promise<string> {
  await open(page, '/dashboard');
  // With no task the dashboard shows its empty state instead of the figures.
  await page.getByRole('region', { name: '关键指标' }).or(page.getByText('还没有任务')).first().waitFor();
  if (await page.getByText('还没有任务').count()) return '0';
  const text = await page.getByRole('region', { name: '关键指标' }).innerText();
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.indexOf('任务总数') + 1] ?? '';
}

async function backupKeys(page: Page): Promise<string[]> {
  return Object.keys(await storageDump(page)).filter((k) => k.startsWith(BACKUP_PREFIX));
}

let browser: Browser;
let page: Page;
let watched: Watched;

beforeAll(async () => {
  browser = await launchBrowser();
  const office = await newOffice(browser);
  watched = office.watched;
  page = await office.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('a malformed plan package of the same plan', () => {
  it('tasks []: the preview and the confirmation name what goes; cancel leaves everything', async () => {
    await open(page, '/dashboard');
    await page.getByLabel('当前身份').selectOption({ label: DEPT });
    await expect.poll(() => totalTasks(page)).toBe(String(seed.tasks.length));
    const emptied: Plan = { ...seed, tasks: [], updatedAt: madeAt };
    const file = await packageFile('malformed-package-empty-tasks.json', emptied);

    await open(page, '/data');
    await page.getByLabel('选择要导入的文件（.json）').setInputFiles(file);
    const preview = page.getByRole('region', { name: /导入预览/ });
    await preview.waitFor();
    await expect(preview.getByText(`需确认（${seed.tasks.length}）`).isVisible()).resolves.toBe(true);
    await expect(preview.innerText()).resolves.toContain(`导入后当前计划中的 ${seed.tasks.length} 项任务将不再保留，须先确认`);
    await shot(page, '40-malformed-package-preview');

    await preview.getByRole('button', { name: '确认导入' }).click();
    const dialog = page.getByRole('dialog', { name: `导入后将移除 ${seed.tasks.length} 项任务？` });
    await dialog.waitFor();
    const named = await dialog.getByRole('list', { name: '将移除的任务' }).getByRole('listitem').allInnerTexts();
    expect(named.slice(0, 20)).toEqual(seed.tasks.slice(0, 20).map((t) => t.title));
    expect(named[20]).toBe(`……另有 ${seed.tasks.length - 20} 项`);
    await expect(dialog.getByRole('button', { name: '取消' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '41-malformed-package-confirmation');

    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await backupKeys(page)).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await totalTasks(page)).toBe(String(seed.tasks.length));
  });

  it('tasks {} or missing: refused with the reason before anything else', async () => {
    for (const [name, plan, reason] of [
      ['malformed-package-tasks-object.json', { ...seed, tasks: {}, updatedAt: madeAt }, '计划包中的任务列表（tasks）应是一个列表，文件中是 “{}”'],
      ['malformed-package-no-tasks.json', { ...seed, tasks: undefined, updatedAt: madeAt }, '计划包中的计划缺少任务列表（tasks）'],
    ] as const) {
      await open(page, '/data');
      await page.getByLabel('选择要导入的文件（.json）').setInputFiles(await packageFile(name, plan));
      const preview = page.getByRole('region', { name: /导入预览/ });
      await expect.poll(() => preview.getByRole('alert').innerText()).toContain(reason);
      await expect(preview.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    }
    await shot(page, '42-malformed-package-refused');
    expect(await totalTasks(page)).toBe(String(seed.tasks.length));
  });

  it('confirmed: a backup is made first, and restoring it brings every task back', async () => {
    await open(page, '/data');
    await page.getByLabel('选择要导入的文件（.json）').setInputFiles(path.join(artifactsDir, 'malformed-package-empty-tasks.json'));
    const preview = page.getByRole('region', { name: /导入预览/ });
    await preview.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '移除并导入' }).click();
    await expect.poll(() => backupKeys(page)).toHaveLength(1);
    const backups = page.getByRole('table', { name: '自动备份' });
    await expect.poll(() => backups.innerText()).toContain(`导入计划包前的自动备份（将移除 ${seed.tasks.length} 项任务）`);
    await shot(page, '43-malformed-package-confirmed-backup');
    expect(await totalTasks(page)).toBe('0');

    await open(page, '/data');
    await page.getByRole('table', { name: '自动备份' }).getByRole('row').nth(1).getByRole('button', { name: /^恢复/ }).click();
    await page.getByRole('dialog', { name: '恢复这份副本？' }).getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => totalTasks(page)).toBe(String(seed.tasks.length));
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});

describe('a progress report, as the office reads it before accepting', () => {
  it('each record in words with its note, 新增 / 已有 / 拒收, at 1280 and at 390 px', async () => {
    const led = seed.tasks.filter((t) => t.owners.some((o) => o.name === DEPT && o.role === 'lead'));
    const other = seed.tasks.find((t) => !t.owners.some((o) => o.name === DEPT))!;
    expect(led.length).toBeGreaterThanOrEqual(2);
    const at = (h: number) => new Date(FAKE_NOW.getTime() - h * 3_600_000).toISOString();
    const base = { unit: DEPT, note: '' };
    const events: PlanEvent[] = [
      { ...base, id: 'p1', at: at(30), taskId: led[0]!.id, type: 'tick', done: true, note: '已印发实施方案（发改〔2026〕15号），附件已报送' },
      { ...base, id: 'p2', at: at(20), taskId: led[0]!.id, type: 'tick', done: false, note: '方案需修改，先撤回完成标记' },
      { ...base, id: 'p3', at: at(10), taskId: led[1]!.id, type: 'progress', percent: 45, note: '完成选址，正在招标' },
      { ...base, id: 'p4', at: at(5), taskId: led[1]!.id, type: 'extension-request', requestedDue: '2026-09-30', note: '受汛期影响，申请延期' },
      { ...base, id: 'p5', at: at(4), taskId: other.id, type: 'tick', done: true, note: '<script>alert(1)</script>' },
      { ...base, id: 'p6', at: '9999-12-31T00:00:00.000Z', taskId: led[1]!.id, type: 'progress', percent: 100 },
    ];
    const report = await buildProgressReport({ plan: seed, units: DEFAULT_UNITS, events }, DEPT, new Date(at(1)));
    const file = path.join(artifactsDir, 'progress-report-for-preview.json');
    writeFileSync(file, report.text);

    await open(page, '/data');
    await page.getByLabel('当前身份').selectOption({ label: '市政府办公室（全部内容）' });
    await page.getByLabel('选择要导入的文件（.json）').setInputFiles(file);
    const preview = page.getByRole('region', { name: /导入预览/ });
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain(`${led[0]!.title}：标记完成`);
    expect(text).toContain('完成说明：已印发实施方案（发改〔2026〕15号），附件已报送');
    expect(text).toContain(`${led[0]!.title}：取消完成`);
    expect(text).toContain('报告进度 45%');
    expect(text).toContain('申请延期至 2026年9月30日');
    expect(text).toContain('说明：受汛期影响，申请延期');
    expect(text).toMatch(/不是任务“.*”的牵头或配合单位/);
    expect(text).toMatch(/记录时间“9999-12-31T00:00:00.000Z”比本机当前日期（2026年3月25日）晚一天以上，已拒收/);
    expect(text).not.toContain('冲突');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '44-progress-report-preview-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await preview.waitFor();
    await shot(page, '45-progress-report-preview-390');
    await preview.screenshot({ path: path.join(artifactsDir, '46-progress-report-preview-390-region.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
