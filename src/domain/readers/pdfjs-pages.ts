/**
 * The one place that calls pdf.js: a PDF's bytes → the positioned text of each page. The caller
 * passes the pdf.js module it loaded (the legacy build in Node, the browser build with its worker
 * set up by Vite in the import page), so this file imports nothing heavy itself.
 */
import type * as Pdfjs from 'pdfjs-dist';
import { ReadError } from './failure';
import type { PdfPageText, PdfTextItem } from './pdf';

export type PdfjsModule = Pick<typeof Pdfjs, 'getDocument'>;

export interface PdfPages {
  pages: PdfPageText[];
  /** Pages in the file (more than `pages.length` when the limit cut it). */
  pageCount: number;
}

export async function pdfjsPages(pdfjs: PdfjsModule, bytes: Uint8Array, maxPages: number): Promise<PdfPages> {
  // pdf.js takes ownership of the buffer it is given (it moves it to its worker): pass a copy.
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    if (name === 'PasswordException') throw new ReadError('encrypted', '这份 PDF 设有打开密码，无法读取。请向发文单位索取未加密的文件，或打开后另存一份不带密码的 PDF。');
    throw new ReadError('corrupt', 'PDF 文件已损坏或格式不对，无法读取。请重新下载或向发文单位索取原件。');
  }
  try {
    const pages: PdfPageText[] = [];
    const n = Math.min(doc.numPages, maxPages);
    for (let p = 1; p <= n; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [a, b, , , x, y] = it.transform as number[];
        items.push({ str: it.str, x: x!, y: y!, width: it.width, height: it.height || Math.hypot(a!, b!) });
      }
      pages.push({ items });
      page.cleanup();
    }
    return { pages, pageCount: doc.numPages };
  } finally {
    void doc.destroy();
  }
}
