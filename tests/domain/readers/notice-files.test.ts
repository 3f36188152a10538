// @vitest-environment node
/**
 * The same invented notice as a Word file, an Excel file, a GBK CSV and a Chromium-printed PDF:
 * each reader gives the same table (header, 12 rows, the merged 牵头单位 repeated) with spans
 * that slice out of the document's text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readDocument, type ReadSuccess } from '@/domain/readers/read-document';
import { pdfjsPages } from '@/domain/readers/pdfjs-pages';
import type { DocTable, SourceDocument } from '@/domain/parser/source-document';
import { HEADER, NOTICE_INTRO, noticeCsvGbk, noticeDocx, noticeXlsx, ROWS } from '../../fixtures/documents/notice';

const pdfPages = (bytes: Uint8Array, max: number) => pdfjsPages(pdfjs, bytes, max);
const noticePdf = () => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/documents/notice.pdf')));

async function read(bytes: Uint8Array, name: string): Promise<ReadSuccess> {
  const r = await readDocument(bytes, name, { pdfPages });
  if (!r.ok) throw new Error(r.message);
  return r;
}

/** Every span of the table slices its cell's text out of the document. */
function expectSpansHold(doc: SourceDocument, table: DocTable) {
  expect(doc.text.slice(table.span.start, table.span.end).split('\n')).toHaveLength(table.rows.length);
  for (const row of table.rows) {
    for (const cell of row.cells) expect(doc.text.slice(cell.span.start, cell.span.end)).toBe(cell.text);
  }
}

function expectNoticeTable(table: DocTable) {
  expect(table.headerRows).toBe(1);
  expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([HEADER, ...ROWS.map((r, i) => [String(i + 1), ...r])]);
  expect(table.rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
}

describe('readDocument on the notice', () => {
  it('reads the .docx: paragraphs as lines, the table with the merged 牵头单位 repeated and marked', async () => {
    const { doc } = await read(await noticeDocx(), '分解表.docx');
    expect(doc.kind).toBe('docx');
    expect(doc.text.split('\n').slice(2, 4)).toEqual(NOTICE_INTRO);
    expect(doc.tables).toHaveLength(1);
    const table = doc.tables[0]!;
    expectNoticeTable(table);
    expectSpansHold(doc, table);
    // Rows 2 and 3 repeat row 1's 市城管局: marked merged, pointing at the original cell.
    expect(table.rows[2]!.cells[2]).toMatchObject({ text: '市城管局', merged: true, span: table.rows[1]!.cells[2]!.span });
    expect(table.rows[1]!.cells[2]!.merged).toBe(false);
    // In the text the merged cell is empty, as Word's "paste as text" writes it.
    expect(doc.text.slice(table.rows[2]!.span.start, table.rows[2]!.span.end).split('\t')[2]).toBe('');
  });

  it('reads the .xlsx: the sheet named, Excel row numbers, merged range repeated', async () => {
    const r = await read(noticeXlsx(), '分解表.xlsx');
    expect(r.sheets).toEqual(['民生实事']);
    const table = r.doc.tables[0]!;
    expect(table.sheet).toBe('民生实事');
    expectNoticeTable(table);
    expectSpansHold(r.doc, table);
    expect(table.rows[3]!.cells[2]).toMatchObject({ text: '市城管局', merged: true });
  });

  it('reads the GBK .csv as Excel in China saves it, and says it did', async () => {
    const r = await read(noticeCsvGbk(), '分解表.csv');
    expect(r.doc.kind).toBe('csv');
    expectNoticeTable(r.doc.tables[0]!);
    expectSpansHold(r.doc, r.doc.tables[0]!);
    expect(r.notes.join()).toContain('GBK');
  });

  it('reads the Chromium-printed PDF: paragraphs rejoined, page numbers dropped, the table rebuilt across two pages', async () => {
    const r = await read(noticePdf(), '分解表.pdf');
    const { doc } = r;
    expect(doc.kind).toBe('pdf');
    expect(doc.text).not.toMatch(/—\s*\d\s*—/);
    // The second paragraph wraps in the PDF; it is one line again.
    expect(doc.text).toContain(NOTICE_INTRO[1]);
    expect(doc.tables).toHaveLength(1);
    const table = doc.tables[0]!;
    expectNoticeTable(table);
    expectSpansHold(doc, table);
    // The repeated header on page 2 is read once; rows 11 and 12 are on page 2.
    expect(table.rows.map((row) => row.page)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    expect(doc.pageStarts).toHaveLength(2);
    expect(table.rows[2]!.cells[2]).toMatchObject({ text: '市城管局', merged: true });
  });
});
