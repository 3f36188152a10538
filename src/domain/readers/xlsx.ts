/**
 * .xlsx (Office Open XML spreadsheets, as Excel and WPS save them): every visible sheet as a
 * table of rows, with shared and inline strings, the cached value of a formula (never evaluated:
 * the value Excel last computed is what the office saw), dates as 2026年9月30日 and merged ranges
 * repeated into the rows they span.
 *
 * Read by hand from the zip with the small XML scanner rather than with a library: the `xlsx`
 * package on npm is an old release with known advisories, exceljs pulls in a dozen packages and
 * loads whole workbooks, and the browser's DOMParser does not exist in the Web Worker where this
 * runs. Reading values is a few hundred lines; writing is done elsewhere.
 */
import { attr, scanXml, STOP } from './xml';
import type { RawRow } from './blocks';
import { ReadError } from './failure';
import type { ZipArchive } from './zip';

export interface SheetRows {
  name: string;
  rows: RawRow[];
}

export interface WorkbookRead {
  /** Visible sheets in workbook order (names even for sheets not read because of `only`). */
  names: string[];
  sheets: SheetRows[];
  truncated: boolean;
}

/** Column letters of a cell reference (B12 → 1, 0-based). */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

/** Built-in number formats that are dates (ECMA-376 18.8.30, with the CJK ones 27–36 and 50–58). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

function isDateFormat(code: string): boolean {
  // Quoted literals, escapes and [colour]/[locale] blocks say nothing about dates.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]|m(?![^;]*[hs])/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** An Excel serial day (1900 system, with its fictitious 1900-02-29; or 1904) as 2026年9月30日. */
export function serialDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const day = Math.floor(serial) + (date1904 ? 1462 : 0);
  // Serial 60 is Excel's 1900-02-29, a day that never was; later serials are one day ahead.
  const ms = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * 86400000;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function numberText(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  // 0.1+0.2 is stored as 0.30000000000000004: show what Excel shows.
  return String(Number(n.toPrecision(15)));
}

function zipPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ('xl/' + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function sharedStrings(zip: ZipArchive): string[] {
  const xml = zip.readText('xl/sharedStrings.xml');
  if (xml === null) return [];
  const out: string[] = [];
  let cur = '';
  let inT = false;
  // Phonetic runs (rPh, furigana-like guides) are not part of the cell's value.
  let inPhonetic = 0;
  scanXml(xml, {
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic++;
    },
    close(name) {
      if (name === 'si') out.push(cur);
      else if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic--;
    },
    text(t) {
      if (inT && inPhonetic === 0) cur += t;
    },
  });
  return out;
}

function dateStyles(zip: ZipArchive): boolean[] {
  const xml = zip.readText('xl/styles.xml');
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  let inXfs = false;
  scanXml(xml, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(attr(a, 'numFmtId')), attr(a, 'formatCode') ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(attr(a, 'numFmtId') ?? 0);
        const code = custom.get(id);
        out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
    text() {},
  });
  return out;
}

interface Merge {
  col0: number;
  col1: number;
  row0: number;
  row1: number;
}

/** <mergeCell ref="C2:C4"/> as its corners. */
function mergeOf(attrs: string): Merge | null {
  const [from, to] = (attr(attrs, 'ref') ?? '').split(':');
  return from && to ? { col0: columnIndex(from), col1: columnIndex(to), row0: rowOf(from), row1: rowOf(to) } : null;
}

function readSheet(xml: string, strings: string[], dates: boolean[], date1904: boolean, budget: { rows: number }): { rows: RawRow[]; truncated: boolean } {
  const byRow = new Map<number, string[]>();
  const merges: Merge[] = [];
  let rowNo = 0;
  let cells: string[] = [];
  let cellCol = 0;
  let cellType = 'n';
  let cellStyle = 0;
  let value = '';
  let inline = '';
  let inV = false;
  let inIs = false;
  let inT = false;
  let truncated = false;
  let stop = false;
  let nextRow = 1;
  let nextCol = 0;
  scanXml(xml, {
    open(name, a, selfClosing) {
      if (name === 'row') {
        if (budget.rows <= 0) {
          // The rest of the rows are not read at all; the merge ranges after them still are.
          truncated = true;
          stop = true;
          return STOP;
        }
        rowNo = Number(attr(a, 'r')) || nextRow;
        nextRow = rowNo + 1;
        nextCol = 0;
        cells = [];
        if (!selfClosing) budget.rows--;
      } else if (name === 'c') {
        const r = attr(a, 'r');
        cellCol = r ? columnIndex(r) : nextCol;
        nextCol = cellCol + 1;
        cellType = attr(a, 't') ?? 'n';
        cellStyle = Number(attr(a, 's') ?? 0);
        value = '';
        inline = '';
      } else if (name === 'v') inV = true;
      else if (name === 'is') inIs = true;
      else if (name === 't' && inIs) inT = true;
      else if (name === 'mergeCell') {
        const m = mergeOf(a);
        if (m) merges.push(m);
      }
    },
    close(name) {
      if (name === 'v') inV = false;
      else if (name === 'is') inIs = false;
      else if (name === 't') inT = false;
      else if (name === 'c') {
        let text: string;
        if (cellType === 's') text = strings[Number(value)] ?? '';
        else if (cellType === 'inlineStr') text = inline;
        else if (cellType === 'b') text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
        else if (cellType === 'str' || cellType === 'e') text = value;
        else if (value !== '' && dates[cellStyle]) text = serialDate(Number(value), date1904) ?? numberText(value);
        else text = value === '' ? '' : numberText(value);
        if (cellCol >= 0 && cellCol < 16384) {
          while (cells.length < cellCol) cells.push('');
          cells[cellCol] = text;
        }
      } else if (name === 'row') {
        if (cells.length > 0) byRow.set(rowNo, cells);
      }
    },
    text(t) {
      if (inV) value += t;
      else if (inT) inline += t;
    },
  });

  if (stop) {
    const from = xml.indexOf('<mergeCells');
    if (from >= 0) {
      scanXml(xml.slice(from), {
        open(name, a) {
          const m = name === 'mergeCell' ? mergeOf(a) : null;
          if (m) merges.push(m);
        },
        close() {},
        text() {},
      });
    }
  }
  // A merged range shows its value in its top-left cell; the rows below repeat it.
  const continues = new Set<string>();
  for (const m of merges) {
    for (let r = m.row0 + 1; r <= m.row1; r++) continues.add(`${r}:${m.col0}`);
  }
  const numbers = [...byRow.keys()].sort((x, y) => x - y);
  const width = numbers.reduce((w, r) => Math.max(w, byRow.get(r)!.length), 0);
  const rows: RawRow[] = [];
  for (const r of numbers) {
    const values = byRow.get(r)!;
    const cellsOut = [];
    for (let c = 0; c < width; c++) {
      const text = values[c] ?? '';
      cellsOut.push(text === '' && continues.has(`${r}:${c}`) ? { text: '', continues: true } : { text });
    }
    rows.push({ cells: cellsOut, rowNumber: r, page: null });
  }
  return { rows, truncated };
}

export function readWorkbook(zip: ZipArchive, only: string | null, maxRows: number): WorkbookRead {
  const wb = zip.readText('xl/workbook.xml');
  if (wb === null) throw new ReadError('corrupt', '这不是有效的 Excel 工作簿（缺少 workbook.xml）。请在 Excel/WPS 中另存为 .xlsx 后再导入。');
  const rels = new Map<string, string>();
  scanXml(zip.readText('xl/_rels/workbook.xml.rels') ?? '', {
    open(name, a) {
      if (name === 'Relationship') rels.set(attr(a, 'Id') ?? '', attr(a, 'Target') ?? '');
    },
    close() {},
    text() {},
  });
  const list: { name: string; path: string }[] = [];
  let date1904 = false;
  scanXml(wb, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = attr(a, 'date1904') === '1' || attr(a, 'date1904') === 'true';
      if (name !== 'sheet') return;
      const state = attr(a, 'state');
      if (state === 'hidden' || state === 'veryHidden') return;
      const target = rels.get(attr(a, 'r:id') ?? '');
      if (target) list.push({ name: attr(a, 'name') ?? `Sheet${list.length + 1}`, path: zipPath(target) });
    },
    close() {},
    text() {},
  });
  const strings = sharedStrings(zip);
  const dates = dateStyles(zip);
  const budget = { rows: maxRows };
  const sheets: SheetRows[] = [];
  let truncated = false;
  for (const s of list) {
    if (only !== null && s.name !== only) continue;
    if (budget.rows <= 0) {
      truncated = true;
      break;
    }
    const xml = zip.readText(s.path);
    if (xml === null) continue;
    const r = readSheet(xml, strings, dates, date1904, budget);
    truncated ||= r.truncated;
    sheets.push({ name: s.name, rows: r.rows });
  }
  return { names: list.map((s) => s.name), sheets, truncated };
}
