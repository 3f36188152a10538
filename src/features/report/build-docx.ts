/**
 * Builds an official .docx in a Web Worker when the browser has one (the page stays usable while
 * a city-scale 通报 is laid out), else on this thread; jsdom tests take the second path. Either way
 * the docx writer is loaded only now (its own chunk).
 */
import type { OfficialDocument } from '@/domain/exchange/official-document';

type Reply = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** A worker that could not start (a file:// page, a strict policy) is not tried again. */
let workerBroken = false;

function inWorker(doc: OfficialDocument): Promise<Uint8Array> | null {
  if (workerBroken || typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./docx-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    workerBroken = true;
    return null;
  }
  // One worker per export: exports are rare, and a finished worker gives its memory back.
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.bytes);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      workerBroken = true;
      reject(new Error('worker-failed'));
    };
    worker.postMessage(doc);
  });
}

async function onThisThread(doc: OfficialDocument): Promise<Uint8Array> {
  const { buildOfficialDocx } = await import('@/domain/exchange/official-docx');
  return buildOfficialDocx(doc);
}

export async function buildDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const job = inWorker(doc);
  if (!job) return onThisThread(doc);
  try {
    return await job;
  } catch (err) {
    // The worker's script failed to load: the same work here. A writer's own error stands.
    if (err instanceof Error && err.message === 'worker-failed') return onThisThread(doc);
    throw err;
  }
}
