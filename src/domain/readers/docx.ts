/**
 * .docx (Word and WPS): the body's paragraphs and tables in order, read from word/document.xml.
 * Tables keep their grid: a cell spanning columns (gridSpan) fills them, the later rows of a
 * vertically merged cell (vMerge) repeat its value, rows marked as repeating headers (tblHeader)
 * are the header. A table inside a cell becomes text of that cell.
 *
 * Read by hand rather than with mammoth: mammoth's HTML keeps rowspan only as markup we would
 * have to parse again with a DOM that Web Workers lack, it bundles jszip and its own helpers
 * (about 200 kB), and it offers no control over how far an entry inflates (zip bombs).
 */
import { attr, scanXml } from './xml';
import type { Block, RawCell, RawRow } from './blocks';
import { ReadError } from './failure';
import type { ZipArchive } from './zip';

function mainPart(zip: ZipArchive): string {
  let target: string | null = null;
  scanXml(zip.readText('_rels/.rels') ?? '', {
    open(name, a) {
      if (name === 'Relationship' && (attr(a, 'Type') ?? '').endsWith('/officeDocument')) target = attr(a, 'Target');
    },
    close() {},
    text() {},
  });
  const path = target ? (target as string).replace(/^\//, '') : 'word/document.xml';
  return zip.entries.has(path) ? path : 'word/document.xml';
}

interface TableState {
  rows: RawRow[];
  row: RawCell[] | null;
  headerRows: number;
  rowIsHeader: boolean;
  /** The current cell's text, its grid span and whether it continues a vertical merge. */
  cell: string[] | null;
  span: number;
  vContinue: boolean;
}

export function readDocx(zip: ZipArchive): Block[] {
  const part = mainPart(zip);
  const xml = zip.readText(part);
  if (xml === null) throw new ReadError('corrupt', '这不是有效的 Word 文档（缺少 document.xml）。请在 Word/WPS 中另存为 .docx 后再导入。');
  const blocks: Block[] = [];
  const tables: TableState[] = [];
  let para: string[] | null = null;
  let paraDepth = 0;
  let inText = false;

  /** Where text goes now: the outer table's open cell (a nested table's text joins it), else the paragraph. */
  const sink = (): string[] | null => (tables.length > 0 ? (tables[0]!.cell ?? null) : para);

  scanXml(xml, {
    open(name, a, selfClosing) {
      switch (name) {
        case 'w:tbl':
          // A nested table's text joins the outer cell, separated from what came before.
          if (tables.length > 0) sink()?.push(' ');
          tables.push({ rows: [], row: null, headerRows: 0, rowIsHeader: false, cell: null, span: 1, vContinue: false });
          break;
        case 'w:tr':
          if (tables.length === 1) {
            const t = tables[0]!;
            t.row = [];
            t.rowIsHeader = false;
          }
          break;
        case 'w:tblHeader':
          if (tables.length === 1 && attr(a, 'w:val') !== '0' && attr(a, 'w:val') !== 'false') tables[0]!.rowIsHeader = true;
          break;
        case 'w:gridBefore':
          if (tables.length === 1) {
            const n = Math.min(64, Number(attr(a, 'w:val')) || 0);
            for (let i = 0; i < n; i++) tables[0]!.row?.push({ text: '' });
          }
          break;
        case 'w:tc':
          if (tables.length === 1) {
            const t = tables[0]!;
            t.cell = [];
            t.span = 1;
            t.vContinue = false;
          }
          break;
        case 'w:gridSpan':
          if (tables.length === 1) tables[0]!.span = Math.max(1, Math.min(64, Number(attr(a, 'w:val')) || 1));
          break;
        case 'w:vMerge': {
          // <w:vMerge/> or val="continue" continues the cell above; val="restart" starts one.
          const v = attr(a, 'w:val');
          if (tables.length === 1 && v !== 'restart') tables[0]!.vContinue = true;
          break;
        }
        case 'w:p':
          if (paraDepth === 0 && tables.length === 0) para = [];
          else sink()?.push(sink()!.length > 0 ? ' ' : '');
          paraDepth++;
          break;
        case 'w:t':
          if (!selfClosing) inText = true;
          break;
        case 'w:tab':
          sink()?.push(tables.length > 0 ? ' ' : '\t');
          break;
        case 'w:br':
        case 'w:cr':
          sink()?.push(' ');
          break;
        case 'w:noBreakHyphen':
          sink()?.push('-');
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:p':
          paraDepth = Math.max(0, paraDepth - 1);
          if (paraDepth === 0 && tables.length === 0 && para) {
            blocks.push({ kind: 'para', text: para.join(''), page: null });
            para = null;
          }
          break;
        case 'w:tc':
          if (tables.length > 1) sink()?.push(' ');
          if (tables.length === 1) {
            const t = tables[0]!;
            const text = (t.cell ?? []).join('').trim();
            for (let i = 0; i < t.span; i++) t.row?.push(i === 0 && !t.vContinue ? { text } : t.vContinue ? { text: '', continues: true } : { text: '' });
            t.cell = null;
          }
          break;
        case 'w:tr':
          if (tables.length === 1) {
            const t = tables[0]!;
            if (t.row) {
              if (t.rowIsHeader && t.headerRows === t.rows.length) t.headerRows++;
              t.rows.push({ cells: t.row, rowNumber: t.rows.length + 1, page: null });
            }
            t.row = null;
          }
          break;
        case 'w:tbl': {
          const t = tables.pop();
          if (t && tables.length === 0) {
            blocks.push({ kind: 'table', sheet: null, rows: t.rows, headerRows: t.headerRows > 0 ? t.headerRows : null, page: null });
          }
          break;
        }
      }
    },
    text(t) {
      if (inText) sink()?.push(t);
    },
  });
  return blocks;
}
