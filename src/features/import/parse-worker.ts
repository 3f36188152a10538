/**
 * Reads files and parses off the main thread, so a 5 MB paste or a 100,000-row sheet never
 * freezes the page. Message in: a WorkerRequest; out: { id, ok: true, value } or { id, ok: false, error }.
 */
import { runJob } from './parse-jobs';
import type { Job, WorkerRequest, WorkerResponse } from './parse-runner';

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const { id, ...job } = e.data;
  let reply: WorkerResponse;
  try {
    reply = { id, ok: true, value: await runJob(job as Job) };
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
