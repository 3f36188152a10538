/**
 * 导出 Word in the built app, in Chromium: the 督办单 after 交办 and the 通报 after 印发 are laid out
 * in a Web Worker (the page's thread stays free), downloaded, and read back with our own .docx
 * reader; every text the page prints is in the file. An issued 通报 exported after a later edit of
 * the plan is still the one that was issued; the draft follows the edit.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeedPlan } from '@/domain/seed';
import { readDocument } from '@/domain/readers/read-document';
import { catchDownload, expectClean, FAKE_NOW, launchBrowser, newOffice, open, PLAN_YEAR, shot } from './harness';

const seed = createSeedPlan(FAKE_NOW);
const task = seed.tasks.find((t) => t.deadline.due === `${PLAN_YEAR}-03-31`) ?? seed.tasks[0]!;
const REQUIREMENT = '请于3月27日前书面报告推进情况，3月31日前办结';
const squash = (s: string) => s.replace(/\s+/g, '');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function docxText(file: string): Promise<string> {
  const r = await readDocument(new Uint8Array(readFileSync(file)), 'x.docx');
  if (!r.ok) throw new Error(r.message);
  return squash(r.doc.text);
}

/** Every paragraph, heading and cell the sheet prints (the chart's bars are drawn, not text). */
async function printedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.doc-sheet p, .doc-sheet h1, .doc-sheet h2, .doc-sheet h3, .doc-sheet td, .doc-sheet th, .doc-sheet caption, .doc-sheet .doc-issue-row span')]
      .filter((el) => !el.closest('figure'))
      .map((el) => (el.textContent ?? '').replace(/\s+/g, ''))
      .filter((x) => x !== ''),
  );
}

/** Clicks 导出 Word, and returns the file's text and whether a docx worker ran for it. */
async function exportWord(page: Page, saveAs: string): Promise<{ text: string; name: string; inWorker: boolean }> {
  let inWorker = false;
  const onWorker = (w: { url(): string }) => {
    if (/docx-worker/.test(w.url())) inWorker = true;
  };
  page.on('worker', onWorker);
  const { download, file } = await catchDownload(page, () => page.getByRole('button', { name: '导出 Word' }).click(), saveAs);
  page.off('worker', onWorker);
  return { text: await docxText(file), name: download.suggestedFilename(), inWorker };
}

describe('Word exports in the browser', () => {
  it('the 督办单 after 交办: register number, requirement and every printed line, built in a worker', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, `/notice/${encodeURIComponent(task.id)}`);
    await page.getByLabel(/督办要求（可修改/).fill(REQUIREMENT);
    await page.getByRole('button', { name: '交办并编号' }).click();
    await page.getByText(`督办〔${PLAN_YEAR}〕第1号`).first().waitFor();
    const { text, name, inWorker } = await exportWord(page, 'export-notice.docx');
    expect(inWorker).toBe(true);
    expect(name).toMatch(new RegExp(`^督办〔${PLAN_YEAR}〕第1号-`));
    expect(text).toContain(`督办〔${PLAN_YEAR}〕第1号`);
    expect(text).toContain(squash(REQUIREMENT));
    expect(text).not.toContain('未注明时限');
    const printed = await printedTexts(page);
    expect(printed.length).toBeGreaterThan(15);
    expect(printed.filter((x) => !text.includes(x))).toEqual([]);
    expectClean(watched);
    await context.close();
  });

  it('the 通报: the draft, then the issued one, frozen against a later edit', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/report?q=1');
    const draft = await exportWord(page, 'export-report-draft.docx');
    expect(draft.inWorker).toBe(true);
    expect(draft.name).toContain('（草稿，未印发）');
    expect((await printedTexts(page)).filter((x) => !draft.text.includes(x))).toEqual([]);

    await page.getByRole('button', { name: '印发本期通报…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '印发', exact: true }).click();
    await page.getByText(`${PLAN_YEAR}年第1期`).first().waitFor();
    const issued = await exportWord(page, 'export-report-issued.docx');
    expect(issued.name).toContain(`（${PLAN_YEAR}年第1期）`);
    expect(issued.text).toContain(`${PLAN_YEAR}年第1期`);
    const printed = await printedTexts(page);
    expect(printed.filter((x) => !issued.text.includes(x))).toEqual([]);
    await shot(page, 'export-report-issued');

    // The flagged task (listed under 挂牌督办) is renamed after issuing: the issued 通报's file does
    // not change, the draft's does.
    const renamed = '改名后的任务用于核对导出';
    const first = seed.tasks.find((t) => t.flagged)!;
    await page.evaluate(
      ([id, title]) => (window as unknown as { __LUOSHI_STORE__: { getState(): { updateTask(id: string, p: { title: string }): void } } }).__LUOSHI_STORE__.getState().updateTask(id!, { title: title! }),
      [first.id, renamed],
    );
    const again = await exportWord(page, 'export-report-issued-again.docx');
    expect(again.text).toBe(issued.text);
    await open(page, '/report?q=1&draft=1');
    expect((await printedTexts(page)).join('')).toContain(renamed);
    expect((await exportWord(page, 'export-report-draft-2.docx')).text).toContain(renamed);
    expectClean(watched);
    await context.close();
  });
});
