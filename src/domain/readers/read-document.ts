/**
 * readDocument: a file's bytes in, a SourceDocument for the parser out (or the reason it cannot
 * be read). The reader is chosen by content, not by the name: a zip holding word/document.xml is
 * Word, one holding xl/workbook.xml is Excel, `%PDF-` is a PDF, an OLE compound file is an old
 * .doc/.xls or an encrypted Office file, anything else is text or CSV. Never throws; every limit
 * (size, inflation, rows, pages) gives a message or a result cut at a stated point.
 */
import { documentFromBlocks, type Block } from './blocks';
import { readCsv } from './csv';
import { readDocx } from './docx';
import { failure, ReadError, type ReadFailure } from './failure';
import { pdfBlocks } from './pdf';
import type { PdfPages } from './pdfjs-pages';
import { looksLikePdf } from './sniff';
import { readWorkbook } from './xlsx';
import { isZip, openZip } from './zip';
import { decodeSpeechBytes } from '../text-decode';
import type { SourceDocument } from '../parser/source-document';

export interface ReadLimits {
  /** Largest file read at all. */
  maxBytes: number;
  /** Rows read from a workbook or CSV, all sheets together. */
  maxRows: number;
  /** Pages read from a PDF. */
  maxPages: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 20_000, maxPages: 500 };

export interface ReadOptions {
  /** Excel: read only this sheet (the import page's sheet picker); all visible sheets when absent. */
  sheet?: string | null;
  /** How a PDF's text is taken out (pdf.js, loaded by the caller); without it a PDF is refused. */
  pdfPages?: (bytes: Uint8Array, maxPages: number) => Promise<PdfPages>;
  limits?: Partial<ReadLimits>;
}

export interface ReadSuccess {
  ok: true;
  doc: SourceDocument;
  /** Visible sheet names of a workbook ([] for other kinds), for the sheet picker. */
  sheets: string[];
  /** Things the office should know: a name that did not match the content, a cut at a limit. */
  notes: string[];
}

export type ReadResult = ReadSuccess | ReadFailure;

type Sniffed = 'docx' | 'xlsx' | 'pdf' | 'ole' | 'zip' | 'text';

const KIND_NAME: Record<string, string> = { docx: 'Word 文档', xlsx: 'Excel 工作簿', pdf: 'PDF', csv: 'CSV 表格', text: '纯文本' };

function extension(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,6})$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

/** Whether a UTF-16LE name (a stream in an OLE file's directory) occurs in the bytes. */
function hasUtf16(bytes: Uint8Array, name: string): boolean {
  const pat: number[] = [];
  for (const ch of name) pat.push(ch.charCodeAt(0), 0);
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let k = 0; k < pat.length; k++) if (bytes[i + k] !== pat[k]) continue outer;
    return true;
  }
  return false;
}

function oleFailure(bytes: Uint8Array, fileName: string): ReadFailure {
  if (hasUtf16(bytes, 'EncryptedPackage')) {
    return failure('encrypted', `“${fileName}”设有打开密码（加密的 Word/Excel 文件），无法读取。请在 Word/WPS 或 Excel 中打开，取消密码（文件 → 信息 → 保护文档/工作簿 → 用密码进行加密，清空密码）后另存，再导入。`);
  }
  if (hasUtf16(bytes, 'WordDocument')) {
    return failure('old-office', `“${fileName}”是旧版 Word 97-2003 文档（.doc），无法直接读取。请在 Word/WPS 中打开，“另存为” Word 文档（.docx）后再导入。`);
  }
  if (hasUtf16(bytes, 'Workbook') || hasUtf16(bytes, 'Book')) {
    return failure('old-office', `“${fileName}”是旧版 Excel 97-2003 工作簿（.xls），无法直接读取。请在 Excel/WPS 中打开，“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。`);
  }
  return failure('old-office', `“${fileName}”是旧版 Office 格式（OLE 复合文档），无法读取。请在原程序中另存为 .docx、.xlsx 或 PDF 后再导入。`);
}

function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (looksLikePdf(bytes)) return 'pdf';
  if (isZip(bytes)) return 'zip';
  return 'text';
}

/** CSV by content: the first lines all hold the same number (≥ 1) of commas or tabs. */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/, 20).filter((l) => l.trim() !== '').slice(0, 5);
  if (lines.length < 2) return false;
  return [',', '\t'].some((d) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    return counts[0]! >= 1 && counts.every((c) => c === counts[0]);
  });
}

export async function readDocument(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const name = fileName || '文件';
  try {
    if (!ArrayBuffer.isView(bytes) || bytes.length === 0) return failure('empty', `“${name}”是空文件，没有可读取的内容。`);
    if (bytes.length > limits.maxBytes) {
      return failure('too-large', `“${name}”有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB 的上限。请确认选对了文件，或只导出需要的部分。`);
    }
    const notes: string[] = [];
    let kind = sniff(bytes);
    if (kind === 'ole') return oleFailure(bytes, name);
    let zip = null;
    if (kind === 'zip') {
      zip = openZip(bytes);
      if (zip.entries.has('xl/workbook.xml')) kind = 'xlsx';
      else if (zip.entries.has('word/document.xml') || zip.entries.has('word/document2.xml')) kind = 'docx';
      else {
        return failure('unsupported', `“${name}”是压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件。PowerPoint、WPS 专有格式或 ODF 文档请另存为 .docx、.xlsx 或 PDF 后再导入。`);
      }
    }
    const ext = extension(name);
    // A name that promises an Office file or a PDF over plain bytes: renamed or damaged, not text to parse.
    const claimed = ({ docx: 'docx', doc: 'docx', xlsx: 'xlsx', xls: 'xlsx', pdf: 'pdf' } as Record<string, string>)[ext];
    if (claimed && kind === 'text') {
      return failure('corrupt', `“${name}”的扩展名是 .${ext}，但内容不是${KIND_NAME[claimed]}（文件可能已损坏或被改了扩展名）。`);
    }
    let doc: SourceDocument;
    let sheets: string[] = [];
    if (kind === 'docx') {
      doc = documentFromBlocks('docx', fileName, readDocx(zip!));
    } else if (kind === 'xlsx') {
      const wb = readWorkbook(zip!, options.sheet ?? null, limits.maxRows);
      sheets = wb.names;
      if (options.sheet && !wb.names.includes(options.sheet)) {
        return failure('unsupported', `工作簿“${name}”中没有名为“${options.sheet}”的工作表。`);
      }
      if (wb.truncated) notes.push(`表格超过 ${limits.maxRows} 行，只读取了前 ${limits.maxRows} 行。`);
      const blocks: Block[] = wb.sheets.map((s) => ({ kind: 'table', sheet: s.name, rows: s.rows, headerRows: null, page: null }));
      doc = documentFromBlocks('xlsx', fileName, blocks);
    } else if (kind === 'pdf') {
      if (!options.pdfPages) return failure('pdf-unavailable', '此处无法读取 PDF。');
      const got = await options.pdfPages(bytes, limits.maxPages);
      if (got.pageCount > got.pages.length) notes.push(`PDF 共 ${got.pageCount} 页，只读取了前 ${got.pages.length} 页。`);
      doc = documentFromBlocks('pdf', fileName, pdfBlocks(got.pages));
    } else {
      const decoded = decodeSpeechBytes(bytes, name);
      if (!decoded.ok) return failure('not-text', decoded.error);
      const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
      const asCsv = ext === 'csv' || ext === 'tsv' || (ext !== 'txt' && looksLikeCsv(text));
      if (asCsv) {
        const csv = readCsv(text, limits.maxRows);
        if (csv.truncated) notes.push(`表格超过 ${limits.maxRows} 行，只读取了前 ${limits.maxRows} 行。`);
        doc = documentFromBlocks('csv', fileName, [{ kind: 'table', sheet: null, rows: csv.rows, headerRows: null, page: null }]);
      } else {
        doc = { text, tables: [], pageStarts: [], kind: 'text', fileName };
      }
      if (decoded.encoding === 'gb18030') notes.push('文件按 GBK/GB18030 编码读取。');
    }
    if (claimed && claimed !== doc.kind) notes.push(`文件扩展名是 .${ext}，但内容是${KIND_NAME[doc.kind]}，已按${KIND_NAME[doc.kind]}读取。`);
    return { ok: true, doc, sheets, notes };
  } catch (e) {
    if (e instanceof ReadError) return failure(e.code, `“${name}”：${e.message}`);
    return failure('corrupt', `“${name}”无法读取（${e instanceof Error ? e.message : String(e)}）。文件可能已损坏。`);
  }
}
