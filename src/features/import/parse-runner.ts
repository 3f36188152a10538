/**
 * Runs parseSpeech in a Web Worker when the browser has one, else on the main thread after a
 * tick (so the "正在解析…" state paints first). Tests in jsdom take the second path.
 */
import type { ParsedPlan } from '@/domain/model';
import { parseSpeech } from '@/domain/parser/speech-parser';

export type ParseOptions = Parameters<typeof parseSpeech>[1];

export interface ParseRequest {
  id: number;
  text: string;
  options: ParseOptions;
}
export type ParseResponse = { id: number; ok: true; plan: ParsedPlan } | { id: number; ok: false; error: string };

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, { resolve: (p: ParsedPlan) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (workerBroken || typeof Worker === 'undefined') return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // A file:// page or a strict policy may forbid workers; parsing on the main thread still works.
    workerBroken = true;
    return null;
  }
  worker.onmessage = (e: MessageEvent<ParseResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.plan);
    else p.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => {
    // The worker script failed to load: fall back for this and every later parse.
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

function parseOnMainThread(text: string, options: ParseOptions): Promise<ParsedPlan> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      try {
        resolve(parseSpeech(text, options));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    }, 0);
  });
}

export async function parseInBackground(text: string, options: ParseOptions): Promise<ParsedPlan> {
  const w = getWorker();
  if (!w) return parseOnMainThread(text, options);
  const id = nextId++;
  try {
    return await new Promise<ParsedPlan>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, text, options } satisfies ParseRequest);
    });
  } catch (err) {
    if (err instanceof Error && err.message === 'worker-failed') return parseOnMainThread(text, options);
    throw err;
  }
}
