/**
 * Reading a PDF in the page: pdf.js parses in its own worker (set up here for Vite), and the
 * positioned text comes back to be laid out by the domain's PDF reader. Loaded only for a PDF.
 */
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { readDocument, type ReadResult } from '@/domain/readers/read-document';
import { pdfjsPages } from '@/domain/readers/pdfjs-pages';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export function readPdf(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  return readDocument(bytes, fileName, { pdfPages: (b, max) => pdfjsPages(pdfjs, b, max) });
}
