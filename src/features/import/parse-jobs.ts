/** The work the parse worker does, as one function the page can also run itself. */
import { parseDocument, parseSpeech } from '@/domain/parser/speech-parser';
import { readDocument } from '@/domain/readers/read-document';
import type { Job } from './parse-runner';

export function runJob(job: Job): unknown {
  if (job.op === 'parse-text') return parseSpeech(job.text, job.options);
  if (job.op === 'parse-doc') return parseDocument(job.doc, job.options);
  return readDocument(job.bytes, job.fileName, { sheet: job.sheet });
}
