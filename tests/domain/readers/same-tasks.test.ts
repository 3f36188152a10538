// @vitest-environment node
/**
 * Issue 11's must-show: the notice as .docx (merged 牵头单位), as a Chromium-printed PDF, as
 * .xlsx and as a GBK .csv gives the same tasks, owners and deadlines as the pasted text, and each
 * task says where its row is (sheet, page, row).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ParsedPlan } from '@/domain/model';
import { parseDocument, parseSpeech } from '@/domain/parser/speech-parser';
import { pdfjsPages } from '@/domain/readers/pdfjs-pages';
import { readDocument } from '@/domain/readers/read-document';
import { noticeCsvGbk, noticeDocx, noticeText, noticeXlsx, ROWS } from '../../fixtures/documents/notice';

const pdfPages = (bytes: Uint8Array, max: number) => pdfjsPages(pdfjs, bytes, max);

async function planOf(bytes: Uint8Array, name: string): Promise<ParsedPlan> {
  const r = await readDocument(bytes, name, { pdfPages });
  if (!r.ok) throw new Error(r.message);
  return parseDocument(r.doc, { currentYear: 2030 });
}

/** What the office relies on: the task, who leads and co-operates, when it is due. */
const essentials = (p: ParsedPlan) => p.tasks.map((t) => ({ title: t.title, owners: t.owners.map((o) => `${o.role}:${o.name}`), due: t.deadline.due }));

describe('one notice, five ways in', () => {
  const pasted = parseSpeech(noticeText(), { currentYear: 2030 });

  it('the pasted text gives one task per row with its lead, co-unit and deadline', () => {
    expect(pasted.tasks).toHaveLength(ROWS.length);
    expect(pasted.year).toBe(2026);
    expect(essentials(pasted)[0]).toEqual({ title: '新建城市口袋公园10个', owners: ['lead:市城管局', 'co:市自然资源和规划局'], due: '2026-10-31' });
    // Row 3's 牵头单位 is the same unit as row 1's (a merged cell in the Word and Excel files).
    expect(essentials(pasted)[2]!.owners[0]).toBe('lead:市城管局');
  });

  it.each([
    ['notice.docx', () => noticeDocx()],
    ['notice.pdf', async () => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/documents/notice.pdf')))],
    ['notice.xlsx', async () => noticeXlsx()],
    ['notice.csv', async () => noticeCsvGbk()],
  ])('%s gives the same tasks, owners and deadlines', async (name, bytes) => {
    const plan = await planOf(await bytes(), name);
    expect(essentials(plan)).toEqual(essentials(pasted));
    expect(plan.year).toBe(2026);
  });

  it('each row-task says where it came from', async () => {
    const xlsx = await planOf(noticeXlsx(), 'notice.xlsx');
    expect(xlsx.tasks[6]!.location).toEqual({ sheet: '民生实事', page: null, row: 8 });
    const pdf = await planOf(new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/documents/notice.pdf'))), 'notice.pdf');
    expect(pdf.tasks.at(-1)!.location).toEqual({ sheet: null, page: 2, row: 13 });
    // The quote is the row's text in the document, as every quote is.
    const r = await readDocument(await noticeDocx(), 'notice.docx');
    if (!r.ok) throw new Error(r.message);
    for (const t of parseDocument(r.doc).tasks) expect(r.doc.text.slice(t.source.start, t.source.end)).toBe(t.quote);
  });
});
