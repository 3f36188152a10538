/**
 * The import page in Chromium with real documents: a table pasted one cell per line becomes one
 * task per row with its units and deadline; a lead unit corrected in the preview survives the
 * merge and a reload; a .docx and an .xlsx opened through the file input are read (in the
 * worker), mapped and parsed; a PDF is read with pdf.js; a file that is not what its name says
 * is refused without touching the plan. Screenshots at 1280 and 390 px in artifacts/browser/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchBrowser, newOffice, open, root, shot } from './harness';
import { noticeDocx, noticeXlsx } from '../fixtures/documents/notice';

const CELLS = [
  '2026年县政府民生实事项目',
  '序号',
  '民生实事',
  '牵头单位',
  '配合单位',
  '完成时限',
  '1',
  '新建城区口袋公园5个。',
  '县住建局',
  '县自然资源局',
  '2026年10月底前',
  '2',
  '改造农村公路30公里。',
  '县交通运输局',
  '县财政局',
  '2026年11月底前',
  '3',
  '新增公办幼儿园学位600个。',
  '县教育局',
  '县发改委',
  '2026年8月底前',
].join('\n');

let browser: Browser;
let docxPath: string;
let xlsxPath: string;

beforeAll(async () => {
  browser = await launchBrowser();
  docxPath = path.join(artifactsDir, '民生实事分解表.docx');
  xlsxPath = path.join(artifactsDir, '民生实事分解表.xlsx');
  writeFileSync(docxPath, await noticeDocx());
  writeFileSync(xlsxPath, noticeXlsx());
});
afterAll(async () => {
  await browser?.close();
});

const item = (page: Page, title: string) => page.locator('li.parsed-item').filter({ hasText: `保留：${title}` });

describe('import page with tables and office files', () => {
  it('a pasted one-cell-per-line table: one task per row; a corrected lead unit survives the merge and a reload', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/import');
    await page.getByLabel('讲话全文').fill(CELLS);
    await page.getByRole('button', { name: '解析', exact: true }).click();
    await page.getByRole('heading', { name: /解析结果（2026 年度）/ }).waitFor();
    await page.getByRole('heading', { name: '任务（3）' }).waitFor();
    const park = item(page, '新建城区口袋公园5个');
    await expect.poll(() => park.textContent()).toMatch(/表格第2行.*牵头：县住建局.*配合：县自然资源局.*时限：2026年10月底前（2026年10月31日）/);
    await expect.poll(() => item(page, '改造农村公路30公里').textContent()).toMatch(/牵头：县交通运输局.*配合：县财政局.*2026年11月30日/);

    // Correct the second row's lead unit with the unit picker, then merge.
    await page.getByRole('button', { name: /^更正\s*：改造农村公路30公里/ }).click();
    const form = page.getByRole('form', { name: '更正牵头单位和时限：改造农村公路30公里' });
    await form.getByLabel('牵头单位').selectOption('市交通运输局');
    await form.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => item(page, '改造农村公路30公里').textContent()).toMatch(/牵头：市交通运输局.*已更正/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, '50-import-pasted-table-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '51-import-pasted-table-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: /^并入当前计划/ }).click();
    await page.waitForURL(/#\/lists/);
    await page.reload();
    await open(page, '/lists');
    await page.getByPlaceholder('任务名称、原文或单位').fill('改造农村公路');
    const row = page.getByRole('row').filter({ hasText: '改造农村公路30公里' });
    await expect.poll(() => row.textContent()).toContain('市交通运输局');
    await expect.poll(() => row.textContent()).not.toContain('县交通运输局');
    expect(watched.errors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
    await context.close();
  });

  it("the parser's doubtful sentences are candidates: unticked, with their reason, merged only when ticked", async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/import');
    await page.getByLabel('讲话全文').fill('市政府全体会议讲话\n市交通运输局要在6月底前完成城区道路改造。\n我们要坚持战略上藐视、战术上重视，敢于斗争、善于斗争。');
    await page.getByRole('button', { name: '解析', exact: true }).click();
    await page.getByRole('heading', { name: '任务（1）' }).waitFor();
    const candidates = page.getByRole('region', { name: '存疑条目（1）' });
    await candidates.waitFor();
    const box = candidates.getByRole('checkbox');
    expect(await box.isChecked()).toBe(false);
    await expect.poll(() => candidates.textContent()).toMatch(/存疑.*坚持战略上藐视、战术上重视.*存疑原因：动词“坚持”较弱/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, '56-import-candidates-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '57-import-candidates-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await box.check();
    await page.getByRole('button', { name: /^并入当前计划（2 项）/ }).click();
    await page.waitForURL(/#\/lists/);
    await page.getByPlaceholder('任务名称、原文或单位').fill('战略上藐视');
    await expect.poll(() => page.getByRole('row').filter({ hasText: '坚持战略上藐视、战术上重视' }).count()).toBe(1);
    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('opens a .docx and an .xlsx through the file input: columns mapped, 12 tasks each with the merged lead', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/import');
    const input = page.getByLabel('或打开文件（.docx .pdf .xlsx .csv .txt）');

    await input.setInputFiles(docxPath);
    await page.getByText(/已打开“民生实事分解表.docx”（Word 文档/).waitFor();
    expect(await page.getByLabel('第 3 列“牵头单位”').inputValue()).toBe('lead');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, '52-import-docx-mapping-1280');
    await page.getByRole('button', { name: '解析', exact: true }).click();
    await page.getByRole('heading', { name: /解析结果（2026 年度）/ }).waitFor();
    await page.getByRole('heading', { name: '任务（12）' }).waitFor();
    // Row 3 sits under row 1's merged 牵头单位 cell.
    await expect.poll(() => item(page, '新增公共停车泊位3000个').textContent()).toMatch(/表格第4行.*牵头：市城管局/);
    await shot(page, '53-import-docx-result-1280');

    await page.getByRole('button', { name: '关闭文件，改为粘贴文本' }).click();
    await input.setInputFiles(xlsxPath);
    await page.getByRole('group', { name: /表格 1（工作表“民生实事”）：13 行/ }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '54-import-xlsx-mapping-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: /解析/ }).first().click();
    await page.getByRole('heading', { name: /解析结果（2026 年度）/ }).waitFor();
    await page.getByRole('heading', { name: '任务（12）' }).waitFor();
    await expect.poll(() => item(page, '新建普惠性幼儿园5所').textContent()).toMatch(/工作表“民生实事” 第8行.*牵头：市教育局.*2026年9月30日/);
    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('reads the printed PDF with pdf.js, and refuses a renamed text file without touching the plan', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/import');
    const input = page.getByLabel('或打开文件（.docx .pdf .xlsx .csv .txt）');
    await input.setInputFiles(path.join(root, 'tests/fixtures/documents/notice.pdf'));
    await page.getByText(/已打开“notice.pdf”（PDF，.*1 个表格）/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '解析', exact: true }).click();
    await page.getByRole('heading', { name: /解析结果（2026 年度）/ }).waitFor();
    await page.getByRole('heading', { name: '任务（12）' }).waitFor();
    await expect.poll(() => item(page, '新建公交候车亭200座').textContent()).toMatch(/第2页 第13行/);
    await shot(page, '55-import-pdf-result-1280');

    const before = await page.evaluate(() => localStorage.length);
    await input.setInputFiles({ name: '通知.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('这不是 Word 文件') });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/扩展名是 \.docx.*当前计划没有任何改动/);
    expect(await page.evaluate(() => localStorage.length)).toBe(before);
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});

// Keep the fixture PDF's size honest: a printed two-page notice, not a bloated file.
it('the committed PDF fixture stays small', () => {
  expect(readFileSync(path.join(root, 'tests/fixtures/documents/notice.pdf')).length).toBeLessThan(400_000);
});
