/**
 * Reading files and parsing run in a Web Worker when the browser has one, else on the main
 * thread after a tick (so the "正在解析…" state paints first); tests in jsdom take the second
 * path. A PDF is read on the page with pdf.js, which does its heavy work in its own worker.
 * The readers and pdf.js are loaded only when a file needs them (their own chunks).
 */
import type { ParsedPlan } from '@/domain/model';
import type { ParseOptions } from '@/domain/parser/speech-parser';
import type { SourceDocument } from '@/domain/parser/source-document';
import type { ReadResult } from '@/domain/readers/read-document';
import { looksLikePdf } from '@/domain/readers/sniff';

export type { ParseOptions };

export type Job =
  | { op: 'parse-text'; text: string; options: ParseOptions }
  | { op: 'parse-doc'; doc: SourceDocument; options: ParseOptions }
  | { op: 'read'; bytes: Uint8Array; fileName: string; sheet: string | null };
export type WorkerRequest = Job & { id: number };
export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (workerBroken || typeof Worker === 'undefined') return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // A file:// page or a strict policy may forbid workers; the main thread still works.
    workerBroken = true;
    return null;
  }
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.value);
    else p.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => {
    // The worker script failed to load: fall back for this and every later job.
    e.preventDefault();
    workerBroken = true;
    worker?.terminate();
    worker = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.reject(new Error('worker-failed'));
  };
  return worker;
}

/** The same work as the worker does, on this thread (the worker's module, loaded on demand). */
async function onMainThread(job: Job): Promise<unknown> {
  await new Promise((r) => setTimeout(r, 0));
  const { runJob } = await import('./parse-jobs');
  return runJob(job);
}

async function run<T>(job: Job): Promise<T> {
  const w = getWorker();
  if (!w) return (await onMainThread(job)) as T;
  const id = nextId++;
  try {
    return await new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ ...job, id } satisfies WorkerRequest);
    });
  } catch (err) {
    if (err instanceof Error && err.message === 'worker-failed') return (await onMainThread(job)) as T;
    throw err;
  }
}

export function parseInBackground(text: string, options: ParseOptions): Promise<ParsedPlan> {
  return run<ParsedPlan>({ op: 'parse-text', text, options });
}

export function parseDocumentInBackground(doc: SourceDocument, options: ParseOptions): Promise<ParsedPlan> {
  return run<ParsedPlan>({ op: 'parse-doc', doc, options });
}

/** A chosen file → a SourceDocument or the reason it cannot be read; the page never freezes. */
export async function readFileInBackground(bytes: Uint8Array, fileName: string, sheet: string | null): Promise<ReadResult> {
  if (looksLikePdf(bytes)) {
    const { readPdf } = await import('./pdf-reader');
    return readPdf(bytes, fileName);
  }
  return run<ReadResult>({ op: 'read', bytes, fileName, sheet });
}
