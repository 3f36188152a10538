// @vitest-environment node
/**
 * Hostile and broken files: each gives a Chinese message or a result cut at a stated limit,
 * quickly, and nothing in a file is ever executed or expanded beyond the budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readDocument, type ReadResult } from '@/domain/readers/read-document';
import { pdfjsPages } from '@/domain/readers/pdfjs-pages';
import { pdfBlocks, type PdfPageText } from '@/domain/readers/pdf';
import { noticeDocx } from '../../fixtures/documents/notice';

const pdfPages = (bytes: Uint8Array, max: number) => pdfjsPages(pdfjs, bytes, max);

function failed(r: ReadResult) {
  if (r.ok) throw new Error('expected a failure');
  return r;
}

/** A minimal workbook whose one sheet is the given sheetData XML. */
function workbook(sheetData: string, extra: Record<string, string> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetData}</sheetData></worksheet>`),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
}

/** Offsets of every central-directory entry of a zip made by fflate. */
function centralEntries(zip: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02) out.push(i);
  return out;
}
const setU32 = (b: Uint8Array, o: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint32(o, v, true);

function ole(streamName: string): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let o = 1024;
  for (const ch of streamName) {
    b[o] = ch.charCodeAt(0);
    o += 2;
  }
  return b;
}

describe('readDocument refuses or bounds bad input', () => {
  it('an empty file', async () => {
    expect(failed(await readDocument(new Uint8Array(), 'a.docx')).message).toContain('空文件');
  });

  it('a file over the size limit, before reading it', async () => {
    const r = failed(await readDocument(new Uint8Array(2048), 'big.xlsx', { limits: { maxBytes: 1024 } }));
    expect(r.code).toBe('too-large');
  });

  it('an encrypted Word/Excel file (OLE with EncryptedPackage): says so and how to remove the password', async () => {
    const r = failed(await readDocument(ole('EncryptedPackage'), '加密.docx'));
    expect(r.code).toBe('encrypted');
    expect(r.message).toMatch(/密码.*另存/);
  });

  it('an old .doc (OLE with WordDocument): asks to save as .docx', async () => {
    const r = failed(await readDocument(ole('WordDocument'), '旧.doc'));
    expect(r.code).toBe('old-office');
    expect(r.message).toContain('.docx');
  });

  it('an old .xls (OLE with Workbook): asks to save as .xlsx', async () => {
    expect(failed(await readDocument(ole('Workbook'), '旧.xls')).message).toContain('.xlsx');
  });

  it('a zip entry flagged as encrypted', async () => {
    const zip = await noticeDocx();
    for (const at of centralEntries(zip)) zip[at + 8]! |= 1;
    expect(failed(await readDocument(zip, 'a.docx')).code).toBe('encrypted');
  });

  it('a zip bomb by declared sizes (entries that say they expand past 100 MB)', async () => {
    const zip = await noticeDocx();
    for (const at of centralEntries(zip)) setU32(zip, at + 24, 60 * 1024 * 1024);
    const r = failed(await readDocument(zip, 'bomb.docx'));
    expect(r.code).toBe('zip-bomb');
  });

  it('a zip bomb that lies about its size: inflation stops at the declared size', async () => {
    // 30 MB of spaces inside a sheet compress to ~30 kB; the directory claims 1 kB.
    const zip = workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>${' '.repeat(30 * 1024 * 1024)}</t></is></c></row>`);
    for (const at of centralEntries(zip)) setU32(zip, at + 24, 1024);
    expect(zip.length).toBeLessThan(200 * 1024);
    expect(failed(await readDocument(zip, 'bomb.xlsx')).code).toBe('zip-bomb');
  });

  it('a truncated .docx', async () => {
    const zip = await noticeDocx();
    const r = failed(await readDocument(zip.subarray(0, zip.length - 100), 'cut.docx'));
    expect(r.code).toBe('corrupt');
    expect(r.message).toContain('损坏');
  });

  it('a zip that is neither Word nor Excel', async () => {
    expect(failed(await readDocument(zipSync({ 'ppt/presentation.xml': strToU8('<p/>') }), 'a.pptx')).code).toBe('unsupported');
  });

  it('a .docx renamed .pdf is read as Word, with a note', async () => {
    const r = await readDocument(await noticeDocx(), '通知.pdf');
    expect(r.ok && r.doc.kind).toBe('docx');
    expect(r.ok && r.notes.join()).toContain('扩展名是 .pdf');
  });

  it('a text file renamed .docx is refused as damaged or renamed', async () => {
    expect(failed(await readDocument(strToU8('随便写的文字'), '通知.docx')).message).toContain('扩展名');
  });

  it('formulas: the value Excel cached, never the formula', async () => {
    const r = await readDocument(workbook('<row r="1"><c r="A1"><f>SUM(B1:B2)</f><v>42</v></c><c r="B1" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="C1"><f>NOW()</f></c></row>'), 'f.xlsx');
    expect(r.ok && r.doc.tables[0]!.rows[0]!.cells.map((c) => c.text)).toEqual(['42', 'ab', '']);
  });

  it('HTML and script in cells and runs stay text', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const esc = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const r = await readDocument(workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>${esc}</t></is></c></row>`), 'x.xlsx');
    expect(r.ok && r.doc.text).toBe(payload);
    const csv = await readDocument(strToU8(`任务,单位\n"${payload.replace(/"/g, '""')}",市城管局\n`), 'x.csv');
    expect(csv.ok && csv.doc.tables[0]!.rows[1]!.cells[0]!.text).toBe(payload);
  });

  it('a DOCTYPE with entity tricks is skipped, never expanded', async () => {
    const xml = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;正文</w:t></w:r></w:p></w:body></w:document>';
    const r = await readDocument(zipSync({ 'word/document.xml': strToU8(xml) }), 'e.docx');
    expect(r.ok && r.doc.text).toBe('&b;正文');
  });

  it('a sheet of 100,000 rows is cut at the row limit with a note', async () => {
    const rows: string[] = [];
    for (let i = 1; i <= 100_000; i++) rows.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>第${i}项任务</t></is></c><c r="B${i}"><v>${i}</v></c></row>`);
    const r = await readDocument(workbook(rows.join('')), 'huge.xlsx');
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.tables[0]!.rows).toHaveLength(20_000);
    expect(r.doc.tables[0]!.rows.at(-1)!.rowNumber).toBe(20_000);
    expect(r.notes.join()).toContain('只读取了前 20000 行');
  });

  const PHRASES = ['要抓好各项任务落实', '推进城市更新行动', '加强安全生产监管', '办好民生实事', '优化营商环境', '扩大有效投资', '深化国资国企改革'];
  it('a 200-page PDF text layer becomes paragraphs in bounded time and space', () => {
    const pages: PdfPageText[] = Array.from({ length: 200 }, (_, p) => ({
      items: [
        ...Array.from({ length: 30 }, (_, l) => ({ str: `${PHRASES[(p * 30 + l) % PHRASES.length]}（第${p + 1}页第${l + 1}行）`, x: 90, y: 760 - l * 22, width: 400, height: 16 })),
        { str: '临川市人民政府公报', x: 250, y: 800, width: 150, height: 12 },
        { str: `— ${p + 1} —`, x: 280, y: 40, width: 40, height: 14 },
      ],
    }));
    const blocks = pdfBlocks(pages);
    expect(blocks.length).toBeGreaterThan(0);
    const text = blocks.map((b) => (b.kind === 'para' ? b.text : '')).join('\n');
    expect(text).not.toMatch(/—\s*\d+\s*—/);
    expect(text).not.toContain('公报');
    expect(text).toContain('第200页第30行');
  });

  it('reads at most maxPages pages of a PDF and says how many there were', async () => {
    const pdf = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/documents/notice.pdf')));
    const r = await readDocument(pdf, 'n.pdf', { pdfPages, limits: { maxPages: 1 } });
    expect(r.ok && r.notes.join()).toContain('共 2 页，只读取了前 1 页');
  });

  it('a PDF without a text layer (scanned) gets the no-OCR message', async () => {
    const r = failed(await readDocument(strToU8('%PDF-1.4 scanned'), 's.pdf', { pdfPages: async () => ({ pages: [{ items: [] }, { items: [] }], pageCount: 2 }) }));
    expect(r.code).toBe('scanned-pdf');
    expect(r.message).toContain('扫描件');
  });

  it('a damaged PDF', async () => {
    const r = failed(await readDocument(strToU8('%PDF-1.7\n garbage that is not a pdf'), 'bad.pdf', { pdfPages }));
    expect(r.code).toBe('corrupt');
  });

  it('text in UTF-16 with a BOM reads as in the CLI', async () => {
    const le = new Uint8Array([0xff, 0xfe, 0xb2, 0x8b, 0xdd, 0x8b]);
    expect(await readDocument(le, 'a.txt')).toMatchObject({ ok: true, doc: { text: '讲话', kind: 'text' } });
  });
});
